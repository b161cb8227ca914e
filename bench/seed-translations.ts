// Hand translations of the benchmark forum, as the forum's policy asks for them (es→en, fr→en,
// en→es, en→fr): most posts and titles older than a day are translated and published, the
// rest wait as open tasks. The thread page then fetches real translations for readers who do
// not read a post's language. Skipped on a schema without translations (before migration 0003).
import { sql, type Kysely } from 'kysely';
import type { DB, Lang } from '../server/db/schema.ts';
import type { ForumPlan } from './forum-plan.ts';
import { pick, type Random } from './random.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const TRANSLATION_POLICY: { from: Lang; to: Lang }[] = [
  { from: 'es', to: 'en' },
  { from: 'fr', to: 'en' },
  { from: 'en', to: 'es' },
  { from: 'en', to: 'fr' },
];
/** Share of items older than a day that have been translated. */
const TRANSLATED_SHARE = 0.9;

export interface TranslationSeedInput {
  forumId: number;
  weekIds: number[];
  plan: ForumPlan;
  translatorIds: number[];
  /** Id in the `bench_bodies` scratch table of a body in a language, same template index. */
  bodyId: (lang: Lang, index: number) => number;
  titleOf: (threadIndex: number, lang: Lang) => string;
  now: Date;
}

export async function hasTranslations(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`SELECT to_regclass('translations') IS NOT NULL AS present`.execute(
    db,
  );
  return rows[0]?.present === true;
}

/** Returns the number of published translations and of open tasks. */
export async function seedTranslations(
  db: Kysely<DB>,
  input: TranslationSeedInput,
  random: Random,
): Promise<{ translations: number; tasks: number }> {
  const done = {
    itemId: [] as number[],
    source: [] as Lang[],
    target: [] as Lang[],
    bodyId: [] as number[],
    translator: [] as number[],
    at: [] as string[],
  };
  const open = {
    itemId: [] as number[],
    weekId: [] as number[],
    source: [] as Lang[],
    target: [] as Lang[],
    at: [] as string[],
  };
  const titles = {
    itemId: [] as number[],
    source: [] as Lang[],
    target: [] as Lang[],
    title: [] as string[],
    translator: [] as number[],
    at: [] as string[],
  };
  const latest = input.now.getTime() - 60_000;
  for (const thread of input.plan.threads) {
    const weekId = input.weekIds[thread.weekNumber - 1]!;
    for (const [k, post] of thread.posts.entries()) {
      for (const rule of TRANSLATION_POLICY) {
        if (rule.from !== post.lang) continue;
        const translated = post.at < latest - DAY_MS && random() < TRANSLATED_SHARE;
        const at = new Date(Math.min(latest, post.at + random() * DAY_MS)).toISOString();
        if (translated) {
          done.itemId.push(post.id);
          done.source.push(rule.from);
          done.target.push(rule.to);
          done.bodyId.push(input.bodyId(rule.to, post.bodyIndex));
          done.translator.push(pick(random, input.translatorIds));
          done.at.push(at);
          if (k === 0) {
            titles.itemId.push(thread.index + 1);
            titles.source.push(rule.from);
            titles.target.push(rule.to);
            titles.title.push(input.titleOf(thread.index, rule.to));
            titles.translator.push(pick(random, input.translatorIds));
            titles.at.push(at);
          }
        } else {
          open.itemId.push(post.id);
          open.weekId.push(weekId);
          open.source.push(rule.from);
          open.target.push(rule.to);
          open.at.push(new Date(post.at).toISOString());
        }
      }
    }
  }
  const BATCH = 20_000;
  for (let start = 0; start < done.itemId.length; start += BATCH) {
    const slice = <T>(values: T[]) => values.slice(start, start + BATCH);
    await sql`
      INSERT INTO translations (forum_id, item_type, item_id, source_lang, target_lang, source_revision, body_md, body_html,
        translator_id, translator_role, published_at, updated_at)
      SELECT ${input.forumId}::int, 'post', t.item_id, t.source, t.target, 1, b.body_md, b.body_html, t.translator, 'translator', t.at, t.at
      FROM unnest(${slice(done.itemId)}::int[], ${slice(done.source)}::text[], ${slice(done.target)}::text[], ${slice(done.bodyId)}::int[],
        ${slice(done.translator)}::int[], ${slice(done.at)}::timestamptz[]) AS t(item_id, source, target, body_id, translator, at)
      JOIN bench_bodies b ON b.id = t.body_id`.execute(db);
  }
  await sql`
    INSERT INTO translations (forum_id, item_type, item_id, source_lang, target_lang, source_revision, body_md, body_html,
      translator_id, translator_role, published_at, updated_at)
    SELECT ${input.forumId}::int, 'thread_title', t.item_id, t.source, t.target, 1, t.title, t.title, t.translator, 'translator', t.at, t.at
    FROM unnest(${titles.itemId}::int[], ${titles.source}::text[], ${titles.target}::text[], ${titles.title}::text[],
      ${titles.translator}::int[], ${titles.at}::timestamptz[]) AS t(item_id, source, target, title, translator, at)`.execute(
    db,
  );
  await sql`
    INSERT INTO translation_revisions (translation_id, revision, source_revision, body_md, translator_id, created_at)
    SELECT id, 1, source_revision, body_md, translator_id, published_at FROM translations`.execute(db);
  await sql`
    INSERT INTO translation_tasks (forum_id, week_id, item_type, item_id, source_lang, target_lang, source_revision, status, due_at, created_at)
    SELECT ${input.forumId}::int, t.week_id, 'post', t.item_id, t.source, t.target, 1, 'open', t.at + interval '24 hours', t.at
    FROM unnest(${open.itemId}::int[], ${open.weekId}::int[], ${open.source}::text[], ${open.target}::text[], ${open.at}::timestamptz[])
      AS t(item_id, week_id, source, target, at)`.execute(db);
  return { translations: done.itemId.length + titles.itemId.length, tasks: open.itemId.length };
}
