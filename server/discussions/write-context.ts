// Loads what a read or write in a thread needs — the thread, its week and the user's access —
// and applies the rules they share: the time box, locked threads, and prompts that ask for
// one's own answer before showing the others'.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Week } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { accessWithRoles, assertMayReadWeek, assertMayWriteInWeek, type ForumAccess } from '../forums/forum-access.ts';
import { findThreadInContext, hasPostedIn } from './threads.queries.ts';

type Thread = NonNullable<Awaited<ReturnType<typeof findThreadInContext>>>['thread'];

export interface ThreadContext {
  access: ForumAccess;
  thread: Thread;
  week: Week;
}

export async function loadThreadContext(
  db: Kysely<DB> | Transaction<DB>,
  threadId: number,
  user: SessionUser | null,
  now: Date,
): Promise<ThreadContext> {
  const found = await findThreadInContext(db, threadId, user?.id ?? null);
  if (!found) throw new DomainError('not_found');
  const access = accessWithRoles(found.forum, user, user ? found.roles : []);
  assertMayReadWeek(access, found.week, now);
  return { access, thread: found.thread, week: found.week };
}

export function assertMayWriteInThread(context: ThreadContext, now: Date): void {
  assertMayWriteInWeek(context.access, context.week, now);
  if (context.thread.locked && !context.access.isOrganizer) throw new DomainError('thread_locked');
}

/**
 * Whether a prompt still hides the other answers from this reader: they have not answered yet
 * and are not an organizer. Every path that returns a post's text asks this.
 */
export async function mustAnswerFirst(
  db: Kysely<DB> | Transaction<DB>,
  context: ThreadContext,
  user: SessionUser | null,
): Promise<boolean> {
  if (!context.thread.requires_own_answer || context.access.isOrganizer) return false;
  return !(user && (await hasPostedIn(db, context.thread.id, user.id)));
}
