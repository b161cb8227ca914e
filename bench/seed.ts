// Seeds the benchmark forum straight into PostgreSQL with set-based SQL: one statement per
// table (arrays unnested server-side, bodies joined from a small template table), not one
// round trip per row, so 60,000 posts take seconds rather than minutes.
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../server/auth/password.ts';
import { markdownToHtml } from '../server/markdown/markdown-pipeline.ts';
import type { DB, Lang } from '../server/db/schema.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { addDays, forumCalendar, localDate, startOfLocalDay } from '../server/forums/forum-calendar.ts';
import { bodyTemplates } from './post-bodies.ts';
import { measuredThreadIndexes, planForum, type ForumPlan } from './forum-plan.ts';
import { FORUM } from './settings.ts';
import { seededRandom, type Random } from './random.ts';
import { hasTranslations, seedTranslations, TRANSLATION_POLICY } from './seed-translations.ts';

const LANGS: Lang[] = ['en', 'es', 'fr'];
const BODIES_PER_LANG = 8;
const TRANSLATORS = 10;
/** Members who will sign in during the run; only they get read positions (see seedReadPositions). */
export const SIGNED_IN_MEMBERS = 300;

export interface SeededThread {
  id: number;
  weekNumber: number;
  postCount: number;
  /** A few of its post ids, for replies to answer. */
  postIds: number[];
}

export interface SeededForum {
  slug: string;
  threads: SeededThread[];
  bigThread: SeededThread;
  smallThread: SeededThread;
  /** Participants (not organizers) to sign in, in a stable order. */
  memberIds: number[];
  postsByLang: Record<Lang, number>;
  /** Published translations and open translation tasks (0 on a schema without translations). */
  translations: number;
  translationTasks: number;
  seconds: number;
}

const TITLES: Record<Lang, string[]> = {
  en: [
    'Public procurement and local producers',
    'Financing housing cooperatives',
    'Informal workers in the law',
    'Scaling the pilot',
  ],
  es: [
    'Compras públicas y productores locales',
    'Financiar las cooperativas de vivienda',
    'El trabajo informal en la ley',
    'Escalar el piloto',
  ],
  fr: [
    'Marchés publics et producteurs locaux',
    'Financer les coopératives d’habitation',
    'Le travail informel dans la loi',
    'Passer le pilote à l’échelle',
  ],
};

export async function seedForum(db: Kysely<DB>, weekToMeasure: number, now = new Date()): Promise<SeededForum> {
  const started = performance.now();
  await migrateToLatest(db);
  const random = seededRandom(2026);
  const { forumId, weekIds, weekOpensAt } = await seedForumAndWeeks(db, now);
  const userIds = await seedMembers(db, forumId);
  const translatorIds = userIds.slice(-TRANSLATORS);
  await db
    .insertInto('memberships')
    .values(translatorIds.map((id) => ({ forum_id: forumId, user_id: id, role: 'translator' as const })))
    .execute();
  const plan = planForum(random, {
    weekOpensAt,
    now,
    authorIds: userIds,
    bodiesPerLang: BODIES_PER_LANG,
    measuredWeek: weekToMeasure,
  });
  // The templates live in a scratch table for the duration of the seed, so each post or
  // translation row sends only its structure and PostgreSQL copies the body text itself.
  const bodies = bodyTemplates(BODIES_PER_LANG);
  await sql`CREATE TABLE bench_bodies (id int PRIMARY KEY, lang text, body_md text, body_html text, word_count int)`.execute(
    db,
  );
  await sql`INSERT INTO bench_bodies SELECT * FROM unnest(${bodies.map((_, i) => i)}::int[], ${bodies.map((b) => b.lang)}::text[],
    ${bodies.map((b) => b.bodyMd)}::text[], ${bodies.map((b) => b.bodyHtml)}::text[], ${bodies.map((b) => b.wordCount)}::int[])`.execute(
    db,
  );
  await seedThreadsAndPosts(db, forumId, weekIds, plan);
  const translated = (await hasTranslations(db))
    ? await seedTranslations(db, { forumId, weekIds, plan, translatorIds, bodyId, titleOf, now }, random)
    : { translations: 0, tasks: 0 };
  await sql`DROP TABLE bench_bodies`.execute(db);
  const memberIds = userIds.slice(FORUM.organizers, FORUM.organizers + SIGNED_IN_MEMBERS);
  await seedReadPositions(db, plan, memberIds, weekToMeasure, random);
  // Statistics and the visibility map as autovacuum would have left them on a live site.
  await sql`VACUUM ANALYZE`.execute(db);

  const threads: SeededThread[] = plan.threads.map((thread) => ({
    id: thread.index + 1,
    weekNumber: thread.weekNumber,
    postCount: thread.posts.length,
    postIds: thread.posts
      .filter((_, i) => i % Math.max(1, Math.floor(thread.posts.length / 8)) === 0)
      .map((post) => post.id),
  }));
  const { big, small } = measuredThreadIndexes(weekToMeasure);
  const postsByLang = { en: 0, es: 0, fr: 0 };
  for (const post of plan.posts) postsByLang[post.lang]++;
  return {
    slug: FORUM.slug,
    threads,
    bigThread: threads[big]!,
    smallThread: threads[small]!,
    memberIds,
    postsByLang,
    translations: translated.translations,
    translationTasks: translated.tasks,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * A running forum whose six weeks have all opened: it started five weeks and three days ago,
 * so the last week opened three days ago and the forum ends in three days. Weeks do not close
 * at their end, so members may still write in every week.
 */
async function seedForumAndWeeks(db: Kysely<DB>, now: Date) {
  const startsOn = addDays(localDate(now, FORUM.timeZone), -(7 * (FORUM.weeks - 1) + 3));
  const endsOn = addDays(startsOn, 7 * FORUM.weeks - 1);
  const calendar = forumCalendar(startsOn, endsOn, FORUM.weeks, FORUM.timeZone);
  const { id: forumId } = await db
    .insertInto('forums')
    .values({
      slug: FORUM.slug,
      time_zone: FORUM.timeZone,
      languages: LANGS,
      starts_on: startsOn,
      ends_on: endsOn,
      starts_at: calendar.startsAt,
      ends_at: calendar.endsAt,
      application_deadline: startOfLocalDay(startsOn, FORUM.timeZone),
      published: true,
      open_enrolment: false,
      public_archive: true,
      weeks_close_at_end: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const call = (lang: Lang) => `${TITLES[lang][0]}.\n\n${TITLES[lang][1]}, **${TITLES[lang][2]}**.`;
  await db
    .insertInto('forum_texts')
    .values(
      LANGS.map((lang) => ({
        forum_id: forumId,
        lang,
        title: `Bench forum (${lang})`,
        summary: TITLES[lang][3]!,
        call_md: call(lang),
        call_html: markdownToHtml(call(lang)),
      })),
    )
    .execute();
  await db
    .insertInto('translation_rules')
    .values(TRANSLATION_POLICY.map((rule) => ({ forum_id: forumId, source_lang: rule.from, target_lang: rule.to })))
    .execute();
  const weeks = await db
    .insertInto('weeks')
    .values(
      calendar.weeks.map((week) => ({
        forum_id: forumId,
        number: week.number,
        starts_on: week.startsOn,
        opens_at: week.opensAt,
        closes_at: week.closesAt,
      })),
    )
    .returning(['id', 'number'])
    .execute();
  weeks.sort((a, b) => a.number - b.number);
  const weekIds = weeks.map((week) => week.id);
  await db
    .insertInto('week_texts')
    .values(
      weeks.flatMap((week) =>
        LANGS.map((lang) => ({
          week_id: week.id,
          lang,
          title: `${TITLES[lang][week.number % 4]} (${week.number})`,
          summary_md: call(lang),
          summary_html: markdownToHtml(call(lang)),
        })),
      ),
    )
    .execute();
  // Two readings a week in three languages, as the week page shows them.
  const readings = await db
    .insertInto('readings')
    .values(
      weeks.flatMap((week) =>
        [1, 2].map((position) => ({
          week_id: week.id,
          slug: `reading-${week.number}-${position}`,
          position,
          original_lang: LANGS[position % 3]!,
        })),
      ),
    )
    .returning('id')
    .execute();
  const readingBodies = bodyTemplates(2);
  await db
    .insertInto('reading_texts')
    .values(
      readings.flatMap((reading) =>
        readingBodies
          .filter((_, i) => i % 2 === 1)
          .map((body) => ({
            reading_id: reading.id,
            lang: body.lang,
            title: TITLES[body.lang][reading.id % 4]!,
            body_md: body.bodyMd,
            body_html: body.bodyHtml,
          })),
      ),
    )
    .execute();
  return { forumId, weekIds, weekOpensAt: calendar.weeks.map((week) => week.opensAt) };
}

/** 2,000 members sharing one password hash (argon2 takes ~17 ms a hash; 2,000 would take half a minute). */
async function seedMembers(db: Kysely<DB>, forumId: number): Promise<number[]> {
  const passwordHash = await hashPassword('bench password 2026');
  await sql`
    INSERT INTO users (email, display_name, password_hash, interface_lang, reading_langs, time_zone, organisation, country)
    SELECT 'member' || n || '@bench.test', 'Member ' || n, ${passwordHash},
           CASE WHEN n % 30 < 10 THEN 'es' WHEN n % 30 < 13 THEN 'fr' ELSE 'en' END,
           CASE WHEN n % 30 < 10 THEN '{es,en}'::text[] WHEN n % 30 < 13 THEN '{fr,en}'::text[] ELSE '{en}'::text[] END,
           (ARRAY['America/Toronto', 'America/Bogota', 'America/Lima', 'Europe/Paris', 'Africa/Dakar'])[1 + n % 5],
           'Organisation ' || (n % 150), (ARRAY['CA', 'CO', 'PE', 'FR', 'SN', 'MX', 'AR'])[1 + n % 7]
    FROM generate_series(1, ${FORUM.members}::int) AS n`.execute(db);
  const ids = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((row) => row.id);
  await sql`INSERT INTO memberships (forum_id, user_id, role) SELECT ${forumId}::int, id, 'participant' FROM users`.execute(
    db,
  );
  await db
    .insertInto('memberships')
    .values(
      ids.slice(0, FORUM.organizers).map((id) => ({ forum_id: forumId, user_id: id, role: 'organizer' as const })),
    )
    .execute();
  return ids;
}

/** Id in `bench_bodies` of a language's template. */
const bodyId = (lang: Lang, index: number) => LANGS.indexOf(lang) * BODIES_PER_LANG + index;
const titleOf = (threadIndex: number, lang: Lang) => `${TITLES[lang][threadIndex % 4]} #${threadIndex + 1}`;

/** Threads and posts with explicit ids (the plan's), then their revisions and counters. */
async function seedThreadsAndPosts(db: Kysely<DB>, forumId: number, weekIds: number[], plan: ForumPlan): Promise<void> {
  const threads = plan.threads;
  await sql`
    INSERT INTO threads (id, forum_id, week_id, kind, title, original_lang, author_id, pinned, created_at, last_post_at)
    OVERRIDING SYSTEM VALUE
    SELECT t.id, ${forumId}::int, t.week_id, 'discussion', t.title, t.lang, t.author_id, t.pinned, t.created_at, t.created_at
    FROM unnest(${threads.map((t) => t.index + 1)}::int[], ${threads.map((t) => weekIds[t.weekNumber - 1]!)}::int[],
      ${threads.map((t) => titleOf(t.index, t.posts[0]!.lang))}::text[],
      ${threads.map((t) => t.posts[0]!.lang)}::text[], ${threads.map((t) => t.posts[0]!.authorId)}::int[],
      ${threads.map((t) => t.pinned)}::boolean[], ${threads.map((t) => new Date(t.posts[0]!.at).toISOString())}::timestamptz[])
      AS t(id, week_id, title, lang, author_id, pinned, created_at)`.execute(db);

  const BATCH = 10_000;
  for (let start = 0; start < plan.posts.length; start += BATCH) {
    const batch = plan.posts.slice(start, start + BATCH);
    await sql`
      INSERT INTO posts (id, thread_id, parent_id, path, author_id, original_lang, body_md, body_html, word_count, idempotency_key, created_at)
      OVERRIDING SYSTEM VALUE
      SELECT p.id, p.thread_id, p.parent_id, p.path::int[], p.author_id, b.lang, b.body_md, b.body_html, b.word_count, gen_random_uuid(), p.created_at
      FROM unnest(${batch.map((p) => p.id)}::int[], ${batch.map((p) => p.threadIndex + 1)}::int[], ${batch.map((p) => p.parentId)}::int[],
        ${batch.map((p) => `{${p.path.join(',')}}`)}::text[], ${batch.map((p) => p.authorId)}::int[],
        ${batch.map((p) => bodyId(p.lang, p.bodyIndex))}::int[], ${batch.map((p) => new Date(p.at).toISOString())}::timestamptz[])
        AS p(id, thread_id, parent_id, path, author_id, body_id, created_at)
      JOIN bench_bodies b ON b.id = p.body_id
      ORDER BY p.id`.execute(db);
  }
  await sql`SELECT setval(pg_get_serial_sequence('posts', 'id'), (SELECT max(id) FROM posts))`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('threads', 'id'), (SELECT max(id) FROM threads))`.execute(db);
  await sql`
    INSERT INTO post_revisions (post_id, revision, original_lang, body_md, body_html, editor_id, created_at)
    SELECT id, 1, original_lang, body_md, body_html, author_id, created_at FROM posts`.execute(db);
  await sql`
    UPDATE threads SET post_count = s.n, last_post_at = s.last
    FROM (SELECT thread_id, count(*)::int AS n, max(created_at) AS last FROM posts GROUP BY thread_id) AS s
    WHERE s.thread_id = threads.id`.execute(db);
}

/**
 * Members who sign in during the run have read most threads of the weeks up to the measured
 * one, part of the way through: the week list then counts a realistic mix of unread posts
 * rather than every post of the week (a brand-new member) or none.
 */
async function seedReadPositions(
  db: Kysely<DB>,
  plan: ForumPlan,
  memberIds: number[],
  upToWeek: number,
  random: Random,
): Promise<void> {
  const userIds: number[] = [];
  const threadIds: number[] = [];
  const postIds: number[] = [];
  for (const userId of memberIds) {
    for (const thread of plan.threads) {
      if (thread.weekNumber > upToWeek || random() > 0.6) continue;
      const position = Math.floor((0.5 + 0.5 * random()) * (thread.posts.length - 1));
      userIds.push(userId);
      threadIds.push(thread.index + 1);
      postIds.push(thread.posts[position]!.id);
    }
  }
  await sql`INSERT INTO thread_reads (user_id, thread_id, last_read_post_id)
    SELECT * FROM unnest(${userIds}::int[], ${threadIds}::int[], ${postIds}::int[])`.execute(db);
}
