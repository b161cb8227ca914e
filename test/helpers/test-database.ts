// A fresh, migrated database for one test file: PGlite restored from the run's snapshot, or a
// copy of the run's template database on PostgreSQL, dropped when the file is done.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPGlite, openDatabase, type Database } from '../../server/db/database.ts';

export interface TestDatabase {
  database: Database;
  /** For a second app on the same database (two instances). */
  openAnother(): Promise<Database>;
  drop(): Promise<void>;
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** For a test's name: PostgreSQL really runs two requests at once on two connections, while PGlite's one
 * connection makes their transactions take turns, so a race test says which of the two it proved. */
export const atOnce = onPostgres
  ? 'at once, on two connections'
  : 'at once, taking turns on the one embedded connection';

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `tertulia_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const opened: Database[] = [];
    const open = async () => {
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
      opened.push(database);
      return database;
    };
    const database = await open();
    return {
      database,
      openAnother: open,
      async drop() {
        await Promise.all(opened.map((db) => db.close()));
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
  const pglite = await createPGlite('memory://', snapshot);
  const database = await openDatabase({ pglite });
  return {
    database,
    // PGlite has a single connection, and the dialect serializes transactions per Kysely
    // instance, so a second app on the same database shares this handle.
    openAnother: async () => ({ ...database, close: async () => {} }),
    async drop() {
      await database.close();
      await pglite.close();
    },
  };
}
