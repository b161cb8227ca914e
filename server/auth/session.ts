// Sessions as the Lucia guide builds them: a random token in the cookie, only its SHA-256 in
// the database, a 30-day expiry that slides forward when less than half remains.
// @see https://lucia-auth.com/sessions/basic
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { currentTime } from '../time/clock.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  interfaceLang: Lang;
  readingLangs: Lang[];
  timeZone: string;
  organisation: string;
  region: string;
  country: string;
  isAdmin: boolean;
}

export interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
}

export type SessionValidationResult =
  { session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Kysely<DB>,
  token: string,
  userId: number,
  now = currentTime(),
): Promise<Session> {
  const session = { id: sessionIdFromToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  await db.insertInto('sessions').values({ id: session.id, user_id: userId, expires_at: session.expiresAt }).execute();
  return session;
}

/** The session user of a users row: the one mapping the request's user and the CLI's or demo's acting user share. */
export function sessionUserOf(row: {
  id: number;
  email: string;
  display_name: string;
  interface_lang: SessionUser['interfaceLang'];
  reading_langs: SessionUser['readingLangs'];
  time_zone: string;
  organisation: string;
  region: string;
  country: string;
  is_admin: boolean;
}): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    interfaceLang: row.interface_lang,
    readingLangs: row.reading_langs,
    timeZone: row.time_zone,
    organisation: row.organisation,
    region: row.region,
    country: row.country,
    isAdmin: row.is_admin,
  };
}

export async function validateSessionToken(
  db: Kysely<DB>,
  token: string,
  now = currentTime(),
): Promise<SessionValidationResult> {
  const id = sessionIdFromToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.expires_at',
      'users.id as user_id',
      'users.email',
      'users.display_name',
      'users.interface_lang',
      'users.reading_langs',
      'users.time_zone',
      'users.organisation',
      'users.region',
      'users.country',
      'users.is_admin',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return { session: null, user: null, renewed: false };
  if (now.getTime() >= row.expires_at.getTime()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { session: null, user: null, renewed: false };
  }
  let expiresAt = row.expires_at;
  const renewed = expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS;
  if (renewed) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
  }
  return {
    session: { id, userId: row.user_id, expiresAt },
    user: sessionUserOf({ ...row, id: row.user_id }),
    renewed,
  };
}

export async function invalidateSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
