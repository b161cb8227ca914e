// Account recovery: a single-use link, valid for an hour, emailed through the outbox; using it
// sets a new password, signs out every session of the account and signs in on this device.
// Asking for a link answers alike whether or not the address has an account (the route also
// evens out the time), and only an existing account gets mail.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { queueEmail } from '../mail/outbox.queries.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import { currentTime } from '../time/clock.ts';
import { hashPassword } from './password.ts';
import { createSession, generateSessionToken, invalidateUserSessions, type Session } from './session.ts';
import { consumeToken, issueToken, revokeTokens } from './single-use-tokens.queries.ts';
import { findAccountForReset, hasResetIssuedSince, resetLinkState, setPasswordHash } from './password-reset.queries.ts';

/** How long an emailed reset link works. */
export const RESET_LIFETIME_MINUTES = 60;
const RESET_LIFETIME_MS = RESET_LIFETIME_MINUTES * 60_000;
/** One mail a minute per account at most, so the form cannot be used to flood someone's inbox. */
const RESET_THROTTLE_MS = 60_000;

function resetUrl(publicUrl: string, token: string): string {
  const url = new URL('/reset-password', publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Queues a reset link for the account with this address, if there is one; a newer link
 * replaces every earlier unused one. Returns the link (for the developer log), or undefined.
 */
export async function requestPasswordReset(
  db: Kysely<DB>,
  email: string,
  publicUrl: string,
  now = currentTime(),
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const account = await findAccountForReset(trx, email.trim());
    if (!account) return undefined;
    // Row lock: two requests at once for one account leave one live link, not two.
    await trx.selectFrom('users').select('id').where('id', '=', account.id).forUpdate().execute();
    if (await hasResetIssuedSince(trx, account.id, RESET_LIFETIME_MS, new Date(now.getTime() - RESET_THROTTLE_MS)))
      return undefined;
    await revokeTokens(trx, 'reset_password', account.id, now);
    const token = await issueToken(trx, 'reset_password', account.id, new Date(now.getTime() + RESET_LIFETIME_MS));
    const link = resetUrl(publicUrl, token);
    await queueEmail(
      trx,
      {
        toEmail: account.email,
        lang: account.interface_lang,
        template: 'reset_password',
        userId: account.id,
        payload: { name: account.display_name, resetUrl: link, minutes: RESET_LIFETIME_MINUTES },
      },
      now,
    );
    return link;
  });
}

/**
 * Uses a reset link once: of two requests racing with it exactly one wins (a conditional
 * UPDATE). Every session of the account ends and is announced, so live sockets on every
 * instance close; the caller gets a fresh session. An unusable link changes nothing.
 */
export async function confirmPasswordReset(
  db: Kysely<DB>,
  token: string,
  password: string,
  now = currentTime(),
): Promise<{ userId: number; token: string; session: Session }> {
  // Hashed before the transaction, which should not wait on argon2.
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const userId = await consumeToken(trx, 'reset_password', token, now);
    if (userId === undefined) {
      const state = await resetLinkState(trx, token);
      throw new DomainError(
        state === 'unknown' ? 'reset_link_invalid' : state === 'used' ? 'reset_link_used' : 'reset_link_expired',
      );
    }
    const account = await setPasswordHash(trx, userId, passwordHash, now);
    await revokeTokens(trx, 'reset_password', userId, now);
    await invalidateUserSessions(trx, userId);
    await announceAccessChange(trx, { userId });
    await queueEmail(
      trx,
      {
        toEmail: account.email,
        lang: account.interface_lang,
        template: 'password_changed',
        userId,
        payload: { name: account.display_name },
      },
      now,
    );
    const sessionToken = generateSessionToken();
    return { userId, token: sessionToken, session: await createSession(trx, sessionToken, userId, now) };
  });
}
