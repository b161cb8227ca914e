// Builds the real app on a test file's own database and offers the journeys tests repeat:
// requests from this site's origin, accounts, signing in.
import request from 'supertest';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../server/app.ts';
import { defaultConfig, type Config } from '../../server/config.ts';
import type { DB, ForumRole, Lang } from '../../server/db/schema.ts';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const ORIGIN = 'http://tertulia.test';

export interface TestApp {
  app: FastifyInstance;
  db: Kysely<DB>;
  testDatabase: TestDatabase;
  /** A supertest request; writes carry this site's Origin. */
  // Properties, not methods: they are arrow functions, and hostile-input.test.ts calls them detached.
  get: (url: string) => request.Test;
  post: (url: string) => request.Test;
  patch: (url: string) => request.Test;
  put: (url: string) => request.Test;
  delete: (url: string) => request.Test;
  close(): Promise<void>;
}

export const testConfig: Config = Object.freeze({
  ...defaultConfig,
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  allowedOrigins: [ORIGIN],
  seedDemo: false,
  // High enough that journeys never meet it; the rate-limit test lowers it.
  authRateLimit: { max: 1000, windowMs: 60_000 },
  postRateLimit: { max: 1000, windowMs: 60_000 },
});

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const app = await buildApp({
    config: { ...testConfig, ...overrides },
    database: testDatabase.database,
    logger: false,
  });
  await app.ready();
  return {
    app,
    db: testDatabase.database.db,
    testDatabase,
    get: (url) => request(app.server).get(url),
    post: (url) => request(app.server).post(url).set('Origin', ORIGIN),
    patch: (url) => request(app.server).patch(url).set('Origin', ORIGIN),
    put: (url) => request(app.server).put(url).set('Origin', ORIGIN),
    delete: (url) => request(app.server).delete(url).set('Origin', ORIGIN),
    async close() {
      await app.close();
      await testDatabase.drop();
    },
  };
}

let counter = 0;

export interface TestUser {
  id: number;
  email: string;
  password: string;
}

/** An account made directly through the domain, optionally with roles in forums. */
export async function createUser(
  db: Kysely<DB>,
  options: {
    interfaceLang?: Lang;
    readingLangs?: Lang[];
    isAdmin?: boolean;
    roles?: { forumSlug: string; role: ForumRole }[];
    name?: string;
  } = {},
): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${process.pid}@example.test`;
  const password = 'correct horse battery';
  const { id } = await ensureAccount(db, {
    email,
    password,
    displayName: options.name ?? `User ${counter}`,
    interfaceLang: options.interfaceLang,
    readingLangs: options.readingLangs,
    isAdmin: options.isAdmin,
    roles: options.roles,
  });
  return { id, email, password };
}

/** Signs in through the API and returns the Cookie header to send. */
export async function signIn(t: TestApp, user: { email: string; password: string }): Promise<string> {
  const response = await t.post('/api/auth/sign-in').send({ email: user.email, password: user.password }).expect(200);
  const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('tertulia_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!;
}
