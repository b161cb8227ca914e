// The applicant's side of the call: apply (opening an account in the same flow), edit until the
// deadline, withdraw at any time, and see one's own application. The deadline is the end of its
// day in the forum's zone (forums.application_deadline is the next local midnight).
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { registerUser } from '../auth/auth.service.ts';
import { findUserByEmail } from '../auth/users.queries.ts';
import type { DB, Forum, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { addDays, localDate } from '../forums/forum-calendar.ts';
import { forumAccessBySlug } from '../forums/forum-access.ts';
import { applicationsOpen } from '../forums/forum-status.ts';
import { findRoles } from '../forums/forums.queries.ts';
import { checkTexts, toApplicationView } from './application-view.ts';
import type { ApplicationRow } from './applications.queries.ts';
import {
  findApplication,
  findWeekByNumber,
  insertApplication,
  isOptedIn,
  lockApplication,
  listOwnApplications,
  removeCohortRoles,
  setOptIn,
  updateApplication,
  writeCohortAudit,
} from './applications.queries.ts';
import {
  EXPERIENCE_WORD_LIMIT,
  STATEMENT_WORD_LIMIT,
  type ApplicationInput,
  type NewAccountInput,
} from './applications.schemas.ts';
import { applicationChoices, type ApplicationChoices } from './application-choices.ts';
import { callChoices } from '../forums/forum-lists.service.ts';
import { currentTime } from '../time/clock.ts';
import { findConsent, listConsentRecords, proceedingsPublished, recordConsent } from '../consent/consent.queries.ts';

function assertOpen(forum: Forum, now: Date): void {
  if (!applicationsOpen(forum, now)) throw new DomainError('application_closed', { deadlineOn: deadlineOn(forum) });
}

/** The last day to apply, as a date in the forum's zone. */
export function deadlineOn(forum: Forum): string {
  return addDays(localDate(forum.application_deadline, forum.time_zone), -1);
}

async function weekIdOf(
  db: Kysely<DB> | Transaction<DB>,
  forumId: number,
  input: ApplicationInput,
): Promise<number | null> {
  if (input.kind !== 'key_respondent') return null;
  const week = await findWeekByNumber(db, forumId, input.fitsWeek!);
  if (!week) throw new DomainError('validation', { field: 'fitsWeek' });
  return week.id;
}

function columns(input: ApplicationInput, fitsWeekId: number | null, choices: ApplicationChoices) {
  const candidate = input.kind === 'key_respondent';
  return {
    kind: input.kind,
    description: input.description.trim(),
    statement: candidate ? (input.statement ?? '').trim() : '',
    research_experience: candidate ? (input.researchExperience ?? '').trim() : '',
    ground_experience: candidate ? (input.groundExperience ?? '').trim() : '',
    policy_experience: candidate ? (input.policyExperience ?? '').trim() : '',
    fits_week_id: fitsWeekId,
    organisation: input.organisation.trim(),
    region_id: choices.regionId,
    sector_id: choices.sectorId,
    prerequisites_confirmed: choices.prerequisiteIds,
    country: input.country.trim(),
    langs: input.langs,
    heard_from: (input.heardFrom ?? '').trim(),
  };
}

function sameAnswers(row: ApplicationRow, values: ReturnType<typeof columns>): boolean {
  return (
    row.kind === values.kind &&
    row.description === values.description &&
    row.statement === values.statement &&
    (row.fits_week_id ?? null) === values.fits_week_id &&
    row.organisation === values.organisation &&
    row.region_id === values.region_id &&
    row.sector_id === values.sector_id &&
    row.research_experience === values.research_experience &&
    row.ground_experience === values.ground_experience &&
    row.policy_experience === values.policy_experience &&
    row.prerequisites_confirmed.join() === values.prerequisites_confirmed.join() &&
    row.country === values.country &&
    row.heard_from === values.heard_from &&
    row.langs.join() === values.langs.join()
  );
}

/** Records the application, or reopens a withdrawn one; refuses a second live one. */
async function store(
  trx: Transaction<DB>,
  forum: Forum,
  userId: number,
  lang: Lang,
  input: ApplicationInput,
  fitsWeekId: number | null,
  choices: ApplicationChoices,
) {
  const roles = await findRoles(trx, forum.id, userId);
  if (roles.length > 0) throw new DomainError('already_member');
  const values = columns(input, fitsWeekId, choices);
  const id = await insertApplication(trx, { forum_id: forum.id, user_id: userId, lang, ...values });
  if (id === undefined) {
    // Locked, so of two sends racing to reopen a withdrawn application one reopens it and the other sees it reopened.
    await lockApplication(trx, forum.id, userId);
    const existing = (await findApplication(trx, forum.id, userId))!;
    if (existing.status === 'withdrawn') {
      await updateApplication(trx, existing.id, {
        ...values,
        lang,
        status: 'pending',
        decision_message: null,
        decided_at: null,
        decided_by: null,
      });
    } else if (!(existing.status === 'pending' && sameAnswers(existing, values))) {
      // The same answers sent again (a double submit, a retry) get the same answer; anything else is a second application.
      throw new DomainError('already_applied');
    }
  }
  if (input.optIn) await setOptIn(trx, forum.id, userId, true);
  if (input.publicationConsent)
    await recordConsent(trx, { forumId: forum.id, userId, choice: input.publicationConsent, source: 'application' });
}

export type ApplyResult =
  { status: 'applied'; application: ReturnType<typeof toApplicationView> } | { status: 'check_email' };

/**
 * A signed-in person applies at once. A visitor opens an account in the same request: the
 * application waits with the new, unverified account, and the answer is the same whether or
 * not the email already had an account (its owner is told by email instead), so the form
 * never reveals who has an account here.
 */
export async function apply(
  db: Kysely<DB>,
  slug: string,
  caller: { user: SessionUser | null; lang: Lang },
  input: ApplicationInput & { account?: NewAccountInput },
  publicUrl: string,
  now = currentTime(),
): Promise<ApplyResult> {
  const { forum } = await forumAccessBySlug(db, slug, caller.user);
  assertOpen(forum, now);
  checkTexts(forum, input);
  const fitsWeekId = await weekIdOf(db, forum.id, input);
  const choices = await applicationChoices(db, forum.id, input);
  if (caller.user) {
    const user = caller.user;
    await db.transaction().execute((trx) => store(trx, forum, user.id, caller.lang, input, fitsWeekId, choices));
    return { status: 'applied', application: toApplicationView((await findApplication(db, forum.id, user.id))!) };
  }
  const account = input.account;
  if (!account) throw new DomainError('sign_in_required');
  const link = await registerUser(
    db,
    {
      email: account.email,
      displayName: account.displayName,
      password: account.password,
      interfaceLang: account.interfaceLang,
      readingLangs: input.langs,
      timeZone: account.timeZone,
      organisation: input.organisation,
      country: input.country,
      next: `/forums/${forum.slug}/apply`,
      acceptTerms: account.acceptTerms,
    },
    publicUrl,
    now,
  );
  const person = (await findUserByEmail(db, account.email.trim()))!;
  await db.transaction().execute(async (trx) => {
    if (link) {
      // A pending account registered again replaces its earlier application, as it replaced its password.
      await trx.deleteFrom('applications').where('forum_id', '=', forum.id).where('user_id', '=', person.id).execute();
      await store(trx, forum, person.id, account.interfaceLang, input, fitsWeekId, choices);
    } else {
      // The owner of an existing account is only emailed; reading what storing would have read
      // keeps the two answers as alike in time as in content.
      await findApplication(trx, forum.id, person.id);
      await findRoles(trx, forum.id, person.id);
      await isOptedIn(trx, forum.id, person.id);
      // Recording the consent writes three statements; three reads stand in for them.
      await findConsent(trx, forum.id, person.id);
      await listConsentRecords(trx, forum.id, person.id);
      await proceedingsPublished(trx, forum.id);
    }
  });
  return { status: 'check_email' };
}

export async function editApplication(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  input: ApplicationInput,
  now = currentTime(),
) {
  const { forum } = await forumAccessBySlug(db, slug, user);
  assertOpen(forum, now);
  checkTexts(forum, input);
  const fitsWeekId = await weekIdOf(db, forum.id, input);
  const before = await findApplication(db, forum.id, user.id);
  const choices = await applicationChoices(db, forum.id, input, before);
  await db.transaction().execute(async (trx) => {
    const existing = await findApplication(trx, forum.id, user.id);
    if (!existing || existing.status === 'withdrawn') throw new DomainError('not_found');
    if (existing.status !== 'pending' && existing.status !== 'waitlisted') throw new DomainError('application_decided');
    await updateApplication(trx, existing.id, columns(input, fitsWeekId, choices));
    if (input.optIn !== undefined) await setOptIn(trx, forum.id, user.id, input.optIn);
    if (input.publicationConsent)
      await recordConsent(trx, {
        forumId: forum.id,
        userId: user.id,
        choice: input.publicationConsent,
        source: 'application',
      });
  });
  return toApplicationView((await findApplication(db, forum.id, user.id))!);
}

/** Withdrawing is always possible; an accepted applicant leaves the cohort (their posts stay). */
export async function withdrawApplication(db: Kysely<DB>, slug: string, user: SessionUser) {
  const { forum } = await forumAccessBySlug(db, slug, user);
  await db.transaction().execute(async (trx) => {
    const existing = await findApplication(trx, forum.id, user.id);
    if (!existing || existing.status === 'withdrawn') throw new DomainError('not_found');
    await updateApplication(trx, existing.id, { status: 'withdrawn' });
    if (existing.status === 'accepted') await removeCohortRoles(trx, forum.id, user.id);
    await writeCohortAudit(trx, {
      forumId: forum.id,
      actorId: user.id,
      action: 'application.withdrawn',
      targetType: 'application',
      targetId: existing.id,
    });
  });
  return toApplicationView((await findApplication(db, forum.id, user.id))!);
}

/** The call's rules and, for a signed-in reader, their own application. */
export async function ownApplication(db: Kysely<DB>, slug: string, user: SessionUser | null, now = currentTime()) {
  const { forum } = await forumAccessBySlug(db, slug, user);
  const weeks = await db
    .selectFrom('weeks')
    .select('number')
    .where('forum_id', '=', forum.id)
    .orderBy('number')
    .execute();
  const row = user ? await findApplication(db, forum.id, user.id) : undefined;
  const lists = await callChoices(db, forum.id);
  return {
    call: {
      open: applicationsOpen(forum, now),
      deadline: forum.application_deadline.toISOString(),
      deadlineOn: deadlineOn(forum),
      timeZone: forum.time_zone,
      descriptionWordLimit: forum.description_word_limit,
      statementWordLimit: STATEMENT_WORD_LIMIT,
      experienceWordLimit: EXPERIENCE_WORD_LIMIT,
      weeks: weeks.map((week) => week.number),
      ...lists,
    },
    application: row ? toApplicationView(row) : null,
    optedIn: user ? await isOptedIn(db, forum.id, user.id) : false,
    // Offered again when the applicant sends a withdrawn application anew, so they need not choose twice.
    publicationConsent: user ? ((await findConsent(db, forum.id, user.id))?.choice ?? null) : null,
  };
}

export async function myApplications(db: Kysely<DB>, user: SessionUser) {
  const rows = await listOwnApplications(db, user.id);
  return rows.map((row) => ({
    forumSlug: row.slug,
    kind: row.kind,
    status: row.status,
    assignedWeek: row.assigned_week ?? null,
    decisionMessage: row.decision_message,
  }));
}

/** A member or applicant chooses to hear (or no longer hear) about later forums and opportunities. */
export async function setEngagement(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  optedIn: boolean,
): Promise<boolean> {
  const { forum, isMember } = await forumAccessBySlug(db, slug, user);
  if (!isMember && !(await findApplication(db, forum.id, user.id))) throw new DomainError('not_a_member');
  await setOptIn(db, forum.id, user.id, optedIn);
  return optedIn;
}
