// Signed unsubscribe links (RFC 8058 one-click): the token names a user and what to turn off,
// with an HMAC-SHA-256 over both, so it works without signing in and cannot be forged or
// pointed at someone else. The key comes from the config, else one generated once and kept in
// the database, so every instance signs alike and links survive restarts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

const SECRET_NAME = 'unsubscribe_hmac';

export async function loadUnsubscribeSecret(db: Kysely<DB>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('app_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_secrets')
    .select('value')
    .where('name', '=', SECRET_NAME)
    .executeTakeFirstOrThrow();
  return row.value;
}

export interface UnsubscribeClaim {
  userId: number;
  /** `type:<notification type>` or `digest:<forum id>`. */
  scope: string;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe:${body}`).digest();
}

export function signUnsubscribe(secret: string, claim: UnsubscribeClaim): string {
  const body = Buffer.from(`${claim.userId}|${claim.scope}`).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export function verifyUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = /^(\d{1,10})\|((?:type|digest):[\w.]{1,60})$/.exec(Buffer.from(body, 'base64url').toString());
  return match ? { userId: Number(match[1]), scope: match[2]! } : null;
}
