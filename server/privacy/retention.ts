// What is kept only for a while (the privacy notice names the periods): sessions that expired,
// single-use links once used or expired, mail once sent, and data exports past their expiry.
// Run by the notification scheduler's tick, on every instance; deleting twice is harmless.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { currentTime } from '../time/clock.ts';

export interface PurgeCounts {
  sessions: number;
  tokens: number;
  mail: number;
  exports: number;
}

export async function purgeExpiredData(
  db: Kysely<DB>,
  retentionDays: number,
  now = currentTime(),
): Promise<PurgeCounts> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const count = (result: { numDeletedRows: bigint }[]) => Number(result[0]?.numDeletedRows ?? 0n);
  const sessions = count(await db.deleteFrom('sessions').where('expires_at', '<', before).execute());
  const tokens = count(
    await db
      .deleteFrom('single_use_tokens')
      .where((eb) => eb.or([eb('used_at', '<', before), eb('expires_at', '<', before)]))
      .execute(),
  );
  const mail = count(
    await db.deleteFrom('outbox').where('status', '=', 'sent').where('sent_at', '<', before).execute(),
  );
  const exports = count(await db.deleteFrom('data_exports').where('expires_at', '<', now).execute());
  return { sessions, tokens, mail, exports };
}
