// All SQL about user accounts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewUser, UserUpdate } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findUserByEmail(db: Handle, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash'])
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
  await db.updateTable('users').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute();
}
