// What other domains call when someone's rights change, inside the transaction that changes
// them: signing out, removing a role, ending a membership, suspending or deleting an account.
// Every instance hears it on the event stream, in commit order, and re-authorizes the sockets
// concerned before it delivers any later event to them.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAccessEvent } from './events.queries.ts';

/**
 * `userId`: that user's sockets re-check their session and rights (null: everyone's);
 * `forumId`: only subscriptions in that forum are re-checked (null: every forum).
 */
export async function announceAccessChange(
  trx: Transaction<DB>,
  change: { userId: number | null; forumId?: number | null },
): Promise<void> {
  await appendAccessEvent(trx, { userId: change.userId, forumId: change.forumId ?? null });
}
