// Who may follow what live: the same rules as reading the week or the thread page, applied when
// a socket subscribes and again whenever that reader's rights change.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { readsAsPublicArchive } from '../consent/archive-authors.ts';
import { assertMayReadWeek, forumAccessBySlug, mayReadWeeks } from '../forums/forum-access.ts';
import { findWeek } from '../forums/forums.queries.ts';
import { loadThreadContext } from '../discussions/write-context.ts';

/** What a client asks to follow: a week of a forum, one thread, or the forum's synthesis. */
export interface SubscribeSpec {
  forum: string;
  week?: number;
  thread?: number;
  synthesis?: boolean;
}

export interface SubscriptionTarget {
  /** `thread:<id>`, `week:<number>` or `synthesis`; one subscription per key and socket. */
  key: string;
  forumId: number;
  weekId: number | null;
  threadId: number | null;
  isOrganizer: boolean;
  /** A reader of a public archive (neither member nor organizer): its authors appear as they chose. */
  readsAsArchive: boolean;
}

export async function authorizeSubscription(
  db: Kysely<DB>,
  user: SessionUser | null,
  spec: SubscribeSpec,
  now: Date,
): Promise<SubscriptionTarget> {
  if (spec.thread !== undefined) {
    const context = await loadThreadContext(db, spec.thread, user, now);
    if (context.access.forum.slug !== spec.forum) throw new DomainError('not_found');
    return {
      key: `thread:${context.thread.id}`,
      forumId: context.thread.forum_id,
      weekId: null,
      threadId: context.thread.id,
      isOrganizer: context.access.isOrganizer,
      readsAsArchive: readsAsPublicArchive(context.access),
    };
  }
  if (spec.synthesis === true) {
    // The synthesis page's readers: whoever reads the forum's weeks (a public archive's readers too).
    const access = await forumAccessBySlug(db, spec.forum, user);
    if (!mayReadWeeks(access, now)) throw new DomainError(user ? 'not_a_member' : 'sign_in_required');
    return {
      key: 'synthesis',
      forumId: access.forum.id,
      weekId: null,
      threadId: null,
      isOrganizer: access.isOrganizer,
      readsAsArchive: readsAsPublicArchive(access),
    };
  }
  if (spec.week === undefined) throw new DomainError('validation', { field: 'week' });
  const access = await forumAccessBySlug(db, spec.forum, user);
  const week = await findWeek(db, access.forum.id, spec.week);
  if (!week) throw new DomainError('not_found');
  assertMayReadWeek(access, week, now);
  return {
    key: `week:${spec.week}`,
    forumId: access.forum.id,
    weekId: week.id,
    threadId: null,
    isOrganizer: access.isOrganizer,
    readsAsArchive: readsAsPublicArchive(access),
  };
}
