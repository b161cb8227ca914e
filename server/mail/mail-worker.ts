// Delivers the outbox over SMTP. A worker claims due rows with FOR UPDATE SKIP LOCKED and a
// lease (so two workers never hold the same row, and PGlite is not blocked while mail is
// sent), sends each with its stable Message-ID, then records the outcome. A worker that dies
// after the server accepted a message but before recording it leaves the row to be claimed
// again when the lease ends: delivery is at-least-once, and a duplicate carries the same
// Message-ID. 4xx answers and network faults are retried with exponential backoff up to a
// maximum; 5xx answers are permanent.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { renderOutboxRow, type OutboxRow, type RenderContext } from './outbox-render.ts';
import { currentTime } from '../time/clock.ts';

export const MAX_ATTEMPTS = 8;
const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;
export const LEASE_MS = 5 * 60_000;
/** Messages of one claim sent at once: SMTP round trips, not CPU, bound the rate. */
const CONCURRENCY = 5;

/** What the worker needs of a nodemailer transport. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<{ response?: string }>;
}

export interface WorkerOptions extends RenderContext {
  transport: MailTransport;
  from: string;
  batchSize?: number;
}

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

/** Takes up to `limit` due rows no one else holds, for one lease. */
export async function claimDue(db: Kysely<DB>, now: Date, limit: number): Promise<OutboxRow[]> {
  const result = await sql<OutboxRow>`
    UPDATE outbox SET locked_until = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
      ORDER BY id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return result.rows;
}

type Outcome = { status: 'sent'; response: string } | { status: 'retry' | 'failed'; response: string };

function classify(error: unknown, attempts: number): Outcome {
  const failure = error as { responseCode?: number; response?: string; message?: string };
  const response = (failure.response ?? failure.message ?? String(error)).slice(0, 1000);
  const permanent = typeof failure.responseCode === 'number' && failure.responseCode >= 500;
  return { status: permanent || attempts >= MAX_ATTEMPTS ? 'failed' : 'retry', response };
}

/** Records an outcome, only if this worker still holds the row's lease. */
async function record(db: Kysely<DB>, row: OutboxRow, outcome: Outcome, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: outcome.status === 'retry' ? 'pending' : outcome.status,
      sent_at: outcome.status === 'sent' ? now : null,
      next_attempt_at:
        outcome.status === 'retry' ? new Date(now.getTime() + backoffMs(row.attempts)) : row.next_attempt_at,
      last_response: outcome.response,
      locked_until: null,
    })
    .where('id', '=', row.id)
    .where('locked_until', '=', row.locked_until!)
    .execute();
}

/** One pass: claims due rows and delivers them; returns how many rows it handled. */
export async function deliverDue(db: Kysely<DB>, options: WorkerOptions, now = currentTime()): Promise<number> {
  const rows = await claimDue(db, now, options.batchSize ?? 20);
  for (let start = 0; start < rows.length; start += CONCURRENCY) {
    await Promise.all(rows.slice(start, start + CONCURRENCY).map((row) => deliverOne(db, row, options, now)));
  }
  return rows.length;
}

async function deliverOne(db: Kysely<DB>, row: OutboxRow, options: WorkerOptions, now: Date): Promise<void> {
  let outcome: Outcome;
  try {
    const message = await renderOutboxRow(db, row, options);
    if (!message.worthSending) {
      outcome = { status: 'failed', response: 'not sent: everything it told of has been hidden' };
    } else {
      const info = await options.transport.sendMail({
        from: options.from,
        to: row.to_email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: message.headers,
      });
      outcome = { status: 'sent', response: (info.response ?? '').slice(0, 1000) };
    }
  } catch (error) {
    outcome = classify(error, row.attempts);
  }
  await record(db, row, outcome, now);
}
