// Opens the database the configuration names: a PostgreSQL server through `pg` when a URL is
// given, otherwise embedded PGlite, behind one Kysely type so no other module knows which.
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Notification = (payload: string) => void;

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: Notification): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// DATE stays 'YYYY-MM-DD' text: a JS Date would move it by the process's time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);
// count(*) and sums are int8; the counts this app makes fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** PGlite folder, or `memory://`. */
  dataDir?: string;
  /** An already open PGlite instance (tests, or two apps sharing one database). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  const pglite = options.pglite ?? (await createPGlite(options.dataDir ?? 'memory://'));
  return wrapPGlite(pglite, !options.pglite);
}

// PGlite is loaded only when the embedded database is used: its module alone is ~40 MB of
// resident memory that a server on PostgreSQL should not carry.
export async function createPGlite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
  const pglite = new PGlite(dataDir, {
    loadDataDir,
    parsers: { [DATE_OID]: (value: string) => value, [pgliteTypes.INT8]: (value: string) => Number(value) },
  });
  await pglite.waitReady;
  return pglite;
}

async function wrapPGlite(pglite: PGlite, ownsInstance: boolean): Promise<Database> {
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  // The dialect closes the PGlite instance when Kysely is destroyed; a borrowed instance
  // must outlive this handle, so the dialect gets one that only queries (all it needs).
  const handle = ownsInstance ? pglite : ({
    query: (query: string, params?: unknown[]) => pglite.query(query, params),
    close: async () => {},
  } as unknown as PGlite);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(handle) });
  return {
    db,
    kind: 'pglite',
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => { await unlisten(); };
    },
    close: () => db.destroy(),
  };
}

function openPostgres(connectionString: string, max: number): Database {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client whose server connection drops (restart, failover) emits here; without a
  // listener that would crash the process. The pool replaces the client on next use.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  return {
    db,
    kind: 'postgres',
    async listen(channel, onNotify) {
      // LISTEN needs a connection of its own that stays open; pooled ones are returned.
      const client = new pg.Client({ connectionString });
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end()));
      await db.destroy();
    },
  };
}
