// All SQL about readings as organizers edit them and readers open them (their attachments: server/attachments/attachments.queries.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { LIVE_STATUSES } from '../translation-policy/translation-tasks.queries.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** Serializes writes to one week's list of readings (slugs, positions, idempotency keys). */
export function lockWeek(trx: Transaction<DB>, weekId: number) {
  return trx.selectFrom('weeks').select('id').where('id', '=', weekId).forUpdate().executeTakeFirst();
}

export function lockReading(trx: Transaction<DB>, readingId: number) {
  return trx.selectFrom('readings').selectAll().where('id', '=', readingId).forUpdate().executeTakeFirst();
}

/** A reading with its week and forum, for the access rules. */
export function findReadingWithWeek(db: Handle, readingId: number) {
  return db
    .selectFrom('readings')
    .innerJoin('weeks', 'weeks.id', 'readings.week_id')
    .select([
      'readings.id',
      'readings.week_id',
      'readings.unpublished_at',
      'weeks.forum_id',
      'weeks.number as week_number',
    ])
    .where('readings.id', '=', readingId)
    .executeTakeFirst();
}

export function findReadingBySlug(db: Handle, weekId: number, slug: string) {
  return db
    .selectFrom('readings')
    .selectAll()
    .where('week_id', '=', weekId)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export function findReadingByKey(db: Handle, weekId: number, key: string) {
  return db
    .selectFrom('readings')
    .select('id')
    .where('week_id', '=', weekId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function listWeekReadings(db: Handle, weekId: number) {
  return db
    .selectFrom('readings')
    .selectAll()
    .where('week_id', '=', weekId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function takenSlugs(db: Handle, weekId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('readings').select('slug').where('week_id', '=', weekId).execute();
  return new Set(rows.map((row) => row.slug));
}

export async function nextPosition(db: Handle, weekId: number): Promise<number> {
  const row = await db
    .selectFrom('readings')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('week_id', '=', weekId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export function insertReading(
  trx: Transaction<DB>,
  values: { weekId: number; slug: string; position: number; originalLang: Lang; idempotencyKey: string | null },
) {
  return trx
    .insertInto('readings')
    .values({
      week_id: values.weekId,
      slug: values.slug,
      position: values.position,
      original_lang: values.originalLang,
      idempotency_key: values.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findTexts(db: Handle, readingIds: number[]) {
  if (readingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('reading_texts').selectAll().where('reading_id', 'in', readingIds).orderBy('lang').execute();
}

export interface TextRow {
  lang: Lang;
  title: string;
  body_md: string;
  body_html: string;
}

/** Writes the reading's language versions: these rows, and no other language. */
export async function replaceTexts(trx: Transaction<DB>, readingId: number, texts: TextRow[]): Promise<void> {
  await trx
    .deleteFrom('reading_texts')
    .where('reading_id', '=', readingId)
    .where(
      'lang',
      'not in',
      texts.map((text) => text.lang),
    )
    .execute();
  await trx
    .insertInto('reading_texts')
    .values(texts.map((text) => ({ reading_id: readingId, ...text })))
    .onConflict((oc) =>
      oc.columns(['reading_id', 'lang']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        body_md: eb.ref('excluded.body_md'),
        body_html: eb.ref('excluded.body_html'),
      })),
    )
    .execute();
}

export function updateReading(
  trx: Transaction<DB>,
  readingId: number,
  values: { originalLang?: Lang; bumpRevision?: boolean; unpublishedAt?: Date | null },
) {
  return trx
    .updateTable('readings')
    .set((eb) => ({
      updated_at: sql`now()`,
      ...(values.originalLang ? { original_lang: values.originalLang } : {}),
      ...(values.bumpRevision ? { revision: eb('readings.revision', '+', 1) } : {}),
      ...(values.unpublishedAt !== undefined ? { unpublished_at: values.unpublishedAt } : {}),
    }))
    .where('id', '=', readingId)
    .returning(['revision'])
    .executeTakeFirstOrThrow();
}

/**
 * Moves a reading in its week's list. updated_at is the editor's version stamp: a reorder does
 * not touch it, so an organizer editing the text meanwhile is not told someone changed it.
 */
export function setReadingPosition(trx: Transaction<DB>, readingId: number, position: number) {
  return trx.updateTable('readings').set({ position }).where('id', '=', readingId).execute();
}

/** Withdraws live tasks toward languages an organizer now gives by hand. */
export async function withdrawTasksFor(
  trx: Transaction<DB>,
  readingId: number,
  langs: Lang[],
  actorId: number,
): Promise<void> {
  if (langs.length === 0) return;
  await trx
    .updateTable('translation_tasks')
    .set({ status: 'withdrawn', closed_at: sql`now()`, closed_by: actorId, claimed_by: null, claim_expires_at: null })
    .where('item_type', '=', 'reading')
    .where('item_id', '=', readingId)
    .where('target_lang', 'in', langs)
    .where('status', 'in', LIVE_STATUSES)
    .execute();
}
