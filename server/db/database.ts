// Opens the database the configuration names: a PostgreSQL server through `pg` when a URL is
// given, otherwise embedded PGlite, behind one Kysely type so no other module knows which.
import { Kysely, PostgresDialect } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DB } from './schema.ts';

export interface ListenHandlers {
  onNotify(payload: string): void;
  /** The listening connection dropped: notifications sent from now on are missed until `onRestored`. */
  onLost?(error: Error): void;
  /** Listening again after a drop (reconnected with backoff). */
  onRestored?(): void;
}

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Subscribes to a NOTIFY channel, reconnecting when its connection drops; resolves to an unsubscribe function. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Delays between attempts to listen again: from `firstMs`, doubling up to `maxMs`. */
export interface ListenRetry {
  firstMs: number;
  maxMs: number;
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
  listenRetry?: ListenRetry;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(
      options.databaseUrl,
      options.poolSize ?? 10,
      options.listenRetry ?? { firstMs: 500, maxMs: 10_000 },
    );
  const pglite = options.pglite ?? (await createPGlite(options.dataDir ?? 'memory://'));
  return wrapPGlite(pglite, !options.pglite);
}

// PGlite is loaded only when the embedded database is used: its module alone is ~40 MB of
// resident memory that a server on PostgreSQL should not carry.
export async function createPGlite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
  // Search's configurations use unaccent (migrations/2026_12_07_0060_search.ts): a data folder
  // that has the extension does not open without it, so every open loads it.
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const pglite = new PGlite(dataDir, {
    loadDataDir,
    extensions: { unaccent },
    parsers: { [DATE_OID]: (value: string) => value, [pgliteTypes.INT8]: (value: string) => Number(value) },
  });
  await pglite.waitReady;
  return pglite;
}

async function wrapPGlite(pglite: PGlite, ownsInstance: boolean): Promise<Database> {
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  // The dialect closes the PGlite instance when Kysely is destroyed; a borrowed instance
  // must outlive this handle, so the dialect gets one that only queries (all it needs).
  const handle = ownsInstance
    ? pglite
    : ({
        query: (query: string, params?: unknown[]) => pglite.query(query, params),
        close: async () => {},
      } as unknown as PGlite);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(handle) });
  return {
    db,
    kind: 'pglite',
    // PGlite runs in this process: its listener cannot lose a connection, so it never reports a drop.
    async listen(channel, handlers) {
      const unlisten = await pglite.listen(channel, (payload) => handlers.onNotify(payload));
      return async () => {
        await unlisten();
      };
    },
    close: () => db.destroy(),
  };
}

function openPostgres(connectionString: string, max: number, retry: ListenRetry): Database {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client whose server connection drops (restart, failover) emits here; without a
  // listener that would crash the process. The pool replaces the client on next use.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'postgres',
    async listen(channel, handlers) {
      const stop = await listenWithReconnect(connectionString, channel, handlers, retry);
      const unlisten = async () => {
        listeners.delete(unlisten);
        await stop();
      };
      listeners.add(unlisten);
      return unlisten;
    },
    async close() {
      await Promise.all([...listeners].map((unlisten) => unlisten()));
      await db.destroy();
    },
  };
}

/**
 * LISTEN needs a connection of its own that stays open; pooled ones are returned. When the
 * server ends it (restart, failover, pg_terminate_backend) the client reports the loss and
 * listens again on a new connection, backing off with jitter so instances do not return at once.
 */
async function listenWithReconnect(
  connectionString: string,
  channel: string,
  handlers: ListenHandlers,
  retry: ListenRetry,
): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const lost = (client: pg.Client, error: Error) => {
    if (stopped || client !== current) return;
    current = null;
    client.end().catch(() => {});
    handlers.onLost?.(error);
    scheduleRetry();
  };

  const connect = async () => {
    // TCP keepalive: a peer that vanished without closing (a partition) is noticed too.
    const client = new pg.Client({ connectionString, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '');
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client, new Error('listening connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await client.end();
      return;
    }
    current = client;
  };

  const scheduleRetry = () => {
    const ceiling = Math.min(retry.maxMs, retry.firstMs * 2 ** attempt);
    attempt = Math.min(attempt + 1, 16);
    // reconnect() catches its own failure (by scheduling the next try), so nothing is left to await.
    timer = setTimeout(() => void reconnect(), ceiling / 2 + (Math.random() * ceiling) / 2);
  };

  const reconnect = async () => {
    timer = null;
    if (stopped) return;
    try {
      await connect();
    } catch {
      scheduleRetry();
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the unsubscriber may run during the await
    if (stopped) return;
    attempt = 0;
    handlers.onRestored?.();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const client = current;
    current = null;
    await client?.end();
  };
}
