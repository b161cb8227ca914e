// The server under test, run in a child process of the benchmark so the RSS it reports is
// the app's alone. It serves the real app (buildApp) on one port and, on a second port, a
// bare Fastify instance with no plugins or hooks: the throughput baseline, which also answers
// /stats (SQL statements sent so far and RSS) without touching the app under test.
// Started by bench/server-process.ts; never imported by server/.
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { SESSION_COOKIE } from '../server/auth/session-cookie.ts';
import { validateSessionToken } from '../server/auth/session.ts';
import { readConfig, type Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';

export interface ServerStats {
  /** Statements sent to PostgreSQL by this process since it started (BEGIN and COMMIT included). */
  queries: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** User + system CPU time of this process, µs: the server's cost per request whatever else runs on the machine. */
  cpuMicros: number;
}

export interface ReadyMessage {
  type: 'ready';
  appPort: number;
  barePort: number;
}

// Every statement the app sends goes through pg.Client#query: Kysely's pooled connections
// and the LISTEN connection alike. Counting there sees BEGIN/COMMIT and the live-update
// dispatch too, which Kysely's `log` option (per Kysely instance, set inside openDatabase)
// would not, and needs no change to server/.
let queries = 0;
let trace: string[] | null = null;
const clientPrototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const sendQuery = clientPrototype.query;
clientPrototype.query = function countedQuery(this: unknown, ...args: unknown[]) {
  queries++;
  if (trace) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '?');
    trace.push(text.replace(/\s+/g, ' ').trim());
  }
  return sendQuery.apply(this, args);
};

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('bench/server.ts needs DATABASE_URL');

const config: Config = {
  ...readConfig({ ...process.env, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }),
  host: '127.0.0.1',
  port: 0,
  databaseUrl,
  // The POST load writes far faster than any person; the limits would turn it into a 429 benchmark.
  postRateLimit: { max: 1_000_000_000, windowMs: 60_000 },
  authRateLimit: { max: 1_000_000, windowMs: 60_000 },
};

const database = await openDatabase({ databaseUrl, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 10) });
const app = await buildApp({ config, database });
await app.listen({ host: '127.0.0.1', port: 0 });

const bare = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
bare.get('/', async () => ({ hello: 'world' }));

// Two floors for the thread page, measured like it: what this machine gives a route that does
// nothing but the session lookup every signed-in request makes, and one that sends a stored
// copy of the page's bytes, compressed as the app compresses them, doing no work at all.
const sessionCookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);
bare.get('/session-lookup', async (request, reply) => {
  const token = sessionCookie.exec(request.headers.cookie ?? '')?.[1];
  const result = token ? await validateSessionToken(database.db, token) : null;
  if (!result?.user) return reply.code(401).send({ signedIn: false });
  return { signedIn: true, userId: result.user.id };
});
let storedPage: { identity: string; br: Buffer; gzip: Buffer } | null = null;
bare.post('/stored-page', async (request) => {
  const identity = JSON.stringify(request.body);
  storedPage = {
    identity,
    br: brotliCompressSync(identity, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_LGWIN]: 18 },
    }),
    gzip: gzipSync(identity),
  };
  return { bytes: Buffer.byteLength(identity), brBytes: storedPage.br.length, gzipBytes: storedPage.gzip.length };
});
bare.get('/stored-page', async (request, reply) => {
  if (!storedPage) return reply.code(404).send({ stored: false });
  const accepts = request.headers['accept-encoding'] ?? '';
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (accepts.includes('br')) return reply.header('content-encoding', 'br').send(storedPage.br);
  if (accepts.includes('gzip')) return reply.header('content-encoding', 'gzip').send(storedPage.gzip);
  return reply.send(storedPage.identity);
});
bare.get('/stats', async (): Promise<ServerStats> => {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { queries, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, cpuMicros: cpu.user + cpu.system };
});
// The statements of one request, for results.md: start before it, stop after it.
bare.post('/trace/start', async () => {
  trace = [];
  return { tracing: true };
});
bare.post('/trace/stop', async () => {
  const statements = trace ?? [];
  trace = null;
  return { statements };
});
await bare.listen({ host: '127.0.0.1', port: 0 });

const portOf = (server: { address(): unknown }) => (server.address() as { port: number }).port;
const ready: ReadyMessage = { type: 'ready', appPort: portOf(app.server), barePort: portOf(bare.server) };
process.send?.(ready);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  const timer = setTimeout(() => process.exit(1), 5_000).unref();
  await Promise.allSettled([app.close(), bare.close()]);
  await app.handlersSettled();
  await database.close();
  clearTimeout(timer);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// Orphaned (the benchmark died without killing us): leave rather than linger.
process.on('disconnect', () => void shutdown());
