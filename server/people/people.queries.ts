// All SQL about a forum's people as organizers manage them: members with their roles, the
// suspended with their parked roles, and the forum-wide lock every change of roles takes.
import type { Kysely, Transaction } from 'kysely';
import type { DB, ForumRole } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export interface RoleRow {
  user_id: number;
  role: ForumRole;
  week: number | null;
}

/**
 * Locks the forum's row for the rest of the transaction. Every change of roles made from the
 * console (and every key-respondent seat, which takes the same lock) queues behind it, so two
 * organizers demoting each other at once are serialized and the second sees the first's change.
 */
export async function lockForumPeople(trx: Transaction<DB>, forumId: number): Promise<void> {
  await trx.selectFrom('forums').select('id').where('id', '=', forumId).forUpdate().executeTakeFirstOrThrow();
}

export function activeRoles(db: Handle, forumId: number, userId?: number) {
  return db
    .selectFrom('memberships')
    .leftJoin('weeks', 'weeks.id', 'memberships.week_id')
    .select(['memberships.user_id', 'memberships.role', 'weeks.number as week'])
    .where('memberships.forum_id', '=', forumId)
    .$if(userId !== undefined, (qb) => qb.where('memberships.user_id', '=', userId!))
    .execute() as Promise<RoleRow[]>;
}

export function parkedRoles(db: Handle, forumId: number, userId?: number) {
  return db
    .selectFrom('suspended_roles')
    .leftJoin('weeks', 'weeks.id', 'suspended_roles.week_id')
    .select(['suspended_roles.user_id', 'suspended_roles.role', 'weeks.number as week'])
    .where('suspended_roles.forum_id', '=', forumId)
    .$if(userId !== undefined, (qb) => qb.where('suspended_roles.user_id', '=', userId!))
    .execute() as Promise<RoleRow[]>;
}

export function suspensions(db: Handle, forumId: number, userId?: number) {
  return db
    .selectFrom('forum_suspensions')
    .select(['user_id', 'reason', 'suspended_at'])
    .where('forum_id', '=', forumId)
    .$if(userId !== undefined, (qb) => qb.where('user_id', '=', userId!))
    .execute();
}

/** Profiles with each person's region in this forum (its names in each language, or nulls). */
export function peopleProfiles(db: Handle, forumId: number, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .leftJoin('forum_member_regions as mr', (join) =>
      join.onRef('mr.user_id', '=', 'users.id').on('mr.forum_id', '=', forumId),
    )
    .leftJoin('forum_regions as region', 'region.id', 'mr.region_id')
    .select([
      'users.id',
      'users.display_name',
      'users.email',
      'users.organisation',
      'region.key as region_key',
      'region.en as region_en',
      'region.es as region_es',
      'region.fr as region_fr',
      'users.country',
    ])
    .where('users.id', 'in', userIds)
    .execute();
}

export async function countOrganizers(trx: Transaction<DB>, forumId: number): Promise<number> {
  const row = await trx
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('forum_id', '=', forumId)
    .where('role', '=', 'organizer')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function removeRoles(
  trx: Transaction<DB>,
  forumId: number,
  userId: number,
  roles: ForumRole[],
): Promise<ForumRole[]> {
  if (roles.length === 0) return [];
  const removed = await trx
    .deleteFrom('memberships')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .where('role', 'in', roles)
    .returning('role')
    .execute();
  return removed.map((row) => row.role);
}

/** Moves a member's roles out of memberships, so every reader of memberships sees a non-member. */
export async function parkRoles(
  trx: Transaction<DB>,
  forumId: number,
  userId: number,
  suspension: { by: number; reason: string | null },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('forum_suspensions')
    .values({ forum_id: forumId, user_id: userId, suspended_by: suspension.by, reason: suspension.reason })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (!inserted) return false;
  const roles = await trx
    .deleteFrom('memberships')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .returning(['role', 'week_id'])
    .execute();
  if (roles.length > 0) {
    await trx
      .insertInto('suspended_roles')
      .values(roles.map((row) => ({ forum_id: forumId, user_id: userId, role: row.role, week_id: row.week_id })))
      .execute();
  }
  return true;
}

/** Ends a suspension; returns the parked roles (null when the person was not suspended). */
export async function unparkRoles(trx: Transaction<DB>, forumId: number, userId: number) {
  const roles = await trx
    .selectFrom('suspended_roles')
    .select(['role', 'week_id'])
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .execute();
  const ended = await trx
    .deleteFrom('forum_suspensions')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .returning('user_id')
    .executeTakeFirst();
  return ended ? roles : null;
}

export async function deleteSuspension(trx: Transaction<DB>, forumId: number, userId: number): Promise<boolean> {
  const row = await trx
    .deleteFrom('forum_suspensions')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}
