// A person's data export: every row the personal-data map says is theirs, by section. A small
// account gets it at once; a large one is built by the background job (data-export-job.ts), and
// its owner is notified when it is ready. Either way only the owner reads it, until it expires.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { currentTime } from '../time/clock.ts';
import { EXPORT_SECTIONS, exportedEntries, type ExportSection } from './personal-data-map.ts';
import { countRowsOf, rowsOf, type Person } from './personal-data.queries.ts';
import { findExport, findOpenExport, insertExport, listExportsOf, type DataExportRow } from './data-exports.queries.ts';

export type ExportRows = Record<string, unknown>[];

/** What a person downloads: per section, the rows of each mapped table and column. */
export interface PersonalDataExport {
  format: 'tertulia-personal-data';
  version: 1;
  generatedAt: string;
  userId: number;
  sections: Record<ExportSection, Record<string, ExportRows>>;
}

export interface ExportSettings {
  /** Accounts with more rows than this are exported in the background. */
  inlineRowLimit: number;
  /** How long a background export can be downloaded. */
  lifetimeHours: number;
}

async function personOf(db: Kysely<DB>, userId: number): Promise<Person> {
  const row = await db.selectFrom('users').select(['id', 'email']).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new DomainError('not_found');
  return row;
}

export async function countPersonalRows(db: Kysely<DB>, userId: number): Promise<number> {
  const person = await personOf(db, userId);
  let total = 0;
  for (const entry of exportedEntries()) total += await countRowsOf(db, entry, person);
  return total;
}

export async function buildExport(db: Kysely<DB>, userId: number, now = currentTime()): Promise<PersonalDataExport> {
  const person = await personOf(db, userId);
  const sections = Object.fromEntries(
    EXPORT_SECTIONS.map((section) => [section, {}]),
  ) as PersonalDataExport['sections'];
  for (const entry of exportedEntries()) {
    const rows = await rowsOf(db, entry, person);
    // Through JSON once, so an export read at once and one kept in the database look alike.
    sections[entry.export.section][`${entry.table}.${entry.column}`] = JSON.parse(JSON.stringify(rows)) as ExportRows;
  }
  return { format: 'tertulia-personal-data', version: 1, generatedAt: now.toISOString(), userId, sections };
}

export interface ExportSummary {
  id: number;
  status: DataExportRow['status'];
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

function summaryOf(row: DataExportRow, now: Date): ExportSummary {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    expired: row.expires_at !== null && row.expires_at.getTime() <= now.getTime(),
  };
}

/**
 * The export at once for a small account; for a large one, the background export under way (a
 * second click while it is built does not start another).
 */
export async function requestExport(
  db: Kysely<DB>,
  userId: number,
  lang: Lang,
  settings: ExportSettings,
  now = currentTime(),
): Promise<{ ready: PersonalDataExport } | { queued: ExportSummary }> {
  if ((await countPersonalRows(db, userId)) <= settings.inlineRowLimit)
    return { ready: await buildExport(db, userId, now) };
  const row = await db.transaction().execute(async (trx) => {
    // One at a time per person: the lock on the account row serializes two clicks.
    await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    return (await findOpenExport(trx, userId)) ?? (await insertExport(trx, userId, lang, now));
  });
  return { queued: summaryOf(row, now) };
}

export async function listExports(db: Kysely<DB>, userId: number, now = currentTime()): Promise<ExportSummary[]> {
  return (await listExportsOf(db, userId)).map((row) => summaryOf(row, now));
}

/** A background export, for its owner only: anyone else is told it does not exist. */
export async function readExport(
  db: Kysely<DB>,
  userId: number,
  exportId: number,
  now = currentTime(),
): Promise<PersonalDataExport> {
  const row = await findExport(db, exportId);
  if (!row || row.user_id !== userId) throw new DomainError('not_found');
  if (row.expires_at !== null && row.expires_at.getTime() <= now.getTime()) throw new DomainError('export_expired');
  if (row.status !== 'done' || row.content === null) throw new DomainError('export_not_ready');
  return row.content as PersonalDataExport;
}
