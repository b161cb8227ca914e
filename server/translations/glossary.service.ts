// A forum's glossary: the agreed renderings of its key terms in each language. Organizers edit
// it; translators and organizers read it; it moves in and out as CSV (en,es,fr,note).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import type { GlossaryTerm } from './glossary-match.ts';
import { deleteTerm, insertTerm, listGlossary, updateTerm } from './glossary.queries.ts';
import { assertTranslator } from './queue.service.ts';

export type TermInput = Omit<GlossaryTerm, 'id'>;
const CSV_COLUMNS = ['en', 'es', 'fr', 'note'] as const;
const MAX_TERMS = 2000;

function clean(term: TermInput): TermInput {
  const cleaned = { en: term.en.trim(), es: term.es.trim(), fr: term.fr.trim(), note: term.note.trim() };
  if (!cleaned.en && !cleaned.es && !cleaned.fr) throw new DomainError('validation', { field: 'en' });
  return cleaned;
}

export async function readGlossary(db: Kysely<DB>, slug: string, user: SessionUser) {
  const access = await forumAccessBySlug(db, slug, user);
  assertTranslator(access);
  return listGlossary(db, access.forum.id);
}

export async function addTerm(db: Kysely<DB>, slug: string, user: SessionUser, term: TermInput) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  return insertTerm(db, access.forum.id, clean(term));
}

export async function changeTerm(db: Kysely<DB>, slug: string, user: SessionUser, id: number, term: TermInput) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  if (!(await updateTerm(db, access.forum.id, id, clean(term)))) throw new DomainError('not_found');
}

export async function removeTerm(db: Kysely<DB>, slug: string, user: SessionUser, id: number) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  if (!(await deleteTerm(db, access.forum.id, id))) throw new DomainError('not_found');
}

export async function exportGlossaryCsv(db: Kysely<DB>, slug: string, user: SessionUser): Promise<string> {
  const terms = await readGlossary(db, slug, user);
  return stringify(terms.map((term) => CSV_COLUMNS.map((column) => term[column])), { header: true, columns: [...CSV_COLUMNS] });
}

/**
 * Replaces the glossary with a CSV's terms, in one transaction: a file with a bad row changes
 * nothing. The header must name the columns en, es, fr and note (any order; note optional).
 */
export async function importGlossaryCsv(db: Kysely<DB>, slug: string, user: SessionUser, csv: string): Promise<number> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch {
    throw new DomainError('invalid_csv', { line: 1 });
  }
  if (records.length > MAX_TERMS) throw new DomainError('invalid_csv', { line: MAX_TERMS + 2 });
  const terms = records.map((record, index) => {
    if (!('en' in record && 'es' in record && 'fr' in record)) throw new DomainError('invalid_csv', { line: 1 });
    try {
      return clean({ en: record.en ?? '', es: record.es ?? '', fr: record.fr ?? '', note: record.note ?? '' });
    } catch {
      throw new DomainError('invalid_csv', { line: index + 2 });
    }
  });
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('glossary_terms').where('forum_id', '=', access.forum.id).execute();
    if (terms.length) await trx.insertInto('glossary_terms').values(terms.map((term) => ({ forum_id: access.forum.id, ...term }))).execute();
  });
  return terms.length;
}
