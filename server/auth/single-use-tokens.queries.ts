// Single-use, expiring links (email verification; later password reset and invitations). The
// token travels only in the link; the database keeps its SHA-256, as it does for sessions.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely, Transaction } from 'kysely';
import type { DB, TokenPurpose } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Stores a new token's hash and returns the token, to be put in a link and nowhere else. */
export async function issueToken(db: Handle, purpose: TokenPurpose, userId: number, expiresAt: Date): Promise<string> {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  await db
    .insertInto('single_use_tokens')
    .values({ purpose, token_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return token;
}

/**
 * Marks the token used and returns its user, in one conditional UPDATE: of two requests racing
 * with the same link exactly one gets the user. Undefined when unknown, used or expired.
 */
export async function consumeToken(
  db: Handle,
  purpose: TokenPurpose,
  token: string,
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .updateTable('single_use_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Makes every outstanding link of this purpose for the user unusable. */
export async function revokeTokens(db: Handle, purpose: TokenPurpose, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('single_use_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}
