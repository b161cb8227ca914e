// Organizers' moderation: pin and lock threads, hide and unhide posts with a reason, work
// the reports members file. Nothing is destroyed, and every action is in the audit log.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { auditFacets, listAudit, writeAudit, type AuditFilter } from '../audit/audit-log.queries.ts';
import { auditTargetNames } from '../audit/audit-targets.queries.ts';
import { auditReasonInWords } from '../audit/audit-reasons.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug, forumAccessById } from '../forums/forum-access.ts';
import { publicView } from '../discussions/posts.service.ts';
import { findPost, setPostHidden } from '../discussions/posts.queries.ts';
import { findThread, setThreadFlags } from '../discussions/threads.queries.ts';
import { loadThreadContext } from '../discussions/write-context.ts';
import { notify } from '../notifications/notify.ts';
import { appendEvent } from '../events/events.queries.ts';
import { queueTranslationTasks, withdrawTasks } from '../translation-policy/translation-tasks.queries.ts';
import type { ReportStatus } from '../db/schema.ts';
import {
  countReports,
  findReport,
  insertReport,
  listOwnReports,
  listReports,
  resolveReport,
  resolveReportsOnPost,
} from './moderation.queries.ts';
import { currentTime } from '../time/clock.ts';

export async function updateThreadFlags(
  db: Kysely<DB>,
  user: SessionUser,
  threadId: number,
  flags: { pinned?: boolean; locked?: boolean },
  now = currentTime(),
) {
  const { access, thread } = await loadThreadContext(db, threadId, user, now);
  assertOrganizer(access);
  await db.transaction().execute(async (trx) => {
    await setThreadFlags(trx, threadId, flags);
    // Object.entries would drop the undefined an optional property may hold.
    for (const [flag, value] of Object.entries(flags) as ['pinned' | 'locked', boolean | undefined][]) {
      if (value === undefined || thread[flag] === value) continue;
      const action = flag === 'pinned' ? (value ? 'pin' : 'unpin') : value ? 'lock' : 'unlock';
      await writeAudit(trx, {
        forumId: thread.forum_id,
        actorId: user.id,
        action,
        targetType: 'thread',
        targetId: threadId,
      });
    }
    const updated = (await findThread(trx, threadId))!;
    await appendEvent(trx, {
      forumId: thread.forum_id,
      weekId: thread.week_id,
      threadId,
      type: 'thread.updated',
      payload: { threadId, pinned: updated.pinned, locked: updated.locked },
    });
  });
}

export async function setHidden(
  db: Kysely<DB>,
  user: SessionUser,
  postId: number,
  hide: { reason: string } | null,
  now = currentTime(),
) {
  const post = await findPost(db, postId);
  if (!post) throw new DomainError('not_found');
  const { access, thread } = await loadThreadContext(db, post.thread_id, user, now);
  assertOrganizer(access);
  await db.transaction().execute(async (trx) => {
    // Hiding a hidden post (or unhiding a visible one) changes nothing and logs nothing.
    if (await setPostHidden(trx, postId, hide && { by: user.id, reason: hide.reason })) {
      await writeAudit(trx, {
        forumId: thread.forum_id,
        actorId: user.id,
        action: hide ? 'hide' : 'unhide',
        targetType: 'post',
        targetId: postId,
        reason: hide?.reason,
      });
      const row = (await findPost(trx, postId))!;
      // No translation shows text its original no longer shows, and nobody translates it meanwhile.
      if (hide) await withdrawTasks(trx, 'post', [postId], user.id);
      else
        await queueTranslationTasks(trx, {
          forumId: thread.forum_id,
          weekId: thread.week_id,
          itemType: 'post',
          itemId: postId,
          sourceLang: row.original_lang,
          sourceRevision: row.revision,
        });
      await appendEvent(trx, {
        forumId: thread.forum_id,
        weekId: thread.week_id,
        threadId: thread.id,
        type: hide ? 'post.hidden' : 'post.unhidden',
        payload: { post: publicView(row) },
      });
    }
    // A hidden post, however it was hidden, settles the open reports about it.
    if (hide) {
      const resolved = await resolveReportsOnPost(trx, postId, { by: user.id, note: hide.reason });
      for (const report of resolved) {
        await writeAudit(trx, {
          forumId: thread.forum_id,
          actorId: user.id,
          action: 'report.acted_on',
          targetType: 'report',
          targetId: report.id,
          reason: hide.reason,
        });
      }
      await tellReporters(
        trx,
        resolved,
        {
          forumId: thread.forum_id,
          weekId: thread.week_id,
          threadId: thread.id,
          postId,
          actorId: user.id,
          outcome: 'acted_on',
        },
        now,
      );
    }
  });
}

/**
 * Tells each reporter their report was handled, in the app. The notification carries no post
 * id: a hidden post's notifications reach organizers only, and the reporter must hear of it.
 */
async function tellReporters(
  trx: Transaction<DB>,
  reports: { id: number; reporter_id: number }[],
  context: {
    forumId: number;
    weekId: number;
    threadId: number;
    postId: number;
    actorId: number;
    outcome: 'acted_on' | 'dismissed';
  },
  now: Date,
) {
  for (const report of reports) {
    await notify(
      trx,
      {
        type: 'report.handled',
        userIds: [report.reporter_id],
        forumId: context.forumId,
        weekId: context.weekId,
        threadId: context.threadId,
        actorId: context.actorId,
        payload: { reportId: report.id, postId: context.postId, outcome: context.outcome },
      },
      now,
    );
  }
}

/** Hides the reported post, from the queue: the reason goes to the audit log and the report's outcome. */
export async function hideReported(
  db: Kysely<DB>,
  user: SessionUser,
  reportId: number,
  reason: string,
  now = currentTime(),
) {
  const report = await findReport(db, reportId);
  if (!report) throw new DomainError('not_found');
  assertOrganizer(await forumAccessById(db, report.forum_id, user));
  await setHidden(db, user, report.post_id, { reason: reason.trim() }, now);
}

/**
 * Dismisses a report: the post stays as it is. Dismissing a dismissed report again answers the
 * same (a double submit); one already acted on cannot be dismissed.
 */
export async function dismissReport(
  db: Kysely<DB>,
  user: SessionUser,
  reportId: number,
  note: string | null,
  action = 'report.dismissed',
  now = currentTime(),
) {
  const report = await findReport(db, reportId);
  if (!report) throw new DomainError('not_found');
  assertOrganizer(await forumAccessById(db, report.forum_id, user));
  await db.transaction().execute(async (trx) => {
    const resolved = await resolveReport(trx, reportId, { by: user.id, status: 'dismissed', note });
    if (!resolved) {
      const current = (await findReport(trx, reportId))!;
      if (current.status !== 'dismissed') throw new DomainError('report_closed');
      return;
    }
    await writeAudit(trx, {
      forumId: report.forum_id,
      actorId: user.id,
      action,
      targetType: 'report',
      targetId: reportId,
      reason: note,
    });
    const post = (await findPost(trx, report.post_id))!;
    const thread = (await findThread(trx, post.thread_id))!;
    await tellReporters(
      trx,
      [resolved],
      {
        forumId: report.forum_id,
        weekId: thread.week_id,
        threadId: thread.id,
        postId: post.id,
        actorId: user.id,
        outcome: 'dismissed',
      },
      now,
    );
  });
}

export async function reportPost(
  db: Kysely<DB>,
  user: SessionUser,
  postId: number,
  reason: string,
  now = currentTime(),
) {
  const post = await findPost(db, postId);
  if (!post) throw new DomainError('not_found');
  const { access, thread } = await loadThreadContext(db, post.thread_id, user, now);
  if (!access.isMember && !access.isOrganizer) throw new DomainError('not_a_member');
  // A hidden post is gone for members (thread page, live events): it cannot be reported either,
  // nor its id probed, and it is already off the page the report would ask about.
  if (post.hidden_at !== null && !access.isOrganizer) throw new DomainError('not_found');
  return db.transaction().execute(async (trx) => {
    const id = await insertReport(trx, {
      forumId: thread.forum_id,
      postId,
      reporterId: user.id,
      reason: reason.trim(),
    });
    if (id === undefined) throw new DomainError('already_reported');
    const organizers = await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('forum_id', '=', thread.forum_id)
      .where('role', '=', 'organizer')
      .execute();
    await notify(
      trx,
      {
        type: 'report.filed',
        userIds: organizers.map((row) => row.user_id),
        forumId: thread.forum_id,
        weekId: thread.week_id,
        threadId: thread.id,
        postId,
        actorId: user.id,
        payload: { reportId: id, postId },
      },
      now,
    );
    return id;
  });
}

export async function reportQueue(db: Kysely<DB>, user: SessionUser, slug: string, status: ReportStatus | 'all') {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const [rows, counts] = await Promise.all([
    listReports(db, access.forum.id, status, 200),
    countReports(db, access.forum.id),
  ]);
  return {
    counts,
    reports: rows.map((row) => ({
      id: row.id,
      reason: row.reason,
      status: row.status,
      createdAt: row.created_at.toISOString(),
      reporterName: row.reporter_name,
      resolution: row.resolved_at
        ? { at: row.resolved_at.toISOString(), byName: row.resolver_name ?? '', note: row.resolution_note }
        : null,
      post: {
        id: row.post_id,
        threadId: row.thread_id,
        threadTitle: row.thread_title,
        threadLang: row.thread_lang,
        week: row.week_number,
        authorName: row.author_name,
        lang: row.original_lang,
        html: row.body_html,
        createdAt: row.post_created_at.toISOString(),
        hidden: row.hidden_at !== null,
        hiddenReason: row.hidden_reason,
        parent:
          row.parent_id === null
            ? null
            : {
                id: row.parent_id,
                authorName: row.parent_author_name ?? '',
                lang: row.parent_lang!,
                html: row.parent_html!,
                hidden: row.parent_hidden_at !== null,
              },
      },
    })),
  };
}

/** The old "resolve" route: a dismissal without a note, logged as it always was. */
export async function closeReport(db: Kysely<DB>, user: SessionUser, reportId: number) {
  await dismissReport(db, user, reportId, null, 'resolve_report');
}

/** A member's own reports in a forum and what became of them (the organizers' note stays theirs). */
export async function ownReports(db: Kysely<DB>, user: SessionUser, slug: string) {
  const access = await forumAccessBySlug(db, slug, user);
  const rows = await listOwnReports(db, access.forum.id, user.id, 100);
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    handledAt: row.resolved_at?.toISOString() ?? null,
    post: { id: row.post_id, threadId: row.thread_id, threadTitle: row.thread_title, threadLang: row.thread_lang },
  }));
}

export const AUDIT_PAGE_SIZE = 50;

export async function auditLog(
  db: Kysely<DB>,
  user: SessionUser,
  slug: string,
  lang: Lang,
  filter: AuditFilter & { limit?: number } = {},
) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const limit = filter.limit ?? AUDIT_PAGE_SIZE;
  const [rows, facets] = await Promise.all([
    listAudit(db, access.forum.id, filter, limit + 1),
    auditFacets(db, access.forum.id),
  ]);
  const page = rows.slice(0, limit);
  const targets = await auditTargetNames(db, access.forum.id, page, lang);
  return {
    entries: page.map((row) => {
      const target = targets.get(`${row.target_type}:${row.target_id}`);
      return {
        id: row.id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        reason: auditReasonInWords(lang, row.action, row.reason),
        actorId: row.actor_id,
        actorName: row.actor_name,
        createdAt: row.created_at.toISOString(),
        targetName: row.target_name ?? target?.name ?? null,
        targetLang: target?.lang ?? null,
        targetNumber: target?.number ?? null,
        targetAt: target?.at?.toISOString() ?? null,
        targetHref:
          row.target_type === 'post' && row.target_thread_id !== null
            ? `/forums/${access.forum.slug}/threads/${row.target_thread_id}#post-${row.target_id}`
            : row.target_type === 'thread'
              ? `/forums/${access.forum.slug}/threads/${row.target_id}`
              : null,
      };
    }),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
    ...facets,
  };
}
