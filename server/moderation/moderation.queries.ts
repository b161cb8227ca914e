// All SQL about reports and their outcomes.
import type { Kysely, Transaction } from 'kysely';
import type { DB, ReportStatus } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** Files a report unless the reporter has an open one on the post; undefined when they do. */
export async function insertReport(
  db: Handle,
  report: { forumId: number; postId: number; reporterId: number; reason: string },
) {
  const row = await db
    .insertInto('reports')
    .values({ forum_id: report.forumId, post_id: report.postId, reporter_id: report.reporterId, reason: report.reason })
    .onConflict((oc) => oc.columns(['post_id', 'reporter_id']).where('resolved_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The queue: each report with its post in context (thread, week, author, the post it answers) and its outcome. */
export function listReports(db: Handle, forumId: number, status: ReportStatus | 'all', limit: number) {
  return (
    db
      .selectFrom('reports')
      .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
      .innerJoin('posts', 'posts.id', 'reports.post_id')
      .innerJoin('users as author', 'author.id', 'posts.author_id')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .innerJoin('weeks', 'weeks.id', 'threads.week_id')
      .leftJoin('posts as parent', 'parent.id', 'posts.parent_id')
      .leftJoin('users as parent_author', 'parent_author.id', 'parent.author_id')
      .leftJoin('users as resolver', 'resolver.id', 'reports.resolved_by')
      .select([
        'reports.id',
        'reports.reason',
        'reports.status',
        'reports.created_at',
        'reports.resolved_at',
        'reports.resolution_note',
        'reports.post_id',
        'posts.thread_id',
        'posts.hidden_at',
        'posts.hidden_reason',
        'posts.original_lang',
        'posts.body_html',
        'posts.created_at as post_created_at',
        'threads.title as thread_title',
        'threads.original_lang as thread_lang',
        'weeks.number as week_number',
        'reporter.display_name as reporter_name',
        'author.display_name as author_name',
        'resolver.display_name as resolver_name',
        'parent.id as parent_id',
        'parent.original_lang as parent_lang',
        'parent.body_html as parent_html',
        'parent.hidden_at as parent_hidden_at',
        'parent_author.display_name as parent_author_name',
      ])
      .where('reports.forum_id', '=', forumId)
      .$if(status !== 'all', (qb) => qb.where('reports.status', '=', status as ReportStatus))
      // Open reports oldest first (a queue); handled ones newest first (a history).
      .orderBy('reports.id', status === 'open' ? 'asc' : 'desc')
      .limit(limit)
      .execute()
  );
}

export async function countReports(db: Handle, forumId: number): Promise<Record<ReportStatus, number>> {
  const rows = await db
    .selectFrom('reports')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('forum_id', '=', forumId)
    .groupBy('status')
    .execute();
  const counts: Record<ReportStatus, number> = { open: 0, dismissed: 0, acted_on: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export function findReport(db: Handle, id: number) {
  return db
    .selectFrom('reports')
    .select(['id', 'forum_id', 'post_id', 'reporter_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Closes one open report with an outcome; undefined when it was not open. */
export function resolveReport(
  trx: Transaction<DB>,
  reportId: number,
  outcome: { by: number; status: 'dismissed' | 'acted_on'; note: string | null },
) {
  return trx
    .updateTable('reports')
    .set({ status: outcome.status, resolved_at: new Date(), resolved_by: outcome.by, resolution_note: outcome.note })
    .where('id', '=', reportId)
    .where('status', '=', 'open')
    .returning(['id', 'forum_id', 'reporter_id'])
    .executeTakeFirst();
}

/** Hiding a post acts on every open report about it. */
export function resolveReportsOnPost(
  trx: Transaction<DB>,
  postId: number,
  outcome: { by: number; note: string | null },
) {
  return trx
    .updateTable('reports')
    .set({ status: 'acted_on', resolved_at: new Date(), resolved_by: outcome.by, resolution_note: outcome.note })
    .where('post_id', '=', postId)
    .where('status', '=', 'open')
    .returning(['id', 'reporter_id'])
    .execute();
}

export function listOwnReports(db: Handle, forumId: number, reporterId: number, limit: number) {
  return db
    .selectFrom('reports')
    .innerJoin('posts', 'posts.id', 'reports.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select([
      'reports.id',
      'reports.reason',
      'reports.status',
      'reports.created_at',
      'reports.resolved_at',
      'reports.post_id',
      'posts.thread_id',
      'threads.title as thread_title',
      'threads.original_lang as thread_lang',
    ])
    .where('reports.forum_id', '=', forumId)
    .where('reports.reporter_id', '=', reporterId)
    .orderBy('reports.id', 'desc')
    .limit(limit)
    .execute();
}
