// Organizers manage their forum's people: the members list with roles and status, changing
// roles (a key respondent prepares one week, within the forum's limits), suspending (the
// member reads and writes nothing in the forum; their posts stay), lifting a suspension and
// removing a member. A forum always keeps one organizer. Each change is one transaction with
// its audit entry and an access announcement, so open sessions and sockets follow at once.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, ForumRole } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { grantRole } from '../applications/applications.queries.ts';
import { toChoice } from '../forums/forum-lists.queries.ts';
import type { Choice } from '../forums/forum-lists.schemas.ts';
import { organizerForum, seatsTaken, takeKeyRespondentSeat } from '../applications/review.service.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import {
  activeRoles,
  countOrganizers,
  deleteSuspension,
  lockForumPeople,
  parkedRoles,
  parkRoles,
  peopleProfiles,
  removeRoles,
  suspensions,
  unparkRoles,
  type RoleRow,
} from './people.queries.ts';

export const ROLE_ORDER: readonly ForumRole[] = ['organizer', 'key_respondent', 'translator', 'participant'];

export interface PersonView {
  id: number;
  displayName: string;
  email: string;
  organisation: string;
  region: Choice | null;
  country: string;
  roles: ForumRole[];
  week: number | null;
  status: 'active' | 'suspended';
  suspendedAt: string | null;
  suspensionReason: string | null;
}

export interface PeopleFilter {
  role?: ForumRole;
  status?: 'active' | 'suspended';
}

type Handle = Kysely<DB> | Transaction<DB>;

async function peopleOf(db: Handle, forumId: number, userId?: number): Promise<PersonView[]> {
  const [active, parked, suspended] = await Promise.all([
    activeRoles(db, forumId, userId),
    parkedRoles(db, forumId, userId),
    suspensions(db, forumId, userId),
  ]);
  const suspendedBy = new Map(suspended.map((row) => [row.user_id, row]));
  const rolesBy = new Map<number, RoleRow[]>();
  for (const row of [...active, ...parked]) rolesBy.set(row.user_id, [...(rolesBy.get(row.user_id) ?? []), row]);
  for (const row of suspended) if (!rolesBy.has(row.user_id)) rolesBy.set(row.user_id, []);
  const profiles = await peopleProfiles(db, forumId, [...rolesBy.keys()]);
  const people = profiles.map((profile) => {
    const rows = rolesBy.get(profile.id)!;
    const suspension = suspendedBy.get(profile.id);
    return {
      id: profile.id,
      displayName: profile.display_name,
      email: profile.email,
      organisation: profile.organisation,
      country: profile.country,
      region:
        profile.region_key === null
          ? null
          : toChoice({
              key: profile.region_key,
              en: profile.region_en!,
              es: profile.region_es!,
              fr: profile.region_fr!,
            }),
      roles: ROLE_ORDER.filter((role) => rows.some((row) => row.role === role)),
      week: rows.find((row) => row.role === 'key_respondent')?.week ?? null,
      status: suspension ? ('suspended' as const) : ('active' as const),
      suspendedAt: suspension ? suspension.suspended_at.toISOString() : null,
      suspensionReason: suspension?.reason ?? null,
    };
  });
  return people.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id - b.id);
}

export async function listPeople(db: Kysely<DB>, slug: string, actor: SessionUser, filter: PeopleFilter) {
  const forum = await organizerForum(db, slug, actor);
  const [people, weeks, seats] = await Promise.all([
    peopleOf(db, forum.id),
    db.selectFrom('weeks').select(['number', 'starts_on']).where('forum_id', '=', forum.id).orderBy('number').execute(),
    seatsTaken(db, forum.id),
  ]);
  return {
    people: people.filter(
      (person) =>
        (filter.role === undefined || person.roles.includes(filter.role)) &&
        (filter.status === undefined || person.status === filter.status),
    ),
    weeks: weeks.map((week) => ({
      number: week.number,
      startsOn: week.starts_on,
      keyRespondents: seats.byWeek[String(week.number)] ?? 0,
    })),
    keyRespondents: { limit: forum.key_respondent_limit, perWeek: forum.key_respondents_per_week, taken: seats.taken },
  };
}

async function personIn(trx: Transaction<DB>, forumId: number, userId: number): Promise<PersonView> {
  const [person] = await peopleOf(trx, forumId, userId);
  if (!person) throw new DomainError('not_a_member');
  return person;
}

const cleanReason = (reason: string | undefined) => reason?.trim() || null;

/**
 * Under the forum's lock, the actor must still be an organizer: of two organizers demoting
 * each other at once, the one who waited has lost the right by the time they act.
 */
async function lockAsOrganizer(trx: Transaction<DB>, forumId: number, actor: SessionUser): Promise<void> {
  await lockForumPeople(trx, forumId);
  if (actor.isAdmin) return;
  const still = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', actor.id)
    .where('role', '=', 'organizer')
    .executeTakeFirst();
  if (!still) throw new DomainError('forbidden');
}

export interface RoleChange {
  roles: ForumRole[];
  week?: number;
  reason?: string;
}

/**
 * Gives a member exactly the roles asked for. A key respondent is also a participant and needs
 * a week; their seat follows the forum's limits. The last organizer cannot lose the role.
 */
export async function setRoles(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  userId: number,
  change: RoleChange,
): Promise<PersonView> {
  const forum = await organizerForum(db, slug, actor);
  const wanted = new Set(change.roles);
  if (wanted.has('key_respondent')) {
    if (change.week === undefined) throw new DomainError('validation', { field: 'week' });
    wanted.add('participant');
  }
  const reason = cleanReason(change.reason);
  return db.transaction().execute(async (trx) => {
    await lockAsOrganizer(trx, forum.id, actor);
    const person = await personIn(trx, forum.id, userId);
    if (person.status === 'suspended') throw new DomainError('member_suspended');
    const current = new Set(person.roles);
    const removing = person.roles.filter((role) => !wanted.has(role));
    const adding = ROLE_ORDER.filter((role) => wanted.has(role) && !current.has(role));
    const movingWeek = current.has('key_respondent') && wanted.has('key_respondent') && person.week !== change.week;
    if (removing.includes('organizer') && (await countOrganizers(trx, forum.id)) <= 1)
      throw new DomainError('last_organizer');

    await removeRoles(trx, forum.id, userId, removing);
    for (const role of adding) {
      if (role === 'key_respondent') await takeKeyRespondentSeat(trx, forum.id, userId, change.week!);
      else await grantRole(trx, forum.id, userId, role);
    }
    if (movingWeek) await takeKeyRespondentSeat(trx, forum.id, userId, change.week!);

    const actions = [
      ...removing.map((role) => `role.removed_${role}`),
      ...adding.map((role) =>
        role === 'key_respondent' ? `role.added_key_respondent_week_${change.week}` : `role.added_${role}`,
      ),
      ...(movingWeek ? [`role.key_respondent_week_${change.week}`] : []),
    ];
    for (const action of actions)
      await writeAudit(trx, {
        forumId: forum.id,
        actorId: actor.id,
        action,
        targetType: 'user',
        targetId: userId,
        reason,
      });
    if (actions.length > 0) await announceAccessChange(trx, { userId, forumId: forum.id });
    return personIn(trx, forum.id, userId);
  });
}

/**
 * One change to one person from the console: under the forum's lock, with the actor still an
 * organizer. `apply` makes the change and names its audit action, or returns null when there
 * was nothing to change (a double submit), which logs and announces nothing.
 */
async function changePerson(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  userId: number,
  reasonText: string | undefined,
  apply: (trx: Transaction<DB>, forumId: number, person: PersonView, reason: string | null) => Promise<string | null>,
): Promise<PersonView | undefined> {
  const forum = await organizerForum(db, slug, actor);
  const reason = cleanReason(reasonText);
  return db.transaction().execute(async (trx) => {
    await lockAsOrganizer(trx, forum.id, actor);
    const person = await personIn(trx, forum.id, userId);
    const action = await apply(trx, forum.id, person, reason);
    if (action === null) return person;
    await writeAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action,
      targetType: 'user',
      targetId: userId,
      reason,
    });
    await announceAccessChange(trx, { userId, forumId: forum.id });
    // Undefined once removed: they are no longer among the forum's people.
    return (await peopleOf(trx, forum.id, userId))[0];
  });
}

/** Suspends a member: their roles are parked, so every route, page and socket treats them as a non-member. */
export async function suspendMember(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  userId: number,
  reasonText?: string,
): Promise<PersonView> {
  return (await changePerson(db, slug, actor, userId, reasonText, async (trx, forumId, person, reason) => {
    if (person.status === 'suspended') return null;
    if (person.roles.includes('organizer')) throw new DomainError('cannot_suspend_organizer');
    await parkRoles(trx, forumId, userId, { by: actor.id, reason });
    return 'member.suspended';
  }))!;
}

/**
 * A returning key respondent's seat, if the forum's limits still have room; false when they do
 * not. takeKeyRespondentSeat checks the limits before it writes anything, so a refusal leaves
 * the transaction whole and the suspension can still be lifted.
 */
async function seatIfRoom(trx: Transaction<DB>, forumId: number, userId: number, week: number): Promise<boolean> {
  try {
    await takeKeyRespondentSeat(trx, forumId, userId, week);
    return true;
  } catch (error) {
    if (
      error instanceof DomainError &&
      (error.code === 'week_limit_reached' || error.code === 'key_respondent_limit_reached')
    )
      return false;
    throw error;
  }
}

/** Gives a suspended member their roles back; a key-respondent seat only if the week still has room. */
export async function unsuspendMember(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  userId: number,
  reasonText?: string,
): Promise<PersonView> {
  return (await changePerson(db, slug, actor, userId, reasonText, async (trx, forumId, person) => {
    const parked = await unparkRoles(trx, forumId, userId);
    if (parked === null) return null;
    for (const role of ROLE_ORDER.filter((r) => parked.some((row) => row.role === r))) {
      if (role !== 'key_respondent') await grantRole(trx, forumId, userId, role);
      // A week deleted or filled meanwhile leaves a participant, whom an organizer can appoint again.
      else if (person.week === null || !(await seatIfRoom(trx, forumId, userId, person.week)))
        await grantRole(trx, forumId, userId, 'participant');
    }
    if (parked.length === 0) await grantRole(trx, forumId, userId, 'participant');
    return 'member.unsuspended';
  }))!;
}

/** Ends a membership (and any suspension); the person's posts stay, credited to them. */
export async function removeMember(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  userId: number,
  reasonText?: string,
): Promise<void> {
  await changePerson(db, slug, actor, userId, reasonText, async (trx, forumId, person) => {
    if (
      person.roles.includes('organizer') &&
      person.status === 'active' &&
      (await countOrganizers(trx, forumId)) <= 1
    ) {
      throw new DomainError('last_organizer');
    }
    await deleteSuspension(trx, forumId, userId);
    await removeRoles(trx, forumId, userId, ROLE_ORDER as ForumRole[]);
    return 'member.removed';
  });
}
