// Accounts made by operators rather than by sign-up: the admin CLI and the demo seed.
import type { Kysely } from 'kysely';
import type { DB, ForumRole, Lang } from '../db/schema.ts';
import { cleanName } from '../http/text-rules.ts';
import { hashPassword } from './password.ts';
import { findUserByEmail, insertUserUnlessEmailTaken } from './users.queries.ts';

export interface OperatorAccount {
  email: string;
  displayName: string;
  password: string;
  interfaceLang?: Lang;
  readingLangs?: Lang[];
  timeZone?: string;
  organisation?: string;
  isAdmin?: boolean;
  /** Forum slugs and the role to hold in each. */
  roles?: { forumSlug: string; role: ForumRole }[];
}

/** Creates the account when the email is new; grants the roles either way. Says whether it was created, and is verified. */
export async function ensureAccount(
  db: Kysely<DB>,
  account: OperatorAccount,
): Promise<{ id: number; created: boolean; verified: boolean }> {
  const passwordHash = await hashPassword(account.password);
  return db.transaction().execute(async (trx) => {
    const interfaceLang = account.interfaceLang ?? 'en';
    const newId = await insertUserUnlessEmailTaken(trx, {
      email: account.email,
      display_name: cleanName(account.displayName, 'displayName'),
      password_hash: passwordHash,
      interface_lang: interfaceLang,
      reading_langs: account.readingLangs ?? [interfaceLang],
      time_zone: account.timeZone ?? 'America/Toronto',
      organisation: account.organisation ?? '',
      is_admin: account.isAdmin ?? false,
      // The operator vouches for the address. An account someone registered and never verified
      // stays unverified: its password is whoever registered it.
      email_verified_at: new Date(),
    });
    const existing = newId === undefined ? (await findUserByEmail(trx, account.email))! : undefined;
    const id = newId ?? existing!.id;
    if (account.isAdmin) await trx.updateTable('users').set({ is_admin: true }).where('id', '=', id).execute();
    for (const { forumSlug, role } of account.roles ?? []) {
      const forum = await trx.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
      if (!forum) throw new Error(`No forum "${forumSlug}"`);
      await trx
        .insertInto('memberships')
        .values({ forum_id: forum.id, user_id: id, role })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return { id, created: newId !== undefined, verified: existing ? existing.email_verified_at !== null : true };
  });
}

export function generatePassword(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
