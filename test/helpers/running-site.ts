// The whole site on a loopback port: the built SPA, the API and the demo content, on a test
// file's own database, for browser journeys.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { importContent } from '../../server/content/import.service.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import type { Config } from '../../server/config.ts';
import { testConfig } from './test-app.ts';

export interface RunningSite {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  url: string;
  close(): Promise<void>;
}

/** `overrides` change the test configuration, e.g. a temporary folder for files the site writes. */
export async function startSite(overrides: Partial<Config> = {}): Promise<RunningSite> {
  if (!existsSync(path.join(testConfig.staticDir, 'index.html'))) throw new Error('Build the SPA first: npm run build');
  const testDatabase = await createTestDatabase();
  await importContent(testDatabase.database.db, testConfig.contentDir);
  const app = await buildApp({
    config: { ...testConfig, allowedOrigins: [], ...overrides },
    database: testDatabase.database,
    logger: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    app,
    testDatabase,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await testDatabase.drop();
    },
  };
}
