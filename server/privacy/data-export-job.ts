// The background job that builds large accounts' exports: each instance's loop claims one due
// export at a time (a lease, so a crashed worker's export is taken up again), builds it, keeps it
// in the database for its owner until it expires, and notifies the owner in the same transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notify } from '../notifications/notify.ts';
import { currentTime } from '../time/clock.ts';
import { buildExport } from './data-export.service.ts';
import { claimDueExport, failExport, finishExport } from './data-exports.queries.ts';

const LEASE_MS = 10 * 60_000;
const MAX_ATTEMPTS = 3;

export interface ExportJobOptions {
  lifetimeHours: number;
  now?: () => Date;
}

/** Builds every due export this instance can claim; returns how many it finished. */
export async function runDueExports(db: Kysely<DB>, options: ExportJobOptions): Promise<number> {
  const now = options.now ?? currentTime;
  let done = 0;
  for (;;) {
    const claimedAt = now();
    const job = await claimDueExport(db, claimedAt, new Date(claimedAt.getTime() + LEASE_MS));
    if (!job) return done;
    try {
      const content = await buildExport(db, job.user_id, claimedAt);
      const finishedAt = now();
      await db.transaction().execute(async (trx) => {
        await finishExport(
          trx,
          job.id,
          JSON.stringify(content),
          finishedAt,
          new Date(finishedAt.getTime() + options.lifetimeHours * 3_600_000),
        );
        await notify(
          trx,
          { type: 'data_export.ready', userIds: [job.user_id], forumId: null, payload: { exportId: job.id } },
          finishedAt,
        );
      });
      done += 1;
    } catch (error) {
      const row = await db.selectFrom('data_exports').select('attempts').where('id', '=', job.id).executeTakeFirst();
      await failExport(db, job.id, String(error), (row?.attempts ?? MAX_ATTEMPTS) >= MAX_ATTEMPTS);
    }
  }
}
