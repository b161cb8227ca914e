// Proceedings editions and their files: the job's queue lives in these rows. A worker claims an
// edition by setting locked_until in one statement over a row locked with SKIP LOCKED, so of N
// instances ticking at once exactly one takes it; the lease is renewed with each progress step
// and every later write checks it still holds the lease it set.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, EditionFormat, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findEdition(db: Handle, id: number) {
  return db.selectFrom('proceedings_editions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The edition's row, locked until the transaction ends: one decision on it at a time. */
export function lockEdition(trx: Handle, id: number) {
  return trx.selectFrom('proceedings_editions').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export function findEditionByKey(db: Handle, forumId: number, idempotencyKey: string) {
  return db
    .selectFrom('proceedings_editions')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export function findActiveEdition(db: Handle, forumId: number, lang: Lang) {
  return db
    .selectFrom('proceedings_editions')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('lang', '=', lang)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
}

/** Inserts a queued edition unless one is active for the language or the key was used: then undefined. */
export function insertEditionUnlessActive(
  db: Handle,
  values: {
    forumId: number;
    lang: Lang;
    threadIds: number[] | null;
    requestedBy: number;
    idempotencyKey: string;
    now: Date;
  },
) {
  return (
    db
      .insertInto('proceedings_editions')
      .values({
        forum_id: values.forumId,
        lang: values.lang,
        thread_ids: values.threadIds,
        requested_by: values.requestedBy,
        idempotency_key: values.idempotencyKey,
        created_at: values.now,
        next_attempt_at: values.now,
      })
      // No target: both the key's constraint and the one-active-per-language index turn a loser away.
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst()
  );
}

export function listEditions(db: Handle, forumId: number) {
  return db
    .selectFrom('proceedings_editions')
    .selectAll()
    .where('forum_id', '=', forumId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function listFilesOf(db: Handle, editionIds: number[]) {
  if (editionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('proceedings_files')
    .selectAll()
    .where('edition_id', 'in', editionIds)
    .orderBy('edition_id')
    .orderBy('format')
    .execute();
}

export function findFile(db: Handle, editionId: number, format: EditionFormat) {
  return db
    .selectFrom('proceedings_files')
    .selectAll()
    .where('edition_id', '=', editionId)
    .where('format', '=', format)
    .executeTakeFirst();
}

/** The newest published edition of a forum in a language. */
export function findLatestPublished(db: Handle, forumId: number, lang: Lang) {
  return db
    .selectFrom('proceedings_editions')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('lang', '=', lang)
    .where('status', '=', 'done')
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function listPublished(db: Handle, forumId: number) {
  return db
    .selectFrom('proceedings_editions')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('status', '=', 'done')
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Takes the next due edition for this worker until `leaseUntil`, or nothing. A queued one, or a
 * running one whose worker's lease ran out (it died mid-way), counts as due.
 */
export async function claimDueEdition(db: Kysely<DB>, now: Date, leaseUntil: Date) {
  const { rows } = await sql<{ id: number }>`
    UPDATE proceedings_editions
       SET status = 'running', locked_until = ${leaseUntil}, attempts = attempts + 1,
           started_at = coalesce(started_at, ${now}), progress = 0, step = 'start'
     WHERE id = (
       SELECT id FROM proceedings_editions
        WHERE status IN ('queued', 'running') AND next_attempt_at <= ${now}
          AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY next_attempt_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING id`.execute(db);
  const id = rows[0]?.id;
  return id === undefined ? undefined : findEdition(db, id);
}

/** Writes progress and renews the lease; false when another worker holds the edition now. */
export async function recordProgress(
  db: Handle,
  id: number,
  lease: Date,
  fields: { progress: number; step: string; leaseUntil: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('proceedings_editions')
    .set({ progress: fields.progress, step: fields.step, locked_until: fields.leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_until', '=', lease)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markDone(trx: Transaction<DB>, id: number, lease: Date, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('proceedings_editions')
    .set({ status: 'done', progress: 100, step: 'done', locked_until: null, finished_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_until', '=', lease)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertFiles(
  trx: Transaction<DB>,
  editionId: number,
  files: { format: EditionFormat; sha256: string; sizeBytes: number }[],
) {
  await trx.deleteFrom('proceedings_files').where('edition_id', '=', editionId).execute();
  await trx
    .insertInto('proceedings_files')
    .values(files.map((f) => ({ edition_id: editionId, format: f.format, sha256: f.sha256, size_bytes: f.sizeBytes })))
    .execute();
}

export async function markFailed(
  trx: Transaction<DB>,
  id: number,
  lease: Date,
  fields: { error: string; final: boolean; nextAttemptAt: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('proceedings_editions')
    .set({
      status: fields.final ? 'failed' : 'queued',
      last_error: fields.error.slice(0, 2000),
      locked_until: null,
      next_attempt_at: fields.nextAttemptAt,
      step: fields.final ? 'failed' : 'waiting',
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_until', '=', lease)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts a failed edition back in the queue; false when it was not failed. */
export async function requeue(trx: Transaction<DB>, id: number, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('proceedings_editions')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now, locked_until: null, progress: 0, step: 'queued' })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPublished(trx: Transaction<DB>, id: number, publishedAt: Date | null): Promise<boolean> {
  const result = await trx
    .updateTable('proceedings_editions')
    .set({ published_at: publishedAt })
    .where('id', '=', id)
    .where('status', '=', 'done')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
