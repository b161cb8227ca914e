// Who may do what in a forum: the rules every domain (weeks, discussions, moderation) asks.
// Organizers of the forum and site admins are exempt from the time box; members read weeks
// once they open and write until the week or forum closes; a closed public archive is
// readable by anyone and writable by nobody.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, ForumRole, Week } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { forumStatus, weekState } from './forum-calendar.ts';
import { findForumBySlug, findRoles } from './forums.queries.ts';

export interface ForumAccess {
  forum: Forum;
  user: SessionUser | null;
  roles: ForumRole[];
  isOrganizer: boolean;
  isMember: boolean;
}

export async function forumAccess(
  db: Kysely<DB>,
  forum: Forum | undefined,
  user: SessionUser | null,
): Promise<ForumAccess> {
  if (!forum) throw new DomainError('not_found');
  return accessWithRoles(forum, user, user ? await findRoles(db, forum.id, user.id) : []);
}

/** The same rule, for a caller that read the forum and the user's roles in its own query. */
export function accessWithRoles(forum: Forum, user: SessionUser | null, roles: ForumRole[]): ForumAccess {
  const isOrganizer = Boolean(user?.isAdmin) || roles.includes('organizer');
  // Drafts are hidden from all but their organizers and admins.
  if (!forum.published && !isOrganizer) throw new DomainError('not_found');
  return { forum, user, roles, isOrganizer, isMember: roles.length > 0 };
}

export async function forumAccessBySlug(db: Kysely<DB>, slug: string, user: SessionUser | null): Promise<ForumAccess> {
  return forumAccess(db, await findForumBySlug(db, slug), user);
}

export async function forumAccessById(db: Kysely<DB>, forumId: number, user: SessionUser | null): Promise<ForumAccess> {
  return forumAccess(db, await db.selectFrom('forums').selectAll().where('id', '=', forumId).executeTakeFirst(), user);
}

/** Whether the viewer may read the forum's weeks at all (before the per-week time box). */
export function mayReadWeeks(access: ForumAccess, now: Date): boolean {
  if (access.isOrganizer || access.isMember) return true;
  return access.forum.public_archive && forumStatus(access.forum, now) === 'closed';
}

export function assertMayReadWeek(access: ForumAccess, week: Week, now: Date): void {
  if (access.isOrganizer) return;
  if (!mayReadWeeks(access, now)) throw new DomainError(access.user ? 'not_a_member' : 'sign_in_required');
  if (weekState(week, now) === 'upcoming')
    throw new DomainError('week_not_open', { number: week.number, opensAt: week.opens_at });
}

/** The week a key respondent of the forum was assigned to prepare, if the viewer is one. */
export async function preparedWeekId(db: Kysely<DB>, access: ForumAccess): Promise<number | null> {
  if (!access.user || !access.roles.includes('key_respondent')) return null;
  const row = await db
    .selectFrom('memberships')
    .select('week_id')
    .where('forum_id', '=', access.forum.id)
    .where('user_id', '=', access.user.id)
    .where('role', '=', 'key_respondent')
    .executeTakeFirst();
  return row?.week_id ?? null;
}

/**
 * A week's material (its summary and readings): the week rule, except that a key respondent
 * reads the week they were assigned before it opens, to prepare. Nothing else of that week
 * (threads, posts, live events) opens early: those go through assertMayReadWeek alone.
 */
export function assertMayReadWeekMaterial(
  access: ForumAccess,
  week: Week,
  now: Date,
  preparedWeek: number | null,
): void {
  if (preparedWeek !== null && preparedWeek === week.id) return;
  assertMayReadWeek(access, week, now);
}

/**
 * Members write from the week's opening until the week closes (if the week, or else the forum,
 * says writing closes at the week's end) or the forum ends.
 */
export function assertMayWriteInWeek(access: ForumAccess, week: Week, now: Date): void {
  if (!access.user) throw new DomainError('sign_in_required');
  if (access.isOrganizer) return;
  if (!access.isMember) throw new DomainError('not_a_member');
  if (now < week.opens_at) throw new DomainError('week_not_open', { number: week.number, opensAt: week.opens_at });
  // Null (or a week row read without the column) follows the forum's setting.
  const closesAtEnd = week.writing_closes_at_end ?? access.forum.weeks_close_at_end;
  const closesAt = closesAtEnd ? week.closes_at : access.forum.ends_at;
  if (now >= closesAt) throw new DomainError('week_closed', { number: week.number });
}

export function assertOrganizer(access: ForumAccess): void {
  if (!access.user) throw new DomainError('sign_in_required');
  if (!access.isOrganizer) throw new DomainError('forbidden');
}
