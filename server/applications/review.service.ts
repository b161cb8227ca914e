// The organizers' side: list and count applications by filter, decide one or many (accept,
// decline, waitlist, with a message) and hold the key-respondent limits (which, with the
// call's other limits and deadline, are set among the forum's settings).
// Every decision is written to the audit log and announced to the applicant.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { emailString } from '../mail/email-templates.ts';
import { notify } from '../notifications/notify.ts';
import { toApplicationView } from './application-view.ts';
import {
  countApplications,
  countByCountry,
  countByList,
  countKeyRespondents,
  findApplicationById,
  findMemberRegion,
  findWeekByNumber,
  grantRole,
  listApplications,
  lockForumSeats,
  removeCohortRoles,
  updateApplication,
  writeCohortAudit,
  type ApplicationFilters,
  type ApplicationRow,
} from './applications.queries.ts';
import type { BulkDecision, Decision } from './applications.schemas.ts';
import { findEntries, findEntryByKey, setMemberRegion, toChoice } from '../forums/forum-lists.queries.ts';
import { currentTime } from '../time/clock.ts';

export async function organizerForum(db: Kysely<DB>, slug: string, user: SessionUser): Promise<Forum> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  return access.forum;
}

export async function seatsTaken(db: Kysely<DB>, forumId: number) {
  const rows = await db
    .selectFrom('memberships')
    .leftJoin('weeks', 'weeks.id', 'memberships.week_id')
    .leftJoin('forum_member_regions as mr', (join) =>
      join.onRef('mr.forum_id', '=', 'memberships.forum_id').onRef('mr.user_id', '=', 'memberships.user_id'),
    )
    .leftJoin('forum_regions as region', 'region.id', 'mr.region_id')
    .select(['weeks.number', 'region.key', (eb) => eb.fn.countAll<number>().as('count')])
    .where('memberships.forum_id', '=', forumId)
    .where('memberships.role', '=', 'key_respondent')
    .groupBy(['weeks.number', 'region.key'])
    .execute();
  const byWeek: Record<string, number> = {};
  const byWeekRegion: Record<string, Record<string, number>> = {};
  let taken = 0;
  for (const row of rows) {
    const count = Number(row.count);
    taken += count;
    if (row.number === null) continue;
    const week = String(row.number);
    byWeek[week] = (byWeek[week] ?? 0) + count;
    (byWeekRegion[week] ??= {})[row.key ?? ''] = count;
  }
  return { taken, byWeek, byWeekRegion };
}

/** Weeks whose key-respondent seats are set apart from the forum's, by week number. */
export async function weekSeatLimits(db: Kysely<DB>, forumId: number) {
  const weeks = await db
    .selectFrom('weeks')
    .select(['number', 'key_respondent_limit', 'key_respondents_per_region'])
    .where('forum_id', '=', forumId)
    .orderBy('number')
    .execute();
  const limits: Record<string, { limit: number | null; perRegion: number | null }> = {};
  for (const week of weeks) {
    if (week.key_respondent_limit !== null || week.key_respondents_per_region !== null) {
      limits[String(week.number)] = { limit: week.key_respondent_limit, perRegion: week.key_respondents_per_region };
    }
  }
  return limits;
}

/** The list's filters by key, as the ids the queries compare; an unknown key is a bad filter. */
async function resolveFilters(db: Kysely<DB>, forumId: number, query: ReviewQuery): Promise<ApplicationFilters> {
  const { region, sector, ...rest } = query;
  const filters: ApplicationFilters = { ...rest };
  if (region !== undefined) {
    const row = await findEntryByKey(db, 'forum_regions', forumId, region);
    if (!row) throw new DomainError('validation', { field: 'region' });
    filters.regionId = row.id;
  }
  if (sector !== undefined) {
    const row = await findEntryByKey(db, 'forum_sectors', forumId, sector);
    if (!row) throw new DomainError('validation', { field: 'sector' });
    filters.sectorId = row.id;
  }
  return filters;
}

export type ReviewQuery = Omit<ApplicationFilters, 'regionId' | 'sectorId'> & { region?: string; sector?: string };

export async function reviewList(db: Kysely<DB>, slug: string, user: SessionUser, query: ReviewQuery) {
  const forum = await organizerForum(db, slug, user);
  const filters = await resolveFilters(db, forum.id, query);
  const [rows, countRows, countries, seats, listCounts, regions, sectors, weekLimits] = await Promise.all([
    listApplications(db, forum.id, filters),
    countApplications(db, forum.id, filters),
    countByCountry(db, forum.id, filters),
    seatsTaken(db, forum.id),
    countByList(db, forum.id, filters),
    findEntries(db, 'forum_regions', forum.id, { includeArchived: true }),
    findEntries(db, 'forum_sectors', forum.id, { includeArchived: true }),
    weekSeatLimits(db, forum.id),
  ]);
  const withCounts = (entries: typeof regions, counts: { id: number | null; count: number }[]) =>
    entries.map((entry) => ({
      ...toChoice(entry),
      archived: entry.archived_at !== null,
      count: counts.find((c) => c.id === entry.id)?.count ?? 0,
    }));
  const byStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const row of countRows) {
    const count = Number(row.count);
    byStatus[row.status] = (byStatus[row.status] ?? 0) + count;
    byKind[row.kind] = (byKind[row.kind] ?? 0) + count;
    total += count;
  }
  return {
    applications: rows.map((row) => ({ ...toApplicationView(row), email: row.email })),
    counts: { total, byStatus, byKind },
    countries,
    regions: withCounts(regions, listCounts.regions),
    sectors: withCounts(sectors, listCounts.sectors),
    seats: { limit: forum.key_respondent_limit, perWeek: forum.key_respondents_per_week, ...seats, weekLimits },
  };
}

export async function reviewOne(db: Kysely<DB>, slug: string, user: SessionUser, id: number) {
  const forum = await organizerForum(db, slug, user);
  const row = await findApplicationById(db, forum.id, id);
  if (!row) throw new DomainError('not_found');
  return { ...toApplicationView(row), email: row.email };
}

/**
 * Gives the person a key-respondent seat in a week, under the forum row's lock so that two
 * organizers taking the last seat at once cannot both succeed: the second waits, then counts
 * the first one's seat. Re-assigning a key respondent to another week frees their old seat.
 * A week may have its own number of seats and a limit per region, counted by the members'
 * regions in this forum (a member without one is held to the week's seats only).
 */
export async function takeKeyRespondentSeat(
  trx: Transaction<DB>,
  forumId: number,
  userId: number,
  weekNumber: number,
): Promise<void> {
  const limits = await lockForumSeats(trx, forumId);
  const week = await findWeekByNumber(trx, forumId, weekNumber);
  if (!week) throw new DomainError('validation', { field: 'week' });
  const region = await findMemberRegion(trx, forumId, userId);
  const taken = await countKeyRespondents(trx, forumId, week.id, userId, region?.id ?? null);
  if (taken.total >= limits.key_respondent_limit)
    throw new DomainError('key_respondent_limit_reached', { max: limits.key_respondent_limit });
  const inWeek = week.key_respondent_limit ?? limits.key_respondents_per_week;
  if (taken.inWeek >= inWeek) throw new DomainError('week_limit_reached', { number: weekNumber, max: inWeek });
  if (region && week.key_respondents_per_region !== null && taken.inRegion >= week.key_respondents_per_region) {
    throw new DomainError('region_limit_reached', {
      number: weekNumber,
      max: week.key_respondents_per_region,
      region: { en: region.en, es: region.es, fr: region.fr },
    });
  }
  await grantRole(trx, forumId, userId, 'participant');
  await grantRole(trx, forumId, userId, 'key_respondent', week.id);
}

/** The forum's title in a language, else in any language it has. */
export async function forumTitleIn(db: Kysely<DB> | Transaction<DB>, forumId: number, lang: Lang): Promise<string> {
  const texts = await db.selectFrom('forum_texts').select(['lang', 'title']).where('forum_id', '=', forumId).execute();
  return (texts.find((text) => text.lang === lang) ?? texts[0])?.title ?? '';
}

const statusOf = { accept: 'accepted', decline: 'declined', waitlist: 'waitlisted' } as const;

/**
 * A decision that would take a role away is refused unless the organizer confirmed it, so no
 * seat or membership is ever lost without the organizer having been told so in words.
 */
function assertRemovalConfirmed(row: ApplicationRow, decision: Decision): void {
  if (decision.confirmRoleRemoval || row.status !== 'accepted') return;
  const keepsSeat = decision.decision === 'accept' && decision.role === 'key_respondent';
  if (row.assigned_week != null && !keepsSeat) {
    throw new DomainError('decision_removes_seat', { name: row.display_name, number: row.assigned_week });
  }
  if (decision.decision !== 'accept') throw new DomainError('decision_removes_membership', { name: row.display_name });
}

async function decideInTransaction(
  trx: Transaction<DB>,
  forum: Forum,
  actor: SessionUser,
  row: ApplicationRow,
  decision: Decision,
  publicUrl: string,
  now: Date,
) {
  if (row.status === 'withdrawn') throw new DomainError('application_decided');
  assertRemovalConfirmed(row, decision);
  const role = decision.role ?? 'participant';
  // An accepted member's region in the forum is the one they applied with; seats by region count it.
  // The seat's forum row lock comes first: the region's row-level foreign-key locks on the forum,
  // taken before it, would let two concurrent acceptances deadlock on PostgreSQL.
  if (decision.decision === 'accept' && role === 'key_respondent') await lockForumSeats(trx, forum.id);
  if (decision.decision === 'accept' && row.region_id !== null)
    await setMemberRegion(trx, forum.id, row.user_id, row.region_id);
  if (decision.decision === 'accept') {
    if (role === 'key_respondent') {
      if (decision.week === undefined) throw new DomainError('validation', { field: 'week' });
      await takeKeyRespondentSeat(trx, forum.id, row.user_id, decision.week);
    } else {
      await removeCohortRoles(trx, forum.id, row.user_id, ['key_respondent']);
      await grantRole(trx, forum.id, row.user_id, 'participant');
    }
  } else {
    await removeCohortRoles(trx, forum.id, row.user_id);
  }
  if (decision.decision === 'accept') {
    // The directory shows profiles: an accepted applicant's empty profile fields take what they applied with.
    await trx
      .updateTable('users')
      .set((eb) => ({
        organisation: eb.fn('coalesce', [eb.fn('nullif', ['organisation', eb.val('')]), eb.val(row.organisation)]),
        country: eb.fn('coalesce', [eb.fn('nullif', ['country', eb.val('')]), eb.val(row.country)]),
      }))
      .where('id', '=', row.user_id)
      .execute();
  }
  const message = decision.message?.trim() || null;
  await updateApplication(trx, row.id, {
    status: statusOf[decision.decision],
    decision_message: message,
    decided_by: actor.id,
    decided_at: now,
  });
  const action =
    decision.decision === 'accept' && role === 'key_respondent'
      ? `application.accepted_key_respondent_week_${decision.week}`
      : `application.${statusOf[decision.decision]}`;
  await writeCohortAudit(trx, {
    forumId: forum.id,
    actorId: actor.id,
    action,
    targetType: 'application',
    targetId: row.id,
    reason: message,
  });
  const applicant = await trx
    .selectFrom('users')
    .select(['interface_lang', 'display_name'])
    .where('id', '=', row.user_id)
    .executeTakeFirstOrThrow();
  const lang: Lang = applicant.interface_lang;
  const decisionKey =
    decision.decision === 'accept' && role === 'key_respondent'
      ? 'accepted_key_respondent'
      : statusOf[decision.decision];
  await notify(
    trx,
    {
      type: 'application.decided',
      userIds: [row.user_id],
      forumId: forum.id,
      actorId: actor.id,
      payload: {
        forumSlug: forum.slug,
        status: statusOf[decision.decision],
        weekNumber: decision.week ?? null,
        message: message ?? '',
        decision: emailString(lang, `_cohort.${decisionKey}`, { number: decision.week ?? '' }),
        name: applicant.display_name,
        forumTitle: await forumTitleIn(trx, forum.id, lang),
        forumUrl: new URL(`/forums/${forum.slug}`, publicUrl).toString(),
      },
    },
    now,
  );
}

export async function decide(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  id: number,
  decision: Decision,
  publicUrl: string,
  now = currentTime(),
) {
  const forum = await organizerForum(db, slug, actor);
  await db.transaction().execute(async (trx) => {
    const row = await findApplicationById(trx, forum.id, id);
    if (!row) throw new DomainError('not_found');
    await decideInTransaction(trx, forum, actor, row, decision, publicUrl, now);
  });
  return toApplicationView((await findApplicationById(db, forum.id, id))!);
}

/** Rows a bulk decision may change: those still waiting for a decision (pending or waitlisted). */
function openForBulk(row: ApplicationRow, decision: BulkDecision['decision']): boolean {
  if (row.status === 'pending') return true;
  return row.status === 'waitlisted' && decision !== 'waitlist';
}

export interface SkippedApplication {
  id: number;
  displayName: string;
  status: ApplicationRow['status'];
  assignedWeek: number | null;
}

/**
 * The same decision for many applications, all or none: bulk acceptance admits participants
 * only. Rows already decided (accepted, declined, withdrawn, or already in the state asked
 * for) are left as they are and reported back: changing them is done one at a time.
 */
export async function decideMany(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  ids: number[],
  decision: BulkDecision,
  publicUrl: string,
  now = currentTime(),
) {
  const forum = await organizerForum(db, slug, actor);
  return db.transaction().execute(async (trx) => {
    const skipped: SkippedApplication[] = [];
    let decided = 0;
    for (const id of ids) {
      // Locked before it is judged, so a decision made meanwhile in one-by-one review is seen, not overwritten.
      await trx
        .selectFrom('applications')
        .select('id')
        .where('forum_id', '=', forum.id)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      const row = await findApplicationById(trx, forum.id, id);
      if (!row) throw new DomainError('not_found');
      if (!openForBulk(row, decision.decision)) {
        skipped.push({
          id: row.id,
          displayName: row.display_name,
          status: row.status,
          assignedWeek: row.assigned_week ?? null,
        });
        continue;
      }
      await decideInTransaction(
        trx,
        forum,
        actor,
        row,
        { decision: decision.decision, message: decision.message, role: 'participant' },
        publicUrl,
        now,
      );
      decided += 1;
    }
    return { decided, skipped };
  });
}
