// The LISTEN connection dies mid-stream, as in a PostgreSQL restart or failover: the process
// survives, /readyz says not ready until the instance listens again and has caught up, and every
// open socket on every instance receives every event committed during the outage, once, in order.
// PGlite runs in the process and its listener cannot drop; there only readiness is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import request from 'supertest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { createTestApp, testConfig, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { connectLive, type LiveTestClient } from '../helpers/live-client.ts';
import { onPostgres } from '../helpers/test-database.ts';

let t: TestApp;
const instances: FastifyInstance[] = [];
const databases: Database[] = [];
const urls: string[] = [];
let ana: Member;
let ben: Member;
let organizer: Member;

async function listening(app: FastifyInstance) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const readiness = async (app: FastifyInstance) => (await request(app.server).get('/readyz')).status;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [ana, ben, organizer] = [
    await member(t, 'participant', 'es'),
    await member(t, 'participant'),
    await member(t, 'organizer'),
  ];
  if (!onPostgres) return;
  // Two instances whose listeners wait at least two seconds before listening again, so the
  // writes below certainly fall inside the outage.
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  for (let i = 0; i < 2; i += 1) {
    const database = await openDatabase({
      databaseUrl: url.toString(),
      poolSize: 3,
      listenRetry: { firstMs: 4000, maxMs: 8000 },
    });
    databases.push(database);
    const app = await buildApp({ config: testConfig, database, logger: false });
    instances.push(app);
    urls.push(await listening(app));
  }
});
afterAll(async () => {
  for (const app of instances) await app.close();
  for (const database of databases) await database.close();
  await t?.close();
});

describe('readiness', () => {
  it('is ready while the instance listens', async () => {
    const response = await t.get('/readyz').expect(200);
    expect(response.body).toEqual({ status: 'ready' });
  });
});

describe.skipIf(!onPostgres)('LISTEN backend terminated mid-stream (PostgreSQL)', () => {
  it('replays every event committed during the outage to every socket, once, and is not ready meanwhile', async () => {
    const { threadId } = await startThread(t, organizer);
    const sockets: LiveTestClient[] = [];
    for (const url of urls) {
      for (const [who, spec] of [
        [ana, { thread: threadId }],
        [ben, { thread: threadId }],
        [organizer, { week: 2 }],
      ] as const) {
        const socket = await connectLive(url, who.cookie);
        socket.send({ type: 'subscribe', forum: LIVE, ...spec });
        await socket.waitFor((m) => m.type === 'subscribed');
        sockets.push(socket);
      }
    }
    try {
      const before = await reply(t, organizer, threadId, { bodyMd: 'antes' });
      for (const socket of sockets) await socket.waitFor((m) => m.payload?.post?.id === before.id);

      const killed = await sql<{ pid: number }>`SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
        WHERE query ILIKE 'LISTEN%' AND datname = current_database()`.execute(t.db);
      expect(killed.rows.length).toBeGreaterThanOrEqual(2);
      for (const app of instances) await until(async () => (await readiness(app)) === 503, 5000, 'not ready');
      const notReady = await request(instances[0]!.server).get('/readyz').set('Accept-Language', 'fr').expect(503);
      expect(notReady.body.error.code).toBe('not_ready');

      const during = [];
      for (const text of ['uno', 'dos', 'tres']) during.push(await reply(t, organizer, threadId, { bodyMd: text }));
      // Still inside the outage: these events reached nobody through a notification.
      for (const app of instances) expect(await readiness(app)).toBe(503);

      for (const app of instances) await until(async () => (await readiness(app)) === 200, 20_000, 'ready again');
      const after = await reply(t, organizer, threadId, { bodyMd: 'después' });
      const expected = [before.id, ...during.map((post) => post.id), after.id];
      for (const socket of sockets) {
        await socket.waitFor((m) => m.payload?.post?.id === after.id);
        const delivered = socket.messages
          .filter((m: any) => m.type === 'event' && m.event === 'post.created')
          .map((m: any) => m.payload.post.id);
        expect(delivered).toEqual(expected);
      }
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
  });
});
