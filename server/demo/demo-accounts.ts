// The demo's people as accounts: the profile every demo seed gives its people, the account made
// through ensureAccount (the same rules as any operator-made account), and the session user the
// domain functions take when the seed writes in that person's name.
import type { Kysely } from 'kysely';
import { ensureAccount, generatePassword } from '../auth/accounts.service.ts';
import { sessionUserOf, type SessionUser } from '../auth/session.ts';
import type { DB, ForumRole, Lang } from '../db/schema.ts';

/** What the first start prints for each demo account it made, to sign in with. */
export interface DemoCredentials {
  email: string;
  password: string;
  role: string;
}

export interface DemoProfile {
  email: string;
  displayName: string;
  lang: Lang;
  readingLangs: Lang[];
  timeZone: string;
  organisation: string;
  country: string;
  region?: string;
}

/** The account of a demo person (made unless the email exists); the credentials only when it was made now. */
export async function ensureDemoAccount(
  db: Kysely<DB>,
  person: DemoProfile,
  roles: { forumSlug: string; role: ForumRole }[],
  credentialRole: string,
): Promise<{ id: number; credentials: DemoCredentials | null }> {
  const password = generatePassword();
  const { id, created } = await ensureAccount(db, {
    email: person.email,
    displayName: person.displayName,
    password,
    interfaceLang: person.lang,
    readingLangs: person.readingLangs,
    timeZone: person.timeZone,
    organisation: person.organisation,
    roles,
  });
  return { id, credentials: created ? { email: person.email, password, role: credentialRole } : null };
}

export function demoSessionUser(id: number, person: DemoProfile): SessionUser {
  return {
    id,
    email: person.email,
    displayName: person.displayName,
    interfaceLang: person.lang,
    readingLangs: person.readingLangs,
    timeZone: person.timeZone,
    organisation: person.organisation,
    region: person.region ?? '',
    country: person.country,
    isAdmin: false,
  };
}

/** The signed-in user the demo acts as when it does what a person would, e.g. the organizer deciding. */
export async function sessionUserByEmail(db: Kysely<DB>, email: string): Promise<SessionUser | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row && sessionUserOf(row);
}
