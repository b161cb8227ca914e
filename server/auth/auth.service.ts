// Registration, email verification, sign-in and profile rules. Neither registration nor
// sign-in says whether an email is known: registration answers alike and the owner of a known
// address is told by email; a new account signs in only after following the emailed link.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { cleanName } from '../http/text-rules.ts';
import { queueEmail } from '../mail/outbox.queries.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession, generateSessionToken, invalidateSession, type Session } from './session.ts';
import { isTimeZone } from './time-zone.ts';
import { consumeToken, issueToken, revokeTokens } from './single-use-tokens.queries.ts';
import {
  findUserByEmail,
  insertUserUnlessEmailTaken,
  markEmailVerified,
  replacePendingUser,
  updateUser,
} from './users.queries.ts';
import { currentTime } from '../time/clock.ts';
import { findTermsAcceptances, recordTermsAcceptance } from './terms-acceptances.queries.ts';

export interface Registration {
  email: string;
  displayName: string;
  password: string;
  interfaceLang: Lang;
  readingLangs: Lang[];
  timeZone: string;
  organisation?: string;
  region?: string;
  country?: string;
  /** A path on this site to open once the email is verified. */
  next?: string;
  /** The person ticked that they accept the terms of use and the privacy notice. */
  acceptTerms: true;
}

export interface ProfileChanges {
  displayName?: string;
  interfaceLang?: Lang;
  readingLangs?: Lang[];
  timeZone?: string;
  organisation?: string;
  region?: string;
  country?: string;
}

function checkTimeZone(timeZone: string | undefined) {
  if (timeZone !== undefined && !isTimeZone(timeZone)) throw new DomainError('invalid_time_zone', { timeZone });
}

/** Readers always read their own interface language. */
function readingLangsWith(interfaceLang: Lang, readingLangs: Lang[]): Lang[] {
  return [...new Set([interfaceLang, ...readingLangs])];
}

/** How long the link emailed at registration works. */
export const VERIFICATION_LIFETIME_HOURS = 48;

function verificationUrl(publicUrl: string, token: string, next: string | undefined): string {
  const url = new URL('/verify-email', publicUrl);
  url.searchParams.set('token', token);
  if (next && next !== '/') url.searchParams.set('next', next);
  return url.toString();
}

/**
 * Creates the account unverified and emails its owner a link that verifies it and signs in.
 * When the email belongs to a verified account its owner is told instead; when it belongs to
 * one still waiting for its link, the newer registration replaces it and only the new link
 * works. Either way the caller gets the same answer. Returns the link emailed, if one was.
 */
export async function registerUser(
  db: Kysely<DB>,
  input: Registration,
  publicUrl: string,
  now = currentTime(),
): Promise<string | undefined> {
  checkTimeZone(input.timeZone);
  const email = input.email.trim();
  const details = {
    display_name: cleanName(input.displayName, 'displayName'),
    password_hash: await hashPassword(input.password),
    interface_lang: input.interfaceLang,
    reading_langs: readingLangsWith(input.interfaceLang, input.readingLangs),
    time_zone: input.timeZone,
    organisation: input.organisation?.trim() ?? '',
    region: input.region?.trim() ?? '',
    country: input.country?.trim() ?? '',
  };
  return db.transaction().execute(async (trx) => {
    let id = await insertUserUnlessEmailTaken(trx, { email, ...details });
    if (id === undefined) {
      const existing = await findUserByEmail(trx, email);
      if (!existing) throw new DomainError('internal');
      if (existing.email_verified_at !== null || !(await replacePendingUser(trx, existing.id, details))) {
        // As much work as recording a new account's acceptance, so the database time tells nothing.
        await findTermsAcceptances(trx, existing.id);
        await queueEmail(trx, {
          toEmail: email,
          lang: input.interfaceLang,
          template: 'registration_attempt_on_existing_account',
          userId: existing.id,
        });
        return undefined;
      }
      id = existing.id;
    }
    // The account exists only with its owner's acceptance of the texts in force, recorded with their versions.
    await recordTermsAcceptance(trx, id, input.interfaceLang, now);
    await revokeTokens(trx, 'verify_email', id, now);
    const token = await issueToken(
      trx,
      'verify_email',
      id,
      new Date(now.getTime() + VERIFICATION_LIFETIME_HOURS * 3_600_000),
    );
    const verifyUrl = verificationUrl(publicUrl, token, input.next);
    await queueEmail(trx, {
      toEmail: email,
      lang: input.interfaceLang,
      template: 'verify_email',
      userId: id,
      payload: { name: details.display_name, verifyUrl, hours: VERIFICATION_LIFETIME_HOURS },
    });
    return verifyUrl;
  });
}

/** Follows a verification link: the account is verified and signed in, once per link. */
export async function verifyEmail(
  db: Kysely<DB>,
  token: string,
  now = currentTime(),
): Promise<{ token: string; session: Session }> {
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, 'verify_email', token, now);
    if (userId === undefined) throw new DomainError('verification_link_invalid');
    await markEmailVerified(trx, userId, now);
    // An older link for the same account would sign in too: none stays usable.
    await revokeTokens(trx, 'verify_email', userId, now);
    const sessionToken = generateSessionToken();
    return { token: sessionToken, session: await createSession(trx, sessionToken, userId, now) };
  });
}

/**
 * An unverified account answers exactly as a wrong password does, after the same hash check,
 * so sign-in tells nobody which addresses have registered.
 */
export async function signIn(
  db: Kysely<DB>,
  email: string,
  password: string,
): Promise<{ token: string; session: Session }> {
  const user = await findUserByEmail(db, email.trim());
  const valid = await verifyPassword(user?.password_hash, password);
  if (!user || !valid || user.email_verified_at === null) throw new DomainError('invalid_credentials');
  const token = generateSessionToken();
  return { token, session: await createSession(db, token, user.id) };
}

/** Ends the session and announces it, so every instance re-checks the sockets opened with it. */
export async function signOut(db: Kysely<DB>, session: Session): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await invalidateSession(trx, session.id);
    await announceAccessChange(trx, { userId: session.userId });
  });
}

export async function updateProfile(
  db: Kysely<DB>,
  userId: number,
  current: { interfaceLang: Lang; readingLangs: Lang[] },
  changes: ProfileChanges,
): Promise<void> {
  checkTimeZone(changes.timeZone);
  const interfaceLang = changes.interfaceLang ?? current.interfaceLang;
  await updateUser(db, userId, {
    display_name: changes.displayName === undefined ? undefined : cleanName(changes.displayName, 'displayName'),
    interface_lang: changes.interfaceLang,
    reading_langs:
      changes.interfaceLang || changes.readingLangs
        ? readingLangsWith(interfaceLang, changes.readingLangs ?? current.readingLangs)
        : undefined,
    time_zone: changes.timeZone,
    organisation: changes.organisation?.trim(),
    region: changes.region?.trim(),
    country: changes.country?.trim(),
  });
}
