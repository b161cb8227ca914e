// Organizers' moderation: pin and lock threads, hide and unhide posts with a reason, work
// the reports members file. Nothing is destroyed, and every action is in the audit log.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug, forumAccessById } from '../forums/forum-access.ts';
import { publicView } from '../discussions/posts.service.ts';
import { findPost, setPostHidden } from '../discussions/posts.queries.ts';
import { findThread, setThreadFlags } from '../discussions/threads.queries.ts';
import { loadThreadContext } from '../discussions/write-context.ts';
import { notify } from '../notifications/notify.ts';
import { appendEvent } from '../realtime/events.queries.ts';
import { queueTranslationTasks, withdrawTasks } from '../translations/tasks.queries.ts';
import { insertReport, listAudit, listOpenReports, resolveReport, writeAudit } from './moderation.queries.ts';
import { currentTime } from '../time/clock.ts';

export async function updateThreadFlags(db: Kysely<DB>, user: SessionUser, threadId: number, flags: { pinned?: boolean; locked?: boolean }, now = currentTime()) {
  const { access, thread } = await loadThreadContext(db, threadId, user, now);
  assertOrganizer(access);
  await db.transaction().execute(async (trx) => {
    await setThreadFlags(trx, threadId, flags);
    for (const [flag, value] of Object.entries(flags)) {
      if (value === undefined || thread[flag as 'pinned' | 'locked'] === value) continue;
      const action = flag === 'pinned' ? (value ? 'pin' : 'unpin') : value ? 'lock' : 'unlock';
      await writeAudit(trx, { forumId: thread.forum_id, actorId: user.id, action, targetType: 'thread', targetId: threadId });
    }
    const updated = (await findThread(trx, threadId))!;
    await appendEvent(trx, {
      forumId: thread.forum_id, weekId: thread.week_id, threadId, type: 'thread.updated',
      payload: { threadId, pinned: updated.pinned, locked: updated.locked },
    });
  });
}

export async function setHidden(db: Kysely<DB>, user: SessionUser, postId: number, hide: { reason: string } | null, now = currentTime()) {
  const post = await findPost(db, postId);
  if (!post) throw new DomainError('not_found');
  const { access, thread } = await loadThreadContext(db, post.thread_id, user, now);
  assertOrganizer(access);
  await db.transaction().execute(async (trx) => {
    // Hiding a hidden post (or unhiding a visible one) changes nothing and logs nothing.
    if (!(await setPostHidden(trx, postId, hide && { by: user.id, reason: hide.reason }))) return;
    await writeAudit(trx, { forumId: thread.forum_id, actorId: user.id, action: hide ? 'hide' : 'unhide', targetType: 'post', targetId: postId, reason: hide?.reason });
    const row = (await findPost(trx, postId))!;
    // No translation shows text its original no longer shows, and nobody translates it meanwhile.
    if (hide) await withdrawTasks(trx, 'post', [postId], user.id);
    else await queueTranslationTasks(trx, { forumId: thread.forum_id, weekId: thread.week_id, itemType: 'post', itemId: postId, sourceLang: row.original_lang, sourceRevision: row.revision });
    await appendEvent(trx, {
      forumId: thread.forum_id, weekId: thread.week_id, threadId: thread.id, type: hide ? 'post.hidden' : 'post.unhidden', payload: { post: publicView(row) },
    });
  });
}

export async function reportPost(db: Kysely<DB>, user: SessionUser, postId: number, reason: string, now = currentTime()) {
  const post = await findPost(db, postId);
  if (!post) throw new DomainError('not_found');
  const { access, thread } = await loadThreadContext(db, post.thread_id, user, now);
  if (!access.isMember && !access.isOrganizer) throw new DomainError('not_a_member');
  return db.transaction().execute(async (trx) => {
    const id = await insertReport(trx, { forumId: thread.forum_id, postId, reporterId: user.id, reason: reason.trim() });
    if (id === undefined) throw new DomainError('already_reported');
    const organizers = await trx.selectFrom('memberships').select('user_id').where('forum_id', '=', thread.forum_id).where('role', '=', 'organizer').execute();
    await notify(trx, {
      type: 'report.filed', userIds: organizers.map((row) => row.user_id), forumId: thread.forum_id, weekId: thread.week_id,
      threadId: thread.id, postId, actorId: user.id, payload: { reportId: id, postId },
    }, now);
    return id;
  });
}

export async function openReports(db: Kysely<DB>, user: SessionUser, slug: string) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const rows = await listOpenReports(db, access.forum.id);
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    reporterName: row.reporter_name,
    post: { id: row.post_id, threadId: row.thread_id, threadTitle: row.thread_title, authorName: row.author_name, lang: row.original_lang, html: row.body_html, hidden: row.hidden_at !== null },
  }));
}

export async function closeReport(db: Kysely<DB>, user: SessionUser, reportId: number) {
  const report = await db.selectFrom('reports').select(['id', 'forum_id']).where('id', '=', reportId).executeTakeFirst();
  if (!report) throw new DomainError('not_found');
  assertOrganizer(await forumAccessById(db, report.forum_id, user));
  await db.transaction().execute(async (trx) => {
    if (await resolveReport(trx, reportId, user.id)) {
      await writeAudit(trx, { forumId: report.forum_id, actorId: user.id, action: 'resolve_report', targetType: 'report', targetId: reportId });
    }
  });
}

export async function auditLog(db: Kysely<DB>, user: SessionUser, slug: string) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const rows = await listAudit(db, access.forum.id, 200);
  return rows.map((row) => ({
    id: row.id, action: row.action, targetType: row.target_type, targetId: row.target_id, reason: row.reason,
    actorName: row.actor_name, createdAt: row.created_at.toISOString(),
  }));
}
