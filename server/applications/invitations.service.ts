// Organizers add people directly: someone with an account becomes a member at once; someone
// without one gets an emailed link that works once, for this forum, until it expires, and
// opens their account (verified, since the link proves the address) in the same step.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { hashPassword } from '../auth/password.ts';
import { recordTermsAcceptance } from '../auth/terms-acceptances.queries.ts';
import { isTimeZone } from '../auth/time-zone.ts';
import { findUserByEmail, insertUserUnlessEmailTaken } from '../auth/users.queries.ts';
import type { ConsentChoice, DB, ForumRole, Lang } from '../db/schema.ts';
import { recordConsent } from '../consent/consent.queries.ts';
import { DomainError } from '../errors/domain-error.ts';
import { addDays, localDate, startOfLocalDay } from '../forums/forum-calendar.ts';
import { forumAccessBySlug } from '../forums/forum-access.ts';
import { cleanName } from '../http/text-rules.ts';
import { emailString } from '../mail/email-templates.ts';
import { queueEmail } from '../mail/outbox.queries.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import { grantRole, isSuspended, writeCohortAudit } from './applications.queries.ts';
import { hashLinkToken, newLinkToken } from './link-tokens.ts';
import { forumTitleIn, organizerForum, takeKeyRespondentSeat } from './review.service.ts';
import { currentTime } from '../time/clock.ts';

export const INVITATION_LIFETIME_DAYS = 14;

/**
 * An invitation works until the end of a day of the forum's calendar, so the day the email
 * names is exact for the invitee (who has no zone of their own yet): the last day and the
 * next local midnight, when the link stops working.
 */
export function invitationExpiry(now: Date, timeZone: string): { expiresOn: string; expiresAt: Date } {
  const expiresOn = addDays(localDate(now, timeZone), INVITATION_LIFETIME_DAYS);
  return { expiresOn, expiresAt: startOfLocalDay(addDays(expiresOn, 1), timeZone) };
}

export interface InvitationInput {
  email: string;
  role: ForumRole;
  week?: number;
  lang: Lang;
}

/**
 * Gives an invited person the role they were invited to: a key respondent takes a seat in their
 * week within the forum's limits (and is a participant); the other roles are given as they are.
 */
async function grantInvitedRole(
  trx: Transaction<DB>,
  forumId: number,
  userId: number,
  role: ForumRole,
  weekNumber: number | null,
): Promise<void> {
  if (role === 'key_respondent' && weekNumber !== null) {
    await takeKeyRespondentSeat(trx, forumId, userId, weekNumber);
  } else if (role === 'key_respondent') {
    // The week was deleted after the invitation was sent: a participant, whom an organizer can appoint again.
    await grantRole(trx, forumId, userId, 'participant');
  } else {
    await grantRole(trx, forumId, userId, role);
  }
  // Open sessions and sockets of the person pick up the new role at once.
  await announceAccessChange(trx, { userId, forumId });
}

/** Applications answer only for the cohort's roles: an invitation to translate leaves a pending application pending. */
const COHORT_ROLES: readonly ForumRole[] = ['participant', 'key_respondent'];

export async function invite(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  input: InvitationInput,
  publicUrl: string,
  now = currentTime(),
) {
  const forum = await organizerForum(db, slug, actor);
  if (input.role === 'key_respondent' && input.week === undefined)
    throw new DomainError('validation', { field: 'week' });
  const email = input.email.trim();
  const forumUrl = new URL(`/forums/${forum.slug}`, publicUrl).toString();
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    if (existing) {
      await grantInvitedRole(trx, forum.id, existing.id, input.role, input.week ?? null);
      if (COHORT_ROLES.includes(input.role))
        await trx
          .updateTable('applications')
          .set({ status: 'accepted', decided_by: actor.id, decided_at: now, updated_at: now })
          .where('forum_id', '=', forum.id)
          .where('user_id', '=', existing.id)
          .where('status', 'in', ['pending', 'waitlisted'])
          .execute();
      await writeCohortAudit(trx, {
        forumId: forum.id,
        actorId: actor.id,
        action: `member.added_${input.role}`,
        targetType: 'user',
        targetId: existing.id,
      });
      const user = await trx
        .selectFrom('users')
        .select(['interface_lang', 'display_name'])
        .where('id', '=', existing.id)
        .executeTakeFirstOrThrow();
      await queueEmail(trx, {
        toEmail: email,
        lang: user.interface_lang,
        template: 'added_to_forum',
        userId: existing.id,
        payload: {
          name: user.display_name,
          inviter: actor.displayName,
          forumTitle: await forumTitleIn(trx, forum.id, user.interface_lang),
          role: emailString(user.interface_lang, `_cohort.${input.role}`),
          forumUrl,
        },
      });
      return { status: 'added' as const };
    }
    const weekId =
      input.week === undefined
        ? null
        : (
            await trx
              .selectFrom('weeks')
              .select('id')
              .where('forum_id', '=', forum.id)
              .where('number', '=', input.week)
              .executeTakeFirst()
          )?.id;
    if (weekId === undefined) throw new DomainError('validation', { field: 'week' });
    const { token, hash } = newLinkToken();
    const { expiresOn, expiresAt } = invitationExpiry(now, forum.time_zone);
    const row = await trx
      .insertInto('invitations')
      .values({
        forum_id: forum.id,
        email,
        role: input.role,
        week_id: input.role === 'key_respondent' ? weekId : null,
        lang: input.lang,
        token_hash: hash,
        expires_at: expiresAt,
        invited_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeCohortAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: `invitation.sent_${input.role}`,
      targetType: 'invitation',
      targetId: row.id,
    });
    await queueEmail(trx, {
      toEmail: email,
      lang: input.lang,
      template: 'invitation',
      payload: {
        inviter: actor.displayName,
        forumTitle: await forumTitleIn(trx, forum.id, input.lang),
        role: emailString(input.lang, `_cohort.${input.role}`),
        expiresOn,
        timeZone: forum.time_zone,
        inviteUrl: new URL(`/forums/${forum.slug}/invitations/${token}`, publicUrl).toString(),
      },
    });
    return { status: 'invited' as const };
  });
}

/** The invitation a link stands for, refused when it is unknown, for another forum, used or expired. */
async function usableInvitation(db: Kysely<DB>, slug: string, token: string, now: Date) {
  const invitation = await db
    .selectFrom('invitations')
    .innerJoin('forums', 'forums.id', 'invitations.forum_id')
    .leftJoin('weeks', 'weeks.id', 'invitations.week_id')
    .select([
      'invitations.id',
      'invitations.forum_id',
      'invitations.email',
      'invitations.role',
      'invitations.week_id',
      'invitations.lang',
      'invitations.expires_at',
      'invitations.accepted_at',
      'invitations.revoked_at',
      'forums.slug',
      'weeks.number as week',
    ])
    .where('invitations.token_hash', '=', hashLinkToken(token))
    .executeTakeFirst();
  if (!invitation || invitation.slug !== slug) throw new DomainError('link_invalid');
  if (invitation.accepted_at) throw new DomainError('link_used');
  if (invitation.revoked_at) throw new DomainError('invitation_revoked');
  if (invitation.expires_at <= now) throw new DomainError('link_expired');
  return invitation;
}

export async function showInvitation(db: Kysely<DB>, slug: string, token: string, now = currentTime()) {
  const invitation = await usableInvitation(db, slug, token, now);
  return {
    email: invitation.email,
    role: invitation.role,
    week: invitation.week ?? null,
    lang: invitation.lang,
    expiresAt: invitation.expires_at.toISOString(),
    hasAccount: Boolean(await findUserByEmail(db, invitation.email)),
  };
}

export interface InvitationAccount {
  displayName: string;
  password: string;
  interfaceLang: Lang;
  timeZone: string;
  acceptTerms: true;
}

/**
 * Uses the link: one conditional UPDATE marks it accepted, so of two uses racing exactly one
 * joins, and a revocation racing a use either stops it or finds it used. Someone whose address has an account by now must be signed in to it; anyone else
 * opens one with the invited address. Returns the user who joined.
 */
export async function acceptInvitation(
  db: Kysely<DB>,
  slug: string,
  token: string,
  caller: SessionUser | null,
  account: InvitationAccount | undefined,
  publicationConsent?: ConsentChoice,
  now = currentTime(),
) {
  const invitation = await usableInvitation(db, slug, token, now);
  await forumAccessBySlug(db, slug, caller);
  if (account && !isTimeZone(account.timeZone))
    throw new DomainError('invalid_time_zone', { timeZone: account.timeZone });
  const passwordHash = account ? await hashPassword(account.password) : '';
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('invitations')
      .set({ accepted_at: now })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw new DomainError('link_used');
    const existing = await findUserByEmail(trx, invitation.email);
    let userId: number;
    if (existing) {
      if (!caller || caller.id !== existing.id) throw new DomainError('sign_in_required');
      // Said to the invitee in their own words; the link stays unused (the transaction rolls back).
      if (await isSuspended(trx, invitation.forum_id, existing.id)) throw new DomainError('suspended_from_forum');
      userId = existing.id;
    } else {
      if (!account) throw new DomainError('validation', { field: 'account' });
      const created = await insertUserUnlessEmailTaken(trx, {
        email: invitation.email,
        display_name: cleanName(account.displayName, 'displayName'),
        password_hash: passwordHash,
        interface_lang: account.interfaceLang,
        reading_langs: [account.interfaceLang],
        time_zone: account.timeZone,
        email_verified_at: now,
      });
      if (created === undefined) throw new DomainError('link_used');
      userId = created;
      await recordTermsAcceptance(trx, userId, account.interfaceLang, now);
    }
    await grantInvitedRole(trx, invitation.forum_id, userId, invitation.role, invitation.week ?? null);
    await trx.updateTable('invitations').set({ accepted_by: userId }).where('id', '=', invitation.id).execute();
    if (publicationConsent)
      await recordConsent(trx, {
        forumId: invitation.forum_id,
        userId,
        choice: publicationConsent,
        source: 'invitation',
      });
    await writeCohortAudit(trx, {
      forumId: invitation.forum_id,
      actorId: userId,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
    });
    return { userId, created: !existing };
  });
}
