// All SQL about applications, cohort roles and the key-respondent seats.
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import { announceAccessChange } from '../events/access-changes.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { ApplicationKind, ApplicationsTable, ApplicationStatus, DB, ForumRole, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export interface ApplicationFilters {
  kind?: ApplicationKind;
  status?: ApplicationStatus;
  /** Ids of the forum's region and sector, resolved from the keys the request named. */
  regionId?: number;
  sectorId?: number;
  country?: string;
  lang?: Lang;
  week?: number;
}

const applicationColumns = [
  'applications.id',
  'applications.forum_id',
  'applications.user_id',
  'applications.kind',
  'applications.status',
  'applications.fits_week_id',
  'applications.description',
  'applications.statement',
  'applications.organisation',
  'applications.region_id',
  'applications.sector_id',
  'applications.prerequisites_confirmed',
  'applications.research_experience',
  'applications.ground_experience',
  'applications.policy_experience',
  'region.key as region_key',
  'region.en as region_en',
  'region.es as region_es',
  'region.fr as region_fr',
  'sector.key as sector_key',
  'sector.en as sector_en',
  'sector.es as sector_es',
  'sector.fr as sector_fr',
  'applications.country',
  'applications.langs',
  'applications.heard_from',
  'applications.lang',
  'applications.decision_message',
  'applications.decided_at',
  'applications.created_at',
  'applications.updated_at',
  'users.display_name',
  'users.email',
  'fits.number as fits_week',
] as const;

function withPeople(db: Handle) {
  return db
    .selectFrom('applications')
    .innerJoin('users', 'users.id', 'applications.user_id')
    .leftJoin('weeks as fits', 'fits.id', 'applications.fits_week_id')
    .leftJoin('forum_regions as region', 'region.id', 'applications.region_id')
    .leftJoin('forum_sectors as sector', 'sector.id', 'applications.sector_id');
}

/** The week number a key respondent holds in the application's forum, from their membership; null for anyone else. */
const assignedWeek = () =>
  sql<number | null>`(SELECT w.number FROM memberships m JOIN weeks w ON w.id = m.week_id
  WHERE m.forum_id = applications.forum_id AND m.user_id = applications.user_id AND m.role = 'key_respondent')`.as(
    'assigned_week',
  );

/** Keys of the prerequisites the applicant confirmed, in the forum's order. */
const confirmedKeys = () =>
  sql<string[]>`ARRAY(SELECT p.key FROM forum_prerequisites p
  WHERE p.id = ANY(applications.prerequisites_confirmed) ORDER BY p.position, p.id)`.as('prerequisite_keys');

export function findApplication(db: Handle, forumId: number, userId: number) {
  return withPeople(db)
    .select(applicationColumns)
    .select(assignedWeek())
    .select(confirmedKeys())
    .where('applications.forum_id', '=', forumId)
    .where('applications.user_id', '=', userId)
    .executeTakeFirst();
}

export function findApplicationById(db: Handle, forumId: number, id: number) {
  return withPeople(db)
    .select(applicationColumns)
    .select(assignedWeek())
    .select(confirmedKeys())
    .where('applications.forum_id', '=', forumId)
    .where('applications.id', '=', id)
    .executeTakeFirst();
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

function filtered(db: Handle, forumId: number, filters: ApplicationFilters) {
  return withPeople(db)
    .where('applications.forum_id', '=', forumId)
    .$if(filters.kind !== undefined, (qb) => qb.where('applications.kind', '=', filters.kind!))
    .$if(filters.status !== undefined, (qb) => qb.where('applications.status', '=', filters.status!))
    .$if(filters.regionId !== undefined, (qb) => qb.where('applications.region_id', '=', filters.regionId!))
    .$if(filters.sectorId !== undefined, (qb) => qb.where('applications.sector_id', '=', filters.sectorId!))
    .$if(filters.country !== undefined, (qb) =>
      qb.where(sql`lower(applications.country)`, '=', filters.country!.toLowerCase()),
    )
    .$if(filters.lang !== undefined, (qb) => qb.where(sql<boolean>`${filters.lang} = ANY(applications.langs)`))
    .$if(filters.week !== undefined, (qb) => qb.where('fits.number', '=', filters.week!));
}

export function listApplications(db: Handle, forumId: number, filters: ApplicationFilters) {
  return filtered(db, forumId, filters)
    .select(applicationColumns)
    .select(assignedWeek())
    .select(confirmedKeys())
    .orderBy('applications.id')
    .execute();
}

/** Counts of the filtered list by status and kind, so the page can show what each filter holds. */
export function countApplications(db: Handle, forumId: number, filters: ApplicationFilters) {
  return filtered(db, forumId, filters)
    .select(['applications.status', 'applications.kind', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['applications.status', 'applications.kind'])
    .execute();
}

/**
 * Applications per country under every filter but the country one, so the country choices
 * keep showing what each would hold; spellings differing only in case count as one country.
 */
export async function countByCountry(db: Handle, forumId: number, filters: ApplicationFilters) {
  const rows = await filtered(db, forumId, { ...filters, country: undefined })
    .select([sql<string>`min(applications.country)`.as('country'), (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(sql`lower(applications.country)`)
    .orderBy(sql`lower(applications.country)`)
    .execute();
  return rows.map((row) => ({ country: row.country, count: Number(row.count) }));
}

/**
 * Applications per region and per sector under every other filter but that one, so each
 * choice keeps showing what it would hold; null counts those who gave none.
 */
export async function countByList(db: Handle, forumId: number, filters: ApplicationFilters) {
  const [regions, sectors] = await Promise.all([
    filtered(db, forumId, { ...filters, regionId: undefined })
      .select(['applications.region_id as id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('applications.region_id')
      .execute(),
    filtered(db, forumId, { ...filters, sectorId: undefined })
      .select(['applications.sector_id as id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('applications.sector_id')
      .execute(),
  ]);
  const counts = (rows: { id: number | null; count: number }[]) =>
    rows.map((row) => ({ id: row.id, count: Number(row.count) }));
  return { regions: counts(regions), sectors: counts(sectors) };
}

/** Inserts unless the person already applied to the forum; undefined when they had. */
export async function insertApplication(
  trx: Transaction<DB>,
  values: Insertable<ApplicationsTable>,
): Promise<number | undefined> {
  const row = await trx
    .insertInto('applications')
    .values(values)
    .onConflict((oc) => oc.columns(['forum_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Holds a person's application in a forum until the transaction ends. */
export async function lockApplication(trx: Transaction<DB>, forumId: number, userId: number): Promise<void> {
  await trx
    .selectFrom('applications')
    .select('id')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .forUpdate()
    .execute();
}

export async function updateApplication(
  trx: Transaction<DB>,
  id: number,
  changes: Updateable<ApplicationsTable>,
): Promise<void> {
  await trx
    .updateTable('applications')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Locks the forum's row: every change to key-respondent seats takes it first, so concurrent acceptances queue. */
export function lockForumSeats(trx: Transaction<DB>, forumId: number) {
  return trx
    .selectFrom('forums')
    .select(['id', 'key_respondent_limit', 'key_respondents_per_week'])
    .where('id', '=', forumId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Key respondents of the forum other than `exceptUserId`: in total, in the given week, and in
 * that week from the given region (members' regions in this forum).
 */
export async function countKeyRespondents(
  trx: Transaction<DB>,
  forumId: number,
  weekId: number,
  exceptUserId: number,
  regionId: number | null = null,
) {
  const row = await trx
    .selectFrom('memberships')
    .leftJoin('forum_member_regions as mr', (join) =>
      join.onRef('mr.forum_id', '=', 'memberships.forum_id').onRef('mr.user_id', '=', 'memberships.user_id'),
    )
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.count<number>('memberships.week_id').filterWhere('memberships.week_id', '=', weekId).as('in_week'),
      (eb) =>
        eb.fn
          .count<number>('memberships.week_id')
          .filterWhere((w) => w.and([w('memberships.week_id', '=', weekId), w('mr.region_id', '=', regionId ?? -1)]))
          .as('in_region'),
    ])
    .where('memberships.forum_id', '=', forumId)
    .where('memberships.role', '=', 'key_respondent')
    .where('memberships.user_id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), inWeek: Number(row.in_week), inRegion: Number(row.in_region) };
}

/** A member's region in a forum, with its names, or undefined. */
export function findMemberRegion(db: Handle, forumId: number, userId: number) {
  return db
    .selectFrom('forum_member_regions as mr')
    .innerJoin('forum_regions as r', 'r.id', 'mr.region_id')
    .select(['r.id', 'r.key', 'r.en', 'r.es', 'r.fr'])
    .where('mr.forum_id', '=', forumId)
    .where('mr.user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * Gives a role. A member suspended from the forum gets none: their roles are parked until an
 * organizer lifts the suspension, so no accepted application or invitation can let them back in.
 */
export async function grantRole(
  trx: Transaction<DB>,
  forumId: number,
  userId: number,
  role: ForumRole,
  weekId: number | null = null,
): Promise<void> {
  // A suspension takes the forum row FOR UPDATE: holding it FOR SHARE first, a grant racing a
  // suspension either lands before it (and is parked with the rest) or sees it.
  await trx.selectFrom('forums').select('id').where('id', '=', forumId).forShare().executeTakeFirst();
  if (await isSuspended(trx, forumId, userId)) throw new DomainError('member_suspended');
  await trx
    .insertInto('memberships')
    .values({ forum_id: forumId, user_id: userId, role, week_id: weekId })
    .onConflict((oc) => oc.columns(['forum_id', 'user_id', 'role']).doUpdateSet({ week_id: weekId }))
    .execute();
}

/** Takes away the roles a person holds through the cohort (participant, key respondent); posts stay theirs. */
export async function removeCohortRoles(
  trx: Transaction<DB>,
  forumId: number,
  userId: number,
  roles: ForumRole[] = ['participant', 'key_respondent'],
): Promise<void> {
  const removed = await trx
    .deleteFrom('memberships')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .where('role', 'in', roles)
    .returning('role')
    .execute();
  // Open sockets re-check the person's rights before the next event reaches them.
  if (removed.length > 0) await announceAccessChange(trx, { userId, forumId });
}

export function findWeekByNumber(db: Handle, forumId: number, number: number) {
  return db
    .selectFrom('weeks')
    .select(['id', 'number', 'key_respondent_limit', 'key_respondents_per_region'])
    .where('forum_id', '=', forumId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function isSuspended(db: Handle, forumId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('forum_suspensions')
    .select('user_id')
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function writeCohortAudit(
  trx: Transaction<DB>,
  entry: {
    forumId: number;
    actorId: number;
    action: string;
    targetType: 'application' | 'forum' | 'user' | 'invitation' | 'reconfirmation_request';
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

export async function setOptIn(db: Handle, forumId: number, userId: number, optedIn: boolean): Promise<void> {
  if (optedIn) {
    await db
      .insertInto('engagement_opt_ins')
      .values({ forum_id: forumId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db.deleteFrom('engagement_opt_ins').where('forum_id', '=', forumId).where('user_id', '=', userId).execute();
  }
}

export async function isOptedIn(db: Handle, forumId: number, userId: number): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('engagement_opt_ins')
      .select('user_id')
      .where('forum_id', '=', forumId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** The applications of one person across forums, for their profile. */
export function listOwnApplications(db: Handle, userId: number) {
  return db
    .selectFrom('applications')
    .innerJoin('forums', 'forums.id', 'applications.forum_id')
    .select([
      'applications.id',
      'applications.kind',
      'applications.status',
      'applications.decision_message',
      'forums.slug',
      'forums.id as forum_id',
    ])
    .select(assignedWeek())
    .where('applications.user_id', '=', userId)
    .where('forums.published', '=', true)
    .orderBy('applications.id', 'desc')
    .execute();
}
