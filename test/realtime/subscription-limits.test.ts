// What one socket may ask of the server, and resuming far behind: a subscribe flood is capped
// and never sends an event twice, replays are budgeted, a resume pages through its own events
// past any number of other weeks' events (or says `reset`), and socket errors read like the API's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { connectLive, type LiveTestClient } from '../helpers/live-client.ts';
import { MAX_SOCKETS_PER_USER } from '../../server/realtime/live-socket.ts';

let t: TestApp;
let url: string;
let ana: Member;
let organizer: Member;
let forumId: number;
let week1Id: number;
let week2Id: number;
const open: LiveTestClient[] = [];

async function live(cookie: string) {
  const client = await connectLive(url, cookie);
  open.push(client);
  return client;
}

/** Events written straight to the log (as many writers would have), without notifying anyone. */
async function appendRawEvents(count: number, where: { weekId: number; threadId: number | null }) {
  await sql`INSERT INTO events (forum_id, week_id, thread_id, type, payload)
    SELECT ${forumId}, ${where.weekId}, ${where.threadId}, 'thread.updated', jsonb_build_object('n', n) FROM generate_series(1, ${count}) AS n`.execute(
    t.db,
  );
}

async function latestId() {
  return Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id,
  );
}

const events = (client: LiveTestClient) => client.messages.filter((m) => m.type === 'event') as Record<string, any>[];

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  [ana, organizer] = [await member(t, 'participant', 'es'), await member(t, 'organizer')];
  const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
  forumId = forum.id;
  const weeks = await t.db
    .selectFrom('weeks')
    .select(['id', 'number'])
    .where('forum_id', '=', forumId)
    .orderBy('number')
    .execute();
  [week1Id, week2Id] = [weeks[0]!.id, weeks[1]!.id];
});
afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await t?.close();
});

describe('subscribe flood', () => {
  it('sends each event once however often a socket re-subscribes to the same thread', async () => {
    const { threadId } = await startThread(t, organizer);
    await appendRawEvents(40, { weekId: week2Id, threadId });
    const total = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('thread_id', '=', threadId)
      .executeTakeFirstOrThrow();
    const socket = await live(ana.cookie);
    for (let i = 0; i < 20; i += 1) socket.send({ type: 'subscribe', forum: LIVE, thread: threadId, after: 0 });
    await socket.waitFor(() => socket.messages.filter((m) => m.type === 'subscribed').length === 20, 10_000);
    const ids = events(socket).map((m) => m.id);
    expect(ids).toHaveLength(Number(total.n));
    expect(new Set(ids).size).toBe(ids.length);
    expect(socket.messages.length).toBe(Number(total.n) + 20);
  });

  it('caps the subscriptions one socket holds', async () => {
    const socket = await live(ana.cookie);
    const threads: number[] = [];
    for (let i = 0; i < 11; i += 1) threads.push((await startThread(t, organizer)).threadId);
    for (const thread of threads) {
      socket.send({ type: 'subscribe', forum: LIVE, thread });
      await socket.waitFor((m) => m.subscription === `thread:${thread}` || m.type === 'error');
    }
    const refused = await socket.waitFor((m) => m.type === 'error');
    expect(refused).toMatchObject({ code: 'too_many_subscriptions' });
    expect(refused.message).toMatch(/10/);
    expect(socket.messages.filter((m) => m.type === 'subscribed')).toHaveLength(10);
    // Letting one go makes room again.
    socket.send({ type: 'unsubscribe', subscription: `thread:${threads[0]}` });
    socket.send({ type: 'subscribe', forum: LIVE, thread: threads[10] });
    await socket.waitFor((m) => m.type === 'subscribed' && m.subscription === `thread:${threads[10]}`);
  });

  it('answers a burst of messages past the rate once, and then nothing more', async () => {
    const socket = await live(ana.cookie);
    for (let i = 0; i < 60; i += 1) socket.send({ type: 'unsubscribe', subscription: `thread:${i}` });
    const limited = await socket.waitFor((m) => m.type === 'error' && m.code === 'rate_limited');
    expect(limited.message).toMatch(/^\S.*[^}]$/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.messages.filter((m) => m.code === 'rate_limited')).toHaveLength(1);
    expect(socket.isOpen).toBe(true);
  });

  it('budgets replays: past two full resumes a minute, a socket is told to reload instead', async () => {
    const { threadId } = await startThread(t, organizer);
    await appendRawEvents(800, { weekId: week2Id, threadId });
    const socket = await live(ana.cookie);
    for (let round = 1; round <= 3; round += 1) {
      socket.send({ type: 'subscribe', forum: LIVE, thread: threadId, after: 0 });
      await socket.waitFor(() => socket.messages.filter((m) => m.type === 'subscribed').length === round, 10_000);
      socket.send({ type: 'unsubscribe', subscription: `thread:${threadId}` });
    }
    expect(events(socket)).toHaveLength(2 * 801);
    const reset = socket.messages.find((m) => m.type === 'reset');
    expect(reset).toMatchObject({ subscription: `thread:${threadId}`, lastEventId: await latestId() });
  });
});

describe('resume', () => {
  it('delivers every missed event of its thread past more than 1,000 events of other weeks', async () => {
    const { threadId } = await startThread(t, organizer);
    const first = await live(ana.cookie);
    first.send({ type: 'subscribe', forum: LIVE, thread: threadId });
    const lastSeen = (await first.waitFor((m) => m.type === 'subscribed')).lastEventId as number;
    await first.close();

    const p1 = await reply(t, organizer, threadId, { bodyMd: 'uno' });
    await appendRawEvents(1200, { weekId: week1Id, threadId: null });
    const p2 = await reply(t, organizer, threadId, { bodyMd: 'dos' });
    await appendRawEvents(1200, { weekId: week2Id, threadId: null });
    const p3 = await reply(t, organizer, threadId, { bodyMd: 'tres' });
    const latest = await latestId();

    const again = await live(ana.cookie);
    again.send({ type: 'subscribe', forum: LIVE, thread: threadId, after: lastSeen });
    const subscribed = await again.waitFor((m) => m.type === 'subscribed');
    expect(events(again).map((m) => m.payload.post.id)).toEqual([p1.id, p2.id, p3.id]);
    expect(subscribed.lastEventId).toBe(latest);
    expect(again.messages.some((m) => m.type === 'reset')).toBe(false);
  });

  it('tells a client more than 1,000 of its own events behind to reload, and follows on from there', async () => {
    const { threadId } = await startThread(t, organizer);
    const first = await live(ana.cookie);
    first.send({ type: 'subscribe', forum: LIVE, thread: threadId });
    const lastSeen = (await first.waitFor((m) => m.type === 'subscribed')).lastEventId as number;
    await first.close();
    await appendRawEvents(1001, { weekId: week2Id, threadId });
    const latest = await latestId();

    const again = await live(ana.cookie);
    again.send({ type: 'subscribe', forum: LIVE, thread: threadId, after: lastSeen });
    const subscribed = await again.waitFor((m) => m.type === 'subscribed');
    const reset = again.messages.find((m) => m.type === 'reset');
    expect(reset).toEqual({ type: 'reset', subscription: `thread:${threadId}`, lastEventId: latest });
    expect(subscribed.lastEventId).toBe(latest);
    const p = await reply(t, organizer, threadId, { bodyMd: 'después' });
    await again.waitFor((m) => m.type === 'event' && m.payload?.post?.id === p.id);
    // Never an id it did not reach: nothing between the reset and the live event was claimed.
    expect(again.messages.indexOf(reset!)).toBeLessThan(again.messages.indexOf(subscribed));
  });
});

describe('socket input and errors', () => {
  it('refuses a thread id beyond its column’s range as invalid input', async () => {
    const socket = await live(ana.cookie);
    socket.send({ type: 'subscribe', forum: LIVE, thread: 2 ** 31 });
    const error = await socket.waitFor((m) => m.type === 'error');
    expect(error.code).toBe('validation');
  });

  it('refuses a forum name that is no slug (a NUL byte) as invalid input, and keeps the socket', async () => {
    const socket = await live(ana.cookie);
    socket.send({ type: 'subscribe', forum: 'live\u0000', week: 1 });
    const error = await socket.waitFor((m) => m.type === 'error');
    expect(error).toMatchObject({ code: 'validation' });
    socket.send({ type: 'subscribe', forum: LIVE, week: 1 });
    await socket.waitFor((m) => m.type === 'subscribed' && m.subscription === 'week:1');
  });

  it('words week_not_open in the reader’s language and zone, with nothing left unreplaced', async () => {
    await t.db.updateTable('users').set({ time_zone: 'America/Sao_Paulo' }).where('id', '=', ana.id).execute();
    const opensAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000);
    const before = await t.db
      .selectFrom('weeks')
      .select('opens_at')
      .where('id', '=', week2Id)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('weeks').set({ opens_at: opensAt }).where('id', '=', week2Id).execute();
    try {
      const socket = await live(ana.cookie);
      socket.send({ type: 'subscribe', forum: LIVE, week: 2 });
      const error = await socket.waitFor((m) => m.type === 'error');
      expect(error.code).toBe('week_not_open');
      expect(error.message).not.toMatch(/\{\{|\}\}/);
      const local = new Intl.DateTimeFormat('es', {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: 'America/Sao_Paulo',
      }).format(opensAt);
      expect(error.message).toContain(local);
      expect(error.message).toBe(
        formatErrorMessage('es', 'America/Sao_Paulo', 'week_not_open', { number: 2, opensAt }),
      );
    } finally {
      await t.db.updateTable('weeks').set({ opens_at: before.opens_at }).where('id', '=', week2Id).execute();
    }
  });
});

describe('sockets per user', () => {
  it(`keeps ${MAX_SOCKETS_PER_USER} sockets of one user open on an instance, closes the next with 4429 and a reason in their language, and lets others in`, async () => {
    const reader = await member(t, 'participant', 'fr');
    const sockets = await Promise.all(
      Array.from({ length: MAX_SOCKETS_PER_USER }, () => connectLive(url, reader.cookie)),
    );
    try {
      const extra = await connectLive(url, reader.cookie);
      const error = await extra.waitFor((m) => m.type === 'error');
      expect(error).toEqual({
        type: 'error',
        code: 'too_many_connections',
        message: formatErrorMessage('fr', 'UTC', 'too_many_connections', { max: MAX_SOCKETS_PER_USER }),
      });
      expect(error.message).toContain(String(MAX_SOCKETS_PER_USER));
      expect(await extra.closed()).toBe(4429);
      expect(sockets.every((socket) => socket.isOpen)).toBe(true);
      // Another reader is not affected, and a closed socket frees its place.
      const other = await live(organizer.cookie);
      other.send({ type: 'subscribe', forum: LIVE, week: 1 });
      await other.waitFor((m) => m.type === 'subscribed');
      await sockets.pop()!.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await connectLive(url, reader.cookie);
      sockets.push(again);
      again.send({ type: 'subscribe', forum: LIVE, week: 1 });
      await again.waitFor((m) => m.type === 'subscribed');
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
  });
});
