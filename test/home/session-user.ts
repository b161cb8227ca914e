// The SessionUser a signed-in request carries, read from the users table, for calling domain
// functions directly (with an injected clock or a counting Kysely handle).
import { sessionUserOf, type SessionUser } from '../../server/auth/session.ts';
import type { TestApp } from '../helpers/test-app.ts';

export async function findSessionUser(t: TestApp, userId: number): Promise<SessionUser> {
  const row = await t.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  return sessionUserOf(row);
}
