// The background job that generates editions, run by every instance's scheduler tick: each claim
// takes one due edition under a lease (see editions.queries.ts), so N instances never generate
// the same edition twice; progress is stored in the row as it goes and announced on the event
// log for the console. A failed attempt stores its error and waits longer before the next one;
// after MAX_ATTEMPTS the edition is 'failed' until an organizer retries it.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendEvent } from '../events/events.queries.ts';
import { currentTime } from '../time/clock.ts';
import { loadEditionFrame } from './edition-content.ts';
import { writeCsvEdition, writeJsonEdition } from './edition-data.ts';
import { writeHtmlEdition } from './edition-html.ts';
import { editionLabels } from './edition-labels.ts';
import { writePdfEdition } from './edition-pdf.ts';
import { writeEditionFile, type StoredFile } from './edition-store.ts';
import { claimDueEdition, insertFiles, markDone, markFailed, recordProgress } from './editions.queries.ts';

export const MAX_ATTEMPTS = 3;
/** How long a claim holds without news from its worker: a worker that died frees it after this. */
const LEASE_MS = 10 * 60_000;

export type EditionStep = 'content' | 'html' | 'pdf' | 'data';

export interface ProceedingsJobOptions {
  proceedingsDir: string;
  now?: () => Date;
  /** Called as each step begins; tests throw from it to see a failure handled. */
  beforeStep?: (step: EditionStep, editionId: number) => void | Promise<void>;
}

/** Minutes before attempt n+1: 1, 4, 16… */
export function backoffMs(attempts: number): number {
  return 60_000 * 4 ** Math.max(0, attempts - 1);
}

class LeaseLost extends Error {}

/** Generates every due edition this instance can claim; returns how many it finished. */
export async function runDueEditions(db: Kysely<DB>, options: ProceedingsJobOptions): Promise<number> {
  let finished = 0;
  for (;;) {
    const outcome = await runNextEdition(db, options);
    if (outcome === 'none') return finished;
    if (outcome === 'done') finished += 1;
  }
}

/** Claims and generates one due edition: 'none' when nothing was due or free. */
export async function runNextEdition(
  db: Kysely<DB>,
  options: ProceedingsJobOptions,
): Promise<'none' | 'done' | 'failed' | 'lost'> {
  const now = options.now ?? currentTime;
  const claimedAt = now();
  let lease = new Date(claimedAt.getTime() + LEASE_MS);
  const edition = await claimDueEdition(db, claimedAt, lease);
  if (!edition) return 'none';
  const forum = await db.selectFrom('forums').selectAll().where('id', '=', edition.forum_id).executeTakeFirstOrThrow();
  let last = { progress: -1, step: '' };

  const report = async (progress: number, step: string) => {
    // A row write and an event per 5 % or new step: the console sees it move, the log stays small.
    if (step === last.step && progress - last.progress < 5) return;
    last = { progress, step };
    const next = new Date(now().getTime() + LEASE_MS);
    const held = await db.transaction().execute(async (trx) => {
      if (!(await recordProgress(trx, edition.id, lease, { progress, step, leaseUntil: next }))) return false;
      await appendEvent(trx, {
        forumId: edition.forum_id,
        weekId: null,
        threadId: null,
        type: 'proceedings.progress',
        payload: { editionId: edition.id, lang: edition.lang, status: 'running', progress, step },
      });
      return true;
    });
    if (!held) throw new LeaseLost();
    lease = next;
  };
  const begin = async (step: EditionStep, progress: number) => {
    await report(progress, step);
    await options.beforeStep?.(step, edition.id);
  };

  try {
    await begin('content', 2);
    const frame = await loadEditionFrame(db, {
      forumId: forum.id,
      slug: forum.slug,
      lang: edition.lang,
      threadIds: edition.thread_ids,
      now: claimedAt,
    });
    const labels = editionLabels(edition.lang, forum.time_zone);
    const ctx = { frame, labels };
    const share = (from: number, span: number) => (done: number) =>
      report(from + Math.floor((span * done) / Math.max(1, frame.postTotal)), last.step);
    const dir = options.proceedingsDir;
    const files: StoredFile[] = [];
    await begin('html', 5);
    files.push(
      await writeEditionFile(dir, edition.id, 'html', (sink) => writeHtmlEdition(db, ctx, sink, share(5, 30))),
    );
    await begin('pdf', 35);
    files.push(await writeEditionFile(dir, edition.id, 'pdf', (sink) => writePdfEdition(db, ctx, sink, share(35, 55))));
    await begin('data', 90);
    files.push(await writeEditionFile(dir, edition.id, 'csv', (sink) => writeCsvEdition(ctx, sink)));
    files.push(await writeEditionFile(dir, edition.id, 'json', (sink) => writeJsonEdition(ctx, sink)));
    const done = await db.transaction().execute(async (trx) => {
      if (!(await markDone(trx, edition.id, lease, now()))) return false;
      await insertFiles(trx, edition.id, files);
      await appendEvent(trx, {
        forumId: edition.forum_id,
        weekId: null,
        threadId: null,
        type: 'proceedings.progress',
        payload: { editionId: edition.id, lang: edition.lang, status: 'done', progress: 100, step: 'done' },
      });
      return true;
    });
    return done ? 'done' : 'lost';
  } catch (error) {
    if (error instanceof LeaseLost) return 'lost';
    const final = edition.attempts >= MAX_ATTEMPTS;
    const message = error instanceof Error ? error.message : String(error);
    await db.transaction().execute(async (trx) => {
      if (
        !(await markFailed(trx, edition.id, lease, {
          error: message,
          final,
          nextAttemptAt: new Date(now().getTime() + backoffMs(edition.attempts)),
        }))
      )
        return;
      await appendEvent(trx, {
        forumId: edition.forum_id,
        weekId: null,
        threadId: null,
        type: 'proceedings.progress',
        payload: {
          editionId: edition.id,
          lang: edition.lang,
          status: final ? 'failed' : 'queued',
          progress: 0,
          step: final ? 'failed' : 'waiting',
        },
      });
    });
    return 'failed';
  }
}
