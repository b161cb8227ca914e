// What each audit entry's target is called, for one page of the log: a person's name, an
// applicant's, an invited address, a reading's, thread's or week's title in the reader's language
// (else its original), a post's or a report's author, a reconfirmation request's date.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

export interface TargetName {
  name: string | null;
  lang: Lang | null;
  number: number | null;
  at: Date | null;
}
type Row = { target_type: string; target_id: number };

const ids = (rows: Row[], type: string) => [
  ...new Set(rows.filter((row) => row.target_type === type).map((row) => row.target_id)),
];

/** The text in `lang` if there is one, else the one in the original language, else any. */
function pick<T extends { lang: Lang }>(texts: T[], lang: Lang, original: Lang): T | undefined {
  return texts.find((text) => text.lang === lang) ?? texts.find((text) => text.lang === original) ?? texts[0];
}

export async function auditTargetNames(
  db: Kysely<DB>,
  forumId: number,
  rows: Row[],
  lang: Lang,
): Promise<Map<string, TargetName>> {
  const names = new Map<string, TargetName>();
  const set = (type: string, id: number, value: Partial<TargetName>) =>
    names.set(`${type}:${id}`, { name: null, lang: null, number: null, at: null, ...value });
  const none = [-1];
  const [applications, invitations, readings, readingTexts, weeks, weekTexts, threads, posts, reports, requests] =
    await Promise.all([
      db
        .selectFrom('applications')
        .innerJoin('users', 'users.id', 'applications.user_id')
        .select(['applications.id', 'users.display_name'])
        .where('applications.forum_id', '=', forumId)
        .where('applications.id', 'in', [...ids(rows, 'application'), ...none])
        .execute(),
      db
        .selectFrom('invitations')
        .select(['id', 'email'])
        .where('forum_id', '=', forumId)
        .where('id', 'in', [...ids(rows, 'invitation'), ...none])
        .execute(),
      db
        .selectFrom('readings')
        .select(['id', 'original_lang'])
        .where('id', 'in', [...ids(rows, 'reading'), ...none])
        .execute(),
      db
        .selectFrom('reading_texts')
        .select(['reading_id', 'lang', 'title'])
        .where('reading_id', 'in', [...ids(rows, 'reading'), ...none])
        .execute(),
      db
        .selectFrom('weeks')
        .select(['id', 'number', 'original_lang'])
        .where('forum_id', '=', forumId)
        .where('id', 'in', [...ids(rows, 'week'), ...none])
        .execute(),
      db
        .selectFrom('week_texts')
        .select(['week_id', 'lang', 'title'])
        .where('week_id', 'in', [...ids(rows, 'week'), ...none])
        .execute(),
      db
        .selectFrom('threads')
        .select(['id', 'title', 'original_lang'])
        .where('forum_id', '=', forumId)
        .where('id', 'in', [...ids(rows, 'thread'), ...none])
        .execute(),
      db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select(['posts.id', 'users.display_name'])
        .where('posts.id', 'in', [...ids(rows, 'post'), ...none])
        .execute(),
      db
        .selectFrom('reports')
        .innerJoin('posts', 'posts.id', 'reports.post_id')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select(['reports.id', 'users.display_name'])
        .where('reports.forum_id', '=', forumId)
        .where('reports.id', 'in', [...ids(rows, 'report'), ...none])
        .execute(),
      db
        .selectFrom('reconfirmation_requests')
        .select(['id', 'created_at'])
        .where('forum_id', '=', forumId)
        .where('id', 'in', [...ids(rows, 'reconfirmation_request'), ...none])
        .execute(),
    ]);
  for (const row of applications) set('application', row.id, { name: row.display_name });
  for (const row of invitations) set('invitation', row.id, { name: row.email });
  for (const row of readings) {
    const text = pick(
      readingTexts.filter((candidate) => candidate.reading_id === row.id),
      lang,
      row.original_lang,
    );
    if (text) set('reading', row.id, { name: text.title, lang: text.lang });
  }
  for (const row of weeks) {
    const text = pick(
      weekTexts.filter((candidate) => candidate.week_id === row.id),
      lang,
      row.original_lang,
    );
    set('week', row.id, { name: text?.title ?? null, lang: text?.lang ?? null, number: row.number });
  }
  for (const row of threads) set('thread', row.id, { name: row.title, lang: row.original_lang });
  for (const row of posts) set('post', row.id, { name: row.display_name });
  for (const row of reports) set('report', row.id, { name: row.display_name });
  for (const row of requests) set('reconfirmation_request', row.id, { at: row.created_at });
  return names;
}
