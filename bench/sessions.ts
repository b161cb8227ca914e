// Signed-in members without the sign-in endpoint: sessions created the way sign-in creates
// them, so no argon2 verification (or auth rate limit) runs before the loads.
import type { Kysely } from 'kysely';
import { createSession, generateSessionToken } from '../server/auth/session.ts';
import { SESSION_COOKIE } from '../server/auth/session-cookie.ts';
import type { DB } from '../server/db/schema.ts';

export interface SignedIn {
  userId: number;
  /** The Cookie header value. */
  cookie: string;
}

export async function signInMembers(db: Kysely<DB>, userIds: readonly number[]): Promise<SignedIn[]> {
  const signedIn: SignedIn[] = [];
  for (const userId of userIds) {
    const token = generateSessionToken();
    await createSession(db, token, userId);
    signedIn.push({ userId, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return signedIn;
}
