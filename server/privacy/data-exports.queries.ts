// All SQL about background data exports: asking for one, the job's claim, the finished content.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DataExportsTable, DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;
export type DataExportRow = Selectable<DataExportsTable>;

const SUMMARY = ['id', 'user_id', 'status', 'created_at', 'finished_at', 'expires_at', 'lang'] as const;

export function findOpenExport(db: Handle, userId: number) {
  return db
    .selectFrom('data_exports')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
}

export function insertExport(db: Handle, userId: number, lang: Lang, now: Date) {
  return db
    .insertInto('data_exports')
    .values({ user_id: userId, lang, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listExportsOf(db: Handle, userId: number) {
  const rows = await db
    .selectFrom('data_exports')
    .select([...SUMMARY])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  return rows.map((row) => ({ ...row, content: null, attempts: 0, last_error: null, locked_until: null }));
}

export function findExport(db: Handle, id: number) {
  return db.selectFrom('data_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Claims the oldest due export for this worker until `leaseUntil`; two instances never take the same. */
export async function claimDueExport(db: Kysely<DB>, now: Date, leaseUntil: Date) {
  const result = await sql<{ id: number; user_id: number; lang: Lang }>`
    UPDATE data_exports SET status = 'running', locked_until = ${leaseUntil}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM data_exports
      WHERE status IN ('queued', 'running') AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, user_id, lang`.execute(db);
  return result.rows[0];
}

export async function finishExport(trx: Transaction<DB>, id: number, content: string, now: Date, expiresAt: Date) {
  await trx
    .updateTable('data_exports')
    .set({ status: 'done', content, finished_at: now, expires_at: expiresAt, locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function failExport(db: Handle, id: number, error: string, giveUp: boolean) {
  await db
    .updateTable('data_exports')
    .set({ status: giveUp ? 'failed' : 'queued', last_error: error.slice(0, 1000), locked_until: null })
    .where('id', '=', id)
    .execute();
}
