// All SQL about reports and the moderation audit log.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export async function writeAudit(trx: Transaction<DB>, entry: {
  forumId: number; actorId: number; action: string; targetType: 'post' | 'thread' | 'report'; targetId: number; reason?: string | null;
}): Promise<void> {
  await trx.insertInto('audit_log').values({
    forum_id: entry.forumId, actor_id: entry.actorId, action: entry.action, target_type: entry.targetType,
    target_id: entry.targetId, reason: entry.reason ?? null,
  }).execute();
}

export function listAudit(db: Handle, forumId: number, limit: number) {
  return db.selectFrom('audit_log').innerJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.action', 'audit_log.target_type', 'audit_log.target_id', 'audit_log.reason',
      'audit_log.created_at', 'users.display_name as actor_name'])
    .where('forum_id', '=', forumId).orderBy('audit_log.id', 'desc').limit(limit).execute();
}

/** Files a report unless the reporter has an open one on the post; undefined when they do. */
export async function insertReport(db: Handle, report: { forumId: number; postId: number; reporterId: number; reason: string }) {
  const row = await db.insertInto('reports')
    .values({ forum_id: report.forumId, post_id: report.postId, reporter_id: report.reporterId, reason: report.reason })
    .onConflict((oc) => oc.columns(['post_id', 'reporter_id']).where('resolved_at', 'is', null).doNothing())
    .returning('id').executeTakeFirst();
  return row?.id;
}

export function listOpenReports(db: Handle, forumId: number) {
  return db.selectFrom('reports')
    .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
    .innerJoin('posts', 'posts.id', 'reports.post_id')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select(['reports.id', 'reports.reason', 'reports.created_at', 'reports.post_id', 'posts.thread_id', 'posts.hidden_at',
      'posts.original_lang', 'posts.body_html', 'threads.title as thread_title', 'reporter.display_name as reporter_name',
      'author.display_name as author_name'])
    .where('reports.forum_id', '=', forumId).where('reports.resolved_at', 'is', null)
    .orderBy('reports.id').execute();
}

export async function resolveReport(trx: Transaction<DB>, reportId: number, resolverId: number) {
  return trx.updateTable('reports').set({ resolved_at: new Date(), resolved_by: resolverId })
    .where('id', '=', reportId).where('resolved_at', 'is', null).returning(['id', 'forum_id']).executeTakeFirst();
}
