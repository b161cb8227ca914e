// SQL for a forum's lists (regions, sectors, prerequisites, themes) and its members' regions.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Choice, ListTable } from './forum-lists.schemas.ts';

type Handle = Kysely<DB> | Transaction<DB>;
const entryColumns = ['id', 'key', 'position', 'en', 'es', 'fr', 'archived_at'] as const;

export function findEntries(db: Handle, table: ListTable, forumId: number, options: { includeArchived: boolean }) {
  return db
    .selectFrom(table)
    .select(entryColumns)
    .where('forum_id', '=', forumId)
    .$if(!options.includeArchived, (qb) => qb.where('archived_at', 'is', null))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export type EntryRow = Awaited<ReturnType<typeof findEntries>>[number];

export function findEntry(db: Handle, table: ListTable, forumId: number, id: number) {
  return db
    .selectFrom(table)
    .select(entryColumns)
    .where('forum_id', '=', forumId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findEntryByKey(db: Handle, table: ListTable, forumId: number, key: string) {
  return db
    .selectFrom(table)
    .select(entryColumns)
    .where('forum_id', '=', forumId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertEntry(
  trx: Transaction<DB>,
  table: ListTable,
  values: { forumId: number; key: string; en: string; es: string; fr: string },
) {
  const last = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('position'))
    .where('forum_id', '=', values.forumId)
    .executeTakeFirst();
  const row = await trx
    .insertInto(table)
    .values({
      forum_id: values.forumId,
      key: values.key,
      position: Number(last?.position ?? 0) + 1,
      en: values.en,
      es: values.es,
      fr: values.fr,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntry(
  trx: Transaction<DB>,
  table: ListTable,
  id: number,
  changes: { en?: string; es?: string; fr?: string; archived_at?: Date | null; position?: number },
) {
  await trx.updateTable(table).set(changes).where('id', '=', id).execute();
}

export async function deleteEntry(trx: Transaction<DB>, table: ListTable, id: number) {
  await trx.deleteFrom(table).where('id', '=', id).execute();
}

/** How many rows point at each entry of the list: applications, case studies, members' regions, policy elements. */
export async function usageCounts(db: Handle, table: ListTable, forumId: number): Promise<Map<number, number>> {
  const rows = await (
    table === 'forum_regions'
      ? sql<{ id: number; count: string }>`SELECT r.id, (SELECT count(*) FROM applications a WHERE a.region_id = r.id)
        + (SELECT count(*) FROM case_studies c WHERE c.region_id = r.id)
        + (SELECT count(*) FROM forum_member_regions m WHERE m.region_id = r.id)
        + (SELECT count(*) FROM policy_elements e WHERE e.region_id = r.id) AS count
        FROM forum_regions r WHERE r.forum_id = ${forumId}`
      : table === 'forum_themes'
        ? sql<{
            id: number;
            count: string;
          }>`SELECT t.id, (SELECT count(*) FROM policy_elements e WHERE e.theme_id = t.id) AS count
          FROM forum_themes t WHERE t.forum_id = ${forumId}`
        : table === 'forum_sectors'
          ? sql<{
              id: number;
              count: string;
            }>`SELECT s.id, (SELECT count(*) FROM applications a WHERE a.sector_id = s.id) AS count
          FROM forum_sectors s WHERE s.forum_id = ${forumId}`
          : sql<{
              id: number;
              count: string;
            }>`SELECT p.id, (SELECT count(*) FROM applications a WHERE p.id = ANY(a.prerequisites_confirmed)) AS count
          FROM forum_prerequisites p WHERE p.forum_id = ${forumId}`
  ).execute(db);
  return new Map(rows.rows.map((row) => [row.id, Number(row.count)]));
}

export function toChoice(row: { key: string; en: string; es: string; fr: string }): Choice {
  return { key: row.key, name: { en: row.en, es: row.es, fr: row.fr } };
}

/** Every entry of the list by id, archived ones included, to show what rows point at. */
export async function choicesById(db: Handle, table: ListTable, forumId: number): Promise<Map<number, Choice>> {
  const rows = await findEntries(db, table, forumId, { includeArchived: true });
  return new Map(rows.map((row) => [row.id, toChoice(row)]));
}

/** Sets (or clears) a member's region in a forum. */
export async function setMemberRegion(
  db: Handle,
  forumId: number,
  userId: number,
  regionId: number | null,
): Promise<void> {
  if (regionId === null) {
    await db.deleteFrom('forum_member_regions').where('forum_id', '=', forumId).where('user_id', '=', userId).execute();
    return;
  }
  await db
    .insertInto('forum_member_regions')
    .values({ forum_id: forumId, user_id: userId, region_id: regionId })
    .onConflict((oc) => oc.columns(['forum_id', 'user_id']).doUpdateSet({ region_id: regionId }))
    .execute();
}
