// Registration, sign-in and profile rules. Registration never says whether an email is
// already known: both paths answer alike and the owner of a known address is told by email.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { queueEmail } from '../notifications/outbox.queries.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession, generateSessionToken, type Session } from './session.ts';
import { isTimeZone } from './time-zone.ts';
import { findUserByEmail, insertUserUnlessEmailTaken, updateUser } from './users.queries.ts';

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
  isAdmin?: boolean;
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

/** Creates the account, or, when the email is taken, queues a notice to its owner. Returns the new id when created. */
export async function registerUser(db: Kysely<DB>, input: Registration): Promise<number | undefined> {
  checkTimeZone(input.timeZone);
  const email = input.email.trim();
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const id = await insertUserUnlessEmailTaken(trx, {
      email,
      display_name: input.displayName.trim(),
      password_hash: passwordHash,
      interface_lang: input.interfaceLang,
      reading_langs: readingLangsWith(input.interfaceLang, input.readingLangs),
      time_zone: input.timeZone,
      organisation: input.organisation?.trim() ?? '',
      region: input.region?.trim() ?? '',
      country: input.country?.trim() ?? '',
      is_admin: input.isAdmin ?? false,
    });
    if (id === undefined) {
      await queueEmail(trx, { toEmail: email, lang: input.interfaceLang, template: 'registration_attempt_on_existing_account' });
    }
    return id;
  });
}

export async function signIn(db: Kysely<DB>, email: string, password: string): Promise<{ token: string; session: Session }> {
  const user = await findUserByEmail(db, email.trim());
  const valid = await verifyPassword(user?.password_hash, password);
  if (!user || !valid) throw new DomainError('invalid_credentials');
  const token = generateSessionToken();
  return { token, session: await createSession(db, token, user.id) };
}

export async function updateProfile(db: Kysely<DB>, userId: number, current: { interfaceLang: Lang; readingLangs: Lang[] }, changes: ProfileChanges): Promise<void> {
  checkTimeZone(changes.timeZone);
  const interfaceLang = changes.interfaceLang ?? current.interfaceLang;
  await updateUser(db, userId, {
    display_name: changes.displayName?.trim(),
    interface_lang: changes.interfaceLang,
    reading_langs: changes.interfaceLang || changes.readingLangs
      ? readingLangsWith(interfaceLang, changes.readingLangs ?? current.readingLangs)
      : undefined,
    time_zone: changes.timeZone,
    organisation: changes.organisation?.trim(),
    region: changes.region?.trim(),
    country: changes.country?.trim(),
  });
}
