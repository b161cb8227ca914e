// A forum's regions, sectors and call prerequisites, and its key-respondent seats by week and
// region, as forum.yaml carries them: read, written, and synced into the database so an export
// imports back exactly. A file that leaves a list out keeps the database's.
//
//   regions:
//     - { key: quebec, name: { en: Quebec, es: Quebec, fr: Québec } }
//     - { key: old-one, name: {...}, archived: true }
//   editions:
//     - week_seats: { 4: { limit: 8, per_region: 2 } }
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findEntries, usageCounts } from '../forums/forum-lists.queries.ts';
import { LIST_NAMES, LIST_TABLES, NAME_MAX_LENGTH, type ListName } from '../forums/forum-lists.schemas.ts';
import { ContentError } from './content-errors.ts';

export interface ListEntryFile { key: string; name: { en: string; es: string; fr: string }; archived: boolean }
export type ForumLists = Partial<Record<ListName, ListEntryFile[]>>;
export type WeekSeats = Map<number, { limit: number | null; perRegion: number | null }>;

const KEY = /^[a-z0-9][a-z0-9_-]{0,59}$/;

export function readForumLists(file: string, forum: Record<string, unknown>): ForumLists {
  const lists: ForumLists = {};
  for (const list of LIST_NAMES) {
    const raw = forum[list];
    if (raw === undefined || raw === null) continue;
    if (!Array.isArray(raw)) throw new ContentError(file, `"${list}" must be a list of { key, name: { en, es, fr } }`);
    const keys = new Set<string>();
    lists[list] = raw.map((entry: Record<string, unknown> | null, index) => {
      const where = `"${list}" entry ${index + 1}`;
      const key = entry?.key;
      if (!entry || typeof key !== 'string' || !KEY.test(key)) throw new ContentError(file, `${where}: "key" must be lowercase letters, digits, - or _`);
      if (keys.has(key)) throw new ContentError(file, `${where}: the key "${key}" is used twice`);
      keys.add(key);
      const name = entry.name as Record<string, unknown> | undefined;
      const names = { en: name?.en, es: name?.es, fr: name?.fr };
      for (const [lang, value] of Object.entries(names)) {
        if (typeof value !== 'string' || !value.trim() || value.length > NAME_MAX_LENGTH[list]) {
          throw new ContentError(file, `${where}: "name.${lang}" must be text of 1 to ${NAME_MAX_LENGTH[list]} characters`);
        }
      }
      return { key, name: names as ListEntryFile['name'], archived: entry.archived === true };
    });
  }
  return lists;
}

export function readWeekSeats(file: string, edition: string, raw: unknown, weekCount: number): WeekSeats | undefined {
  if (raw === undefined || raw === null) return undefined;
  const problem = `edition ${edition}: "week_seats" maps week numbers to { limit, per_region } (whole numbers, 0 or more)`;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ContentError(file, problem);
  const seats: WeekSeats = new Map();
  const count = (value: unknown) => {
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || Number(value) < 0 || Number(value) > 2_147_483_647) throw new ContentError(file, problem);
    return Number(value);
  };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const number = Number(key);
    if (!Number.isInteger(number) || number < 1 || number > weekCount || typeof value !== 'object' || value === null) throw new ContentError(file, problem);
    const seat = value as Record<string, unknown>;
    seats.set(number, { limit: count(seat.limit), perRegion: count(seat.per_region) });
  }
  return seats;
}

/** Makes the forum's lists what the file says: entries by key, in the file's order; one left out is deleted, or archived while in use. */
export async function syncForumLists(trx: Transaction<DB>, forumId: number, lists: ForumLists): Promise<number> {
  let changed = 0;
  for (const list of LIST_NAMES) {
    const wanted = lists[list];
    if (!wanted) continue;
    const table = LIST_TABLES[list];
    const existing = new Map((await findEntries(trx, table, forumId, { includeArchived: true })).map((row) => [row.key, row]));
    const use = await usageCounts(trx, table, forumId);
    const leaving = [...existing.values()].filter((row) => !wanted.some((entry) => entry.key === row.key));
    // Entries that stay in use go after the file's, archived; unused ones go.
    for (const row of leaving) {
      if ((use.get(row.id) ?? 0) === 0) {
        await trx.deleteFrom(table).where('id', '=', row.id).execute();
        changed++;
      }
    }
    const kept = leaving.filter((row) => (use.get(row.id) ?? 0) > 0);
    const order = [...wanted, ...kept.map((row) => ({ key: row.key, name: { en: row.en, es: row.es, fr: row.fr }, archived: true }))];
    for (const [index, entry] of order.entries()) {
      const row = existing.get(entry.key);
      const values = { position: index + 1, en: entry.name.en, es: entry.name.es, fr: entry.name.fr };
      if (!row) {
        await trx.insertInto(table).values({ forum_id: forumId, key: entry.key, ...values, archived_at: entry.archived ? new Date() : null }).execute();
        changed++;
        continue;
      }
      const archivedAt = entry.archived ? (row.archived_at ?? new Date()) : null;
      if (row.position !== values.position || row.en !== values.en || row.es !== values.es || row.fr !== values.fr || (row.archived_at === null) !== (archivedAt === null)) {
        await trx.updateTable(table).set({ ...values, archived_at: archivedAt }).where('id', '=', row.id).execute();
        changed++;
      }
    }
  }
  return changed;
}

/** The weeks named get the file's seats; the others keep the database's only when the file has no week_seats at all. */
export async function syncWeekSeats(trx: Transaction<DB>, forumId: number, seats: WeekSeats | undefined): Promise<number> {
  if (!seats) return 0;
  const result = await trx.updateTable('weeks').set({ key_respondent_limit: null, key_respondents_per_region: null }).where('forum_id', '=', forumId).where((eb) => eb.or([eb('key_respondent_limit', 'is not', null), eb('key_respondents_per_region', 'is not', null)]))
    .where('number', 'not in', [0, ...seats.keys()]).executeTakeFirst();
  let changed = Number(result.numUpdatedRows);
  for (const [number, week] of seats) {
    const updated = await trx.updateTable('weeks').set({ key_respondent_limit: week.limit, key_respondents_per_region: week.perRegion })
      .where('forum_id', '=', forumId).where('number', '=', number)
      .where(sql<boolean>`(key_respondent_limit, key_respondents_per_region) IS DISTINCT FROM (${week.limit}::integer, ${week.perRegion}::integer)`)
      .executeTakeFirst();
    changed += Number(updated.numUpdatedRows);
  }
  return changed;
}

/** The lists as forum.yaml writes them (archived entries too, so an import gets back exactly these rows). */
export async function listsForExport(db: Kysely<DB>, forumId: number): Promise<Record<ListName, ListEntryFile[]>> {
  const out = {} as Record<ListName, ListEntryFile[]>;
  for (const list of LIST_NAMES) {
    const rows = await findEntries(db, LIST_TABLES[list], forumId, { includeArchived: true });
    out[list] = rows.map((row) => ({ key: row.key, name: { en: row.en, es: row.es, fr: row.fr }, archived: row.archived_at !== null }));
  }
  return out;
}

export function listsYaml(lists: Record<ListName, ListEntryFile[]>): Record<string, unknown> {
  return Object.fromEntries(LIST_NAMES.filter((list) => lists[list].length > 0).map((list) => [list,
    lists[list].map((entry) => (entry.archived ? { key: entry.key, name: entry.name, archived: true } : { key: entry.key, name: entry.name }))]));
}

export async function weekSeatsForExport(db: Kysely<DB>, forumId: number): Promise<Record<string, { limit?: number; per_region?: number }>> {
  const rows = await db.selectFrom('weeks').select(['number', 'key_respondent_limit', 'key_respondents_per_region']).where('forum_id', '=', forumId)
    .where((eb) => eb.or([eb('key_respondent_limit', 'is not', null), eb('key_respondents_per_region', 'is not', null)])).orderBy('number').execute();
  return Object.fromEntries(rows.map((row) => [String(row.number), {
    ...(row.key_respondent_limit !== null ? { limit: row.key_respondent_limit } : {}),
    ...(row.key_respondents_per_region !== null ? { per_region: row.key_respondents_per_region } : {}),
  }]));
}
