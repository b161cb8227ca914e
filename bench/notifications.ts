// `npx tsx bench/notifications.ts`: notification fan-out and mail delivery on a real PostgreSQL
// (DATABASE_URL, default postgres://root@127.0.0.1:5432/tertulia_bench_notifications, recreated).
// Measures one post in a thread followed by 2,000 members — SQL statements and time to write
// every notification row, with the fan-out statement's plan — and the outbox delivery rate to
// an SMTP sink in this process (nodemailer as the app uses it, one connection per message, and
// pooled with `?pool=true` in SMTP_URL).
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import type { DB } from '../server/db/schema.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { deliverDue } from '../server/mail/mail-worker.ts';
import { notifyNewPost } from '../server/notifications/post-notifications.ts';
import { queueEmail } from '../server/mail/outbox.queries.ts';
import { recreateDatabase } from './bench-database.ts';

const FOLLOWERS = 2_000;
const MESSAGES = 400;
const databaseUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/tertulia_bench_notifications';

let statements: string[] | null = null;
const log = (event: LogEvent) => {
  if (statements) statements.push(event.query.sql);
};

async function seed(db: Kysely<DB>) {
  const forum = await db
    .insertInto('forums')
    .values({
      slug: 'bench',
      time_zone: 'America/Toronto',
      languages: ['en', 'es', 'fr'],
      starts_on: '2026-11-01',
      ends_on: '2026-12-31',
      starts_at: new Date('2026-11-01T04:00:00Z'),
      ends_at: new Date('2027-01-01T05:00:00Z'),
      application_deadline: new Date('2026-10-01T00:00:00Z'),
      published: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const week = await db
    .insertInto('weeks')
    .values({
      forum_id: forum.id,
      number: 1,
      starts_on: '2026-11-01',
      opens_at: new Date('2026-11-01T04:00:00Z'),
      closes_at: new Date('2026-11-08T05:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`INSERT INTO users (email, display_name, password_hash, interface_lang, reading_langs, time_zone)
    SELECT 'member' || n || '@bench.test', 'Member ' || n, 'x', (ARRAY['en','es','fr'])[1 + n % 3], ARRAY[(ARRAY['en','es','fr'])[1 + n % 3]], 'America/Toronto'
    FROM generate_series(1, ${FOLLOWERS + 1}) AS n`.execute(db);
  const users = await db.selectFrom('users').select('id').orderBy('id').execute();
  await db
    .insertInto('memberships')
    .values(users.map((u) => ({ forum_id: forum.id, user_id: u.id, role: 'participant' as const })))
    .execute();
  const author = users[0]!.id;
  const thread = await db
    .insertInto('threads')
    .values({
      forum_id: forum.id,
      week_id: week.id,
      kind: 'discussion',
      title: 'Fan-out',
      original_lang: 'en',
      author_id: author,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const first = await db
    .insertInto('posts')
    .values({
      thread_id: thread.id,
      parent_id: null,
      path: [],
      author_id: author,
      original_lang: 'en',
      body_md: 'Opening',
      body_html: '<p>Opening</p>',
      word_count: 1,
      idempotency_key: randomUUID(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('posts')
    .set({ path: [first.id] })
    .where('id', '=', first.id)
    .execute();
  await db
    .insertInto('thread_follows')
    .values(
      users.slice(1).map((u) => ({ user_id: u.id, thread_id: thread.id, level: 'following' as const, explicit: true })),
    )
    .execute();
  return { forumId: forum.id, weekId: week.id, threadId: thread.id, firstPostId: first.id, author: users[1]!.id };
}

async function fanOut(db: Kysely<DB>, target: Awaited<ReturnType<typeof seed>>) {
  statements = [];
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    const post = await trx
      .insertInto('posts')
      .values({
        thread_id: target.threadId,
        parent_id: target.firstPostId,
        path: [target.firstPostId],
        author_id: target.author,
        original_lang: 'en',
        body_md: 'A reply everyone follows',
        body_html: '<p>A reply everyone follows</p>',
        word_count: 4,
        idempotency_key: randomUUID(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await notifyNewPost(trx, {
      forumId: target.forumId,
      weekId: target.weekId,
      threadId: target.threadId,
      postId: post.id,
      authorId: target.author,
      parentId: target.firstPostId,
      bodyMd: 'A reply everyone follows',
    });
  });
  const ms = performance.now() - started;
  const sent = statements.filter((s) => !/^(begin|commit)/i.test(s.trim()));
  statements = null;
  const rows = Number(
    (
      await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { ms, statements: sent.length, rows };
}

async function deliveryRate(db: Kysely<DB>, pooled: boolean) {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const transport = nodemailer.createTransport(`smtp://127.0.0.1:${port}${pooled ? '?pool=true' : ''}`);
  await db.deleteFrom('outbox').execute();
  const now = new Date();
  for (let i = 0; i < MESSAGES; i += 1)
    await queueEmail(
      db,
      { toEmail: `reader${i}@bench.test`, lang: 'es', template: 'registration_attempt_on_existing_account' },
      now,
    );
  const started = performance.now();
  while (
    (await deliverDue(
      db,
      {
        publicUrl: 'http://localhost:3000',
        secret: 'bench-secret-bench-secret',
        transport,
        from: 'bench@localhost',
        batchSize: 50,
        composers: {},
      },
      now,
    )) > 0
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { perSecond: received / seconds, received };
}

async function main() {
  await recreateDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  try {
    await migrateToLatest(db);
    const target = await seed(db);
    const warm = await fanOut(db, target);
    await db.deleteFrom('notifications').execute();
    const measured = await fanOut(db, target);
    const plan = await sql<{
      'QUERY PLAN': string;
    }>`EXPLAIN SELECT user_id, level FROM thread_follows WHERE thread_id = ${target.threadId}`.execute(db);
    const single = await deliveryRate(db, false);
    const pooled = await deliveryRate(db, true);
    console.log('| scenario | measured |');
    console.log('|---|---:|');
    console.log(
      `| one post to a thread followed by ${FOLLOWERS.toLocaleString('en')} members: SQL statements: the post, then who hears, one per kind notified (transaction excluded) | ${measured.statements} |`,
    );
    console.log(
      `| … time to write all ${measured.rows.toLocaleString('en')} notification rows (post insert included; first run ${warm.ms.toFixed(0)} ms) | ${measured.ms.toFixed(0)} ms |`,
    );
    console.log(
      `| outbox delivery to a local SMTP sink, a connection per message (${single.received} messages) | ${single.perSecond.toFixed(0)} messages/s |`,
    );
    console.log(
      `| … with a pooled connection (\`SMTP_URL=…?pool=true\`) | ${pooled.perSecond.toFixed(0)} messages/s |`,
    );
    console.log('\nFollowers lookup plan:\n' + plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n'));
  } finally {
    await db.destroy();
  }
}

await main();
