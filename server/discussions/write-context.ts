// Loads what a write in a thread needs — the thread, its week and the writer's access — and
// applies the rules every write shares: the time box and locked threads.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Week } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { accessWithRoles, assertMayReadWeek, assertMayWriteInWeek, type ForumAccess } from '../forums/forum-access.ts';
import { findThreadInContext } from './threads.queries.ts';

type Thread = NonNullable<Awaited<ReturnType<typeof findThreadInContext>>>['thread'];

export interface ThreadContext {
  access: ForumAccess;
  thread: Thread;
  week: Week;
}

export async function loadThreadContext(db: Kysely<DB> | Transaction<DB>, threadId: number, user: SessionUser | null, now: Date): Promise<ThreadContext> {
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
