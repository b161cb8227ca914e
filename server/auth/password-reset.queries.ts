// SQL of password recovery: the account a reset is asked for, the state of a reset link, the new hash.
import type { Kysely, Transaction } from 'kysely';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { DB } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findAccountForReset(db: Handle, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'interface_lang'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Whether a reset link for the user was issued after `since` and is still unused (the per-account throttle). */
export async function hasResetIssuedSince(
  db: Handle,
  userId: number,
  lifetimeMs: number,
  since: Date,
): Promise<boolean> {
  // Tokens carry no injected creation time, but expires_at = issued + lifetime does.
  const row = await db
    .selectFrom('single_use_tokens')
    .select('id')
    .where('user_id', '=', userId)
    .where('purpose', '=', 'reset_password')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date(since.getTime() + lifetimeMs))
    .executeTakeFirst();
  return row !== undefined;
}

/** What a reset link that could not be consumed was: unknown, used (or replaced), or expired. */
export async function resetLinkState(db: Handle, token: string): Promise<'unknown' | 'used' | 'expired'> {
  const row = await db
    .selectFrom('single_use_tokens')
    .select(['used_at'])
    .where('token_hash', '=', encodeHexLowerCase(sha256(new TextEncoder().encode(token))))
    .where('purpose', '=', 'reset_password')
    .executeTakeFirst();
  if (!row) return 'unknown';
  return row.used_at ? 'used' : 'expired';
}

/** Sets the new hash; following the emailed link also proves the address is the owner's. */
export async function setPasswordHash(db: Handle, userId: number, passwordHash: string, now: Date) {
  return db
    .updateTable('users')
    .set((eb) => ({
      password_hash: passwordHash,
      updated_at: now,
      email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(now)),
    }))
    .where('id', '=', userId)
    .returning(['email', 'display_name', 'interface_lang'])
    .executeTakeFirstOrThrow();
}
