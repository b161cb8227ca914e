// All SQL about the audit log: every domain writes its row in the write's own transaction;
// the moderation console reads the forum's log page by page.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** One audit row: in the write's own transaction, or before an export's data leaves the server. */
export async function writeAudit(
  trx: Kysely<DB> | Transaction<DB>,
  entry: {
    forumId: number;
    actorId: number;
    action: string;
    targetType: 'post' | 'thread' | 'report' | 'user' | 'reading' | 'forum' | 'policy_element';
    targetId: number;
    reason?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      forum_id: entry.forumId,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? null,
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  actorId?: number;
  beforeId?: number;
}

export function listAudit(db: Handle, forumId: number, filter: AuditFilter, limit: number) {
  return db
    .selectFrom('audit_log')
    .innerJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('users as target_user', (join) =>
      join.onRef('target_user.id', '=', 'audit_log.target_id').on('audit_log.target_type', '=', 'user'),
    )
    .leftJoin('posts as target_post', (join) =>
      join.onRef('target_post.id', '=', 'audit_log.target_id').on('audit_log.target_type', '=', 'post'),
    )
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.reason',
      'audit_log.created_at',
      'audit_log.actor_id',
      'users.display_name as actor_name',
      'target_user.display_name as target_name',
      'target_post.thread_id as target_thread_id',
    ])
    .where('audit_log.forum_id', '=', forumId)
    .$if(filter.action !== undefined, (qb) => qb.where('audit_log.action', '=', filter.action!))
    .$if(filter.actorId !== undefined, (qb) => qb.where('audit_log.actor_id', '=', filter.actorId!))
    .$if(filter.beforeId !== undefined, (qb) => qb.where('audit_log.id', '<', filter.beforeId!))
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
}

/** What the audit page's filters offer: the actions and the actors the forum's log holds. */
export async function auditFacets(db: Handle, forumId: number) {
  const [actions, actors] = await Promise.all([
    db.selectFrom('audit_log').select('action').distinct().where('forum_id', '=', forumId).orderBy('action').execute(),
    db
      .selectFrom('audit_log')
      .innerJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['users.id', 'users.display_name'])
      .distinct()
      .where('audit_log.forum_id', '=', forumId)
      .orderBy('users.display_name')
      .execute(),
  ]);
  return {
    actions: actions.map((row) => row.action),
    actors: actors.map((row) => ({ id: row.id, name: row.display_name })),
  };
}
