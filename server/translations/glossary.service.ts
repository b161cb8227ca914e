// A forum's glossary: the agreed renderings of its key terms in each language. Organizers edit
// it; translators and organizers read it; it moves in and out as CSV (glossary-csv.ts).
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { cleanTerm as clean, glossaryToCsv, parseGlossaryCsv, type TermInput } from './glossary-csv.ts';
import { deleteTerm, insertTerm, listGlossary, updateTerm } from './glossary.queries.ts';
import { assertTranslator } from './queue.service.ts';


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
  return glossaryToCsv(terms);
}

/**
 * Replaces the glossary with a CSV's terms, in one transaction: a file with a bad row changes
 * nothing. The header must name the columns en, es, fr and note (any order; note optional).
 */
/** Replaces the glossary with a CSV's terms, in one transaction: a file with a bad row changes nothing. */
export async function importGlossaryCsv(db: Kysely<DB>, slug: string, user: SessionUser, csv: string): Promise<number> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const terms = parseGlossaryCsv(csv);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('glossary_terms').where('forum_id', '=', access.forum.id).execute();
    if (terms.length) await trx.insertInto('glossary_terms').values(terms.map((term) => ({ forum_id: access.forum.id, ...term }))).execute();
  });
  return terms.length;
}
