// All SQL about user accounts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewUser, UserUpdate } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findUserByEmail(db: Handle, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'email_verified_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Inserts unless the email is taken (whatever its case); undefined when it was. */
export async function insertUserUnlessEmailTaken(db: Handle, user: NewUser): Promise<number | undefined> {
  const row = await db
    .insertInto('users')
    .values(user)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateUser(db: Handle, id: number, changes: UserUpdate): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Replaces an unverified account's details with a newer registration; false once it is verified. */
export async function replacePendingUser(db: Handle, id: number, user: Omit<NewUser, 'email'>): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ ...user, updated_at: new Date() })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markEmailVerified(db: Handle, id: number, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_verified_at: now })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .execute();
}
