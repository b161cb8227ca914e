// Registration's emailed link, read from the outbox as a mail client would show it: tests that
// register through the API follow it to verify the account and sign in.
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';

/** The verification link most recently queued for an address (the payload's `verifyUrl`). */
export async function verificationLink(db: Kysely<DB>, email: string): Promise<URL> {
  const row = await db
    .selectFrom('outbox')
    .select('payload')
    .where('template', '=', 'verify_email')
    .where((eb) => eb(eb.fn('lower', ['to_email']), '=', email.toLowerCase()))
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const url = (row?.payload as { verifyUrl?: string } | undefined)?.verifyUrl;
  if (!url) throw new Error(`no verification email queued for ${email}`);
  return new URL(url);
}

/** The token the link carries, as the /verify-email page posts it. */
export async function verificationToken(db: Kysely<DB>, email: string): Promise<string> {
  const token = (await verificationLink(db, email)).searchParams.get('token');
  if (!token) throw new Error('the verification link carries no token');
  return token;
}
