// `npx tsx bench/home.ts` (part of `npm run bench`): the members' "this week" home on the bench
// forum (60,000 posts) with published case studies, questions and drafts added — its SQL
// statement count per request (session lookup included) for members of 1 and of 3 forums, and
// its throughput as a ratio to the bare Fastify route, measured in the same run. Quick: a few
// seconds of load after the seed. DATABASE_URL, default postgres://root@127.0.0.1:5432/tertulia_bench_home (recreated).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { openDatabase } from '../server/db/database.ts';
import { recreateDatabase } from './bench-database.ts';
import { runLoad } from './http-load.ts';
import { seedForum } from './seed.ts';
import { startServer, type ServerHandle } from './server-process.ts';
import { signInMembers } from './sessions.ts';
import { statementsPerRequest } from './statement-counter.ts';
import { MEASURED_WEEK } from './settings.ts';

const databaseUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/tertulia_bench_home';
const LOAD_SECONDS = 3;
const CASE_STUDIES = 4;
const QUESTIONS_PER_CASE_STUDY = 10;

/** Key respondents with published case studies in the measured week, each asked questions by the readers. */
async function seedQuestions(db: Kysely<DB>, forumSlug: string, readerIds: number[], keyRespondentIds: number[]) {
  const week = await db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .select(['weeks.id', 'weeks.forum_id'])
    .where('forums.slug', '=', forumSlug)
    .where('weeks.number', '=', MEASURED_WEEK)
    .executeTakeFirstOrThrow();
  for (const [index, authorId] of keyRespondentIds.entries()) {
    await db
      .updateTable('memberships')
      .set({ role: 'key_respondent', week_id: week.id })
      .where('forum_id', '=', week.forum_id)
      .where('user_id', '=', authorId)
      .where('role', '=', 'participant')
      .execute();
    const thread = await db
      .insertInto('threads')
      .values({
        forum_id: week.forum_id,
        week_id: week.id,
        kind: 'case_study',
        title: `Case study ${index + 1}`,
        original_lang: 'es',
        author_id: authorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_studies')
      .values({
        forum_id: week.forum_id,
        week_id: week.id,
        author_id: authorId,
        status: 'published',
        title: `Case study ${index + 1}`,
        body_md: 'Una experiencia.',
        body_html: '<p>Una experiencia.</p>',
        original_lang: 'es',
        word_count: 2,
        idempotency_key: randomUUID(),
        thread_id: thread.id,
        submitted_at: new Date(),
        approved_at: new Date(),
        published_at: new Date(),
      })
      .execute();
    // Set-based, as the seed does: the questions, then their paths.
    await sql`INSERT INTO posts (thread_id, parent_id, path, author_id, original_lang, body_md, body_html, word_count, idempotency_key, addressed_to)
      SELECT ${thread.id}, NULL, '{}', r.id, 'en', 'A question?', '<p>A question?</p>', 2, gen_random_uuid(), ${authorId}
      FROM unnest(${`{${readerIds.slice(0, QUESTIONS_PER_CASE_STUDY).join(',')}}`}::int[]) AS r (id)`.execute(db);
    await sql`UPDATE posts SET path = ARRAY[id] WHERE thread_id = ${thread.id}`.execute(db);
  }
  for (const readerId of readerIds) {
    await db
      .insertInto('drafts')
      .values({ user_id: readerId, draft_key: `thread:week:${week.id}`, body_md: 'A draft', lang: 'en' })
      .execute();
  }
}

/** Two more forums for the first reader, so the count is read with 1 forum and with 3. */
async function addForums(db: Kysely<DB>, userId: number) {
  for (const slug of ['bench-second', 'bench-third']) {
    const forum = await db
      .insertInto('forums')
      .values({
        slug,
        time_zone: 'America/Santiago',
        languages: ['en', 'es'],
        starts_on: '2026-01-01',
        ends_on: '2027-12-31',
        starts_at: new Date('2026-01-01T03:00:00Z'),
        ends_at: new Date('2028-01-01T03:00:00Z'),
        application_deadline: new Date('2025-12-01T03:00:00Z'),
        published: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('forum_texts')
      .values({ forum_id: forum.id, lang: 'en', title: slug, summary: '', call_md: '', call_html: '' })
      .execute();
    await db.insertInto('memberships').values({ forum_id: forum.id, user_id: userId, role: 'participant' }).execute();
  }
}

async function main(): Promise<void> {
  await recreateDatabase(databaseUrl);
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  let server: ServerHandle | undefined;
  try {
    process.stdout.write('Seeding the forum … ');
    const forum = await seedForum(database.db, MEASURED_WEEK);
    const readers = forum.memberIds.slice(0, 64);
    await seedQuestions(database.db, forum.slug, readers, forum.memberIds.slice(100, 100 + CASE_STUDIES));
    const cookies = (await signInMembers(database.db, readers)).map((member) => member.cookie);
    const [oneForumCookie] = (await signInMembers(database.db, [forum.memberIds[200]!])).map((member) => member.cookie);
    const [threeForumsCookie] = (await signInMembers(database.db, [forum.memberIds[201]!])).map(
      (member) => member.cookie,
    );
    await addForums(database.db, forum.memberIds[201]!);
    console.log(`${forum.seconds.toFixed(1)} s`);

    server = await startServer(databaseUrl);
    const home = `${server.appUrl}/api/home`;
    const oneForum = await statementsPerRequest(server, home, oneForumCookie!);
    const threeForums = await statementsPerRequest(server, home, threeForumsCookie!);
    const withQuestions = await statementsPerRequest(server, home, cookies[0]!);
    const bare = await runLoad(server, {
      name: 'bare Fastify route',
      url: `${server.bareUrl}/`,
      durationSeconds: LOAD_SECONDS,
    });
    const load = await runLoad(server, { name: 'GET /api/home', url: home, cookies, durationSeconds: LOAD_SECONDS });
    const ratio = load.requestsPerSecond / bare.requestsPerSecond;

    console.log('\n| "This week" home | value |');
    console.log('|---|---|');
    console.log(`| SQL statements per request, member of 1 forum (session lookup included) | ${oneForum} |`);
    console.log(`| SQL statements per request, member of 3 forums | ${threeForums} |`);
    console.log(`| SQL statements per request, asker of ${CASE_STUDIES} questions with a draft | ${withQuestions} |`);
    console.log(`| bare Fastify route | ${bare.requestsPerSecond.toFixed(0)} req/s, p99 ${bare.p99Ms} ms |`);
    console.log(
      `| GET /api/home (${cookies.length} members, ${forum.threads.length} threads, ${CASE_STUDIES * QUESTIONS_PER_CASE_STUDY} questions) | ${load.requestsPerSecond.toFixed(0)} req/s, p99 ${load.p99Ms} ms, ${load.queriesPerRequest.toFixed(2)} SQL/req, ${load.cpuMsPerRequest.toFixed(2)} ms server CPU/req, non-2xx ${load.non2xx} |`,
    );
    console.log(
      `| home throughput ÷ bare route | ${ratio.toFixed(3)}× (budget for members' pages: ≥ 0.25×, reported) |`,
    );
    if (oneForum !== threeForums)
      throw new Error(`the home's statement count grows with forums: ${oneForum} vs ${threeForums}`);
  } finally {
    await server?.stop();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
