// Organizers keep a forum's regions, sectors, call prerequisites and synthesis themes: named in en/es/fr, ordered,
// archived rather than deleted while anything points at them. Other domains resolve the keys
// their requests carry through resolveEntry, so a reference always names the forum's own row.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { cleanName } from '../http/text-rules.ts';
import { organizerAccess } from './forum-settings.service.ts';
import { lockForum, writeForumAudit } from './forum-settings.queries.ts';
import {
  deleteEntry,
  findEntries,
  findEntry,
  findEntryByKey,
  insertEntry,
  toChoice,
  updateEntry,
  usageCounts,
  type EntryRow,
} from './forum-lists.queries.ts';
import {
  LIST_TABLES,
  NAME_MAX_LENGTH,
  type Choice,
  type ListEntry,
  type ListName,
  type ListTable,
  type Names,
} from './forum-lists.schemas.ts';

function toEntry(row: EntryRow, inUse: number): ListEntry {
  return {
    id: row.id,
    key: row.key,
    position: row.position,
    name: { en: row.en, es: row.es, fr: row.fr },
    archived: row.archived_at !== null,
    inUse,
  };
}

function cleanNames(list: ListName, names: Names): Names {
  const max = NAME_MAX_LENGTH[list];
  const clean = {
    en: cleanName(names.en, 'name.en'),
    es: cleanName(names.es, 'name.es'),
    fr: cleanName(names.fr, 'name.fr'),
  };
  for (const lang of ['en', 'es', 'fr'] as const) {
    if (clean[lang].length > max) throw new DomainError('too_long', { field: `name.${lang}`, max });
  }
  return clean;
}

/** A key from the English name: lowercase ASCII words joined by hyphens. */
export function keyFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return base || 'entry';
}

async function entriesWithUse(
  db: Kysely<DB> | Transaction<DB>,
  table: ListTable,
  forumId: number,
): Promise<ListEntry[]> {
  const [rows, use] = await Promise.all([
    findEntries(db, table, forumId, { includeArchived: true }),
    usageCounts(db, table, forumId),
  ]);
  return rows.map((row) => toEntry(row, use.get(row.id) ?? 0));
}

export async function listEntries(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  list: ListName,
): Promise<ListEntry[]> {
  const { forum } = await organizerAccess(db, slug, user);
  return entriesWithUse(db, LIST_TABLES[list], forum.id);
}

async function entryAfter(trx: Transaction<DB>, table: ListTable, forumId: number, id: number): Promise<ListEntry> {
  return (await entriesWithUse(trx, table, forumId)).find((entry) => entry.id === id)!;
}

export async function addEntry(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  list: ListName,
  input: { name: Names; key?: string },
): Promise<ListEntry> {
  const { forum } = await organizerAccess(db, slug, user);
  const names = cleanNames(list, input.name);
  const table = LIST_TABLES[list];
  return db.transaction().execute(async (trx) => {
    // The forum row's lock orders concurrent additions, so two never pick the same key or position.
    await lockForum(trx, forum.id);
    let key = input.key ?? keyFromName(names.en);
    // A retried or double-sent addition gets the entry the first one made, not a copy under "-2".
    const same = await findEntryByKey(trx, table, forum.id, key);
    if (
      input.key === undefined &&
      same &&
      same.archived_at === null &&
      same.en === names.en &&
      same.es === names.es &&
      same.fr === names.fr
    ) {
      return entryAfter(trx, table, forum.id, same.id);
    }
    if (input.key !== undefined) {
      if (await findEntryByKey(trx, table, forum.id, key)) throw new DomainError('list_key_taken', { key });
    } else {
      for (let n = 2; await findEntryByKey(trx, table, forum.id, key); n++) key = `${keyFromName(names.en)}-${n}`;
    }
    const id = await insertEntry(trx, table, { forumId: forum.id, key, ...names });
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: user.id,
      action: `${list}.added`,
      targetType: 'forum',
      targetId: forum.id,
      reason: names.en,
    });
    return entryAfter(trx, table, forum.id, id);
  });
}

export async function changeEntry(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  list: ListName,
  id: number,
  patch: { name?: Names; archived?: boolean },
): Promise<ListEntry> {
  const { forum } = await organizerAccess(db, slug, user);
  const names = patch.name ? cleanNames(list, patch.name) : undefined;
  const table = LIST_TABLES[list];
  return db.transaction().execute(async (trx) => {
    await lockForum(trx, forum.id);
    const row = await findEntry(trx, table, forum.id, id);
    if (!row) throw new DomainError('not_found');
    const archivedAt =
      patch.archived === undefined ? undefined : patch.archived ? (row.archived_at ?? new Date()) : null;
    await updateEntry(trx, table, id, { ...names, ...(archivedAt === undefined ? {} : { archived_at: archivedAt }) });
    const action =
      patch.archived === true && !row.archived_at
        ? 'archived'
        : patch.archived === false && row.archived_at
          ? 'restored'
          : 'renamed';
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: user.id,
      action: `${list}.${action}`,
      targetType: 'forum',
      targetId: forum.id,
      reason: names?.en ?? row.en,
    });
    return entryAfter(trx, table, forum.id, id);
  });
}

/** Sets the order of the whole list; the ids must be exactly the list's entries. */
export async function reorderEntries(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  list: ListName,
  ids: number[],
): Promise<ListEntry[]> {
  const { forum } = await organizerAccess(db, slug, user);
  const table = LIST_TABLES[list];
  return db.transaction().execute(async (trx) => {
    await lockForum(trx, forum.id);
    const rows = await findEntries(trx, table, forum.id, { includeArchived: true });
    const known = new Set(rows.map((row) => row.id));
    if (ids.length !== rows.length || !ids.every((id) => known.has(id)))
      throw new DomainError('validation', { field: 'ids' });
    for (const [index, id] of ids.entries()) await updateEntry(trx, table, id, { position: index + 1 });
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: user.id,
      action: `${list}.reordered`,
      targetType: 'forum',
      targetId: forum.id,
    });
    return entriesWithUse(trx, table, forum.id);
  });
}

/** Deletes an entry nothing points at; one in use must be archived instead. */
export async function removeEntry(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  list: ListName,
  id: number,
): Promise<void> {
  const { forum } = await organizerAccess(db, slug, user);
  const table = LIST_TABLES[list];
  await db.transaction().execute(async (trx) => {
    // A reference written between the count and the delete makes the foreign key refuse the delete.
    await lockForum(trx, forum.id);
    const row = await findEntry(trx, table, forum.id, id);
    if (!row) throw new DomainError('not_found');
    if (((await usageCounts(trx, table, forum.id)).get(id) ?? 0) > 0) throw new DomainError('list_entry_in_use');
    await deleteEntry(trx, table, id);
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: user.id,
      action: `${list}.deleted`,
      targetType: 'forum',
      targetId: forum.id,
      reason: row.en,
    });
  });
}

/**
 * The id of the forum's entry with this key, for a row about to point at it. An archived entry
 * is refused unless the row already points at it (`current`), so nobody new picks it.
 */
export async function resolveEntry(
  db: Kysely<DB> | Transaction<DB>,
  list: ListName,
  forumId: number,
  key: string,
  field: string,
  current: number | null = null,
): Promise<number> {
  const row = await findEntryByKey(db, LIST_TABLES[list], forumId, key);
  if (!row || (row.archived_at !== null && row.id !== current)) throw new DomainError('validation', { field });
  return row.id;
}

/** The lists an applicant chooses from: active entries in order. */
export async function callChoices(
  db: Kysely<DB>,
  forumId: number,
): Promise<Record<Exclude<ListName, 'themes'>, Choice[]>> {
  const [regions, sectors, prerequisites] = await Promise.all(
    (['forum_regions', 'forum_sectors', 'forum_prerequisites'] as const).map((table) =>
      findEntries(db, table, forumId, { includeArchived: false }),
    ),
  );
  return {
    regions: regions!.map(toChoice),
    sectors: sectors!.map(toChoice),
    prerequisites: prerequisites!.map(toChoice),
  };
}
