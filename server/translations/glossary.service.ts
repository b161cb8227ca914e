// A forum's glossary: the agreed renderings of its key terms in each language. Organizers edit
// it; translators and organizers read it; it moves in and out as CSV (glossary-csv.ts).
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { cleanTerm as clean, glossaryToCsv, parseGlossaryCsv, planImport, type TermInput } from './glossary-csv.ts';
import { applyImport, deleteTerm, insertTerm, listGlossary, lockGlossary, updateTerm } from './glossary.queries.ts';
import { assertTranslator } from './queue.service.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';

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

export interface ImportOptions {
  mode: 'merge' | 'replace';
  /** Report what the import would do, and change nothing. */
  dryRun: boolean;
  /** For a replace: the number of terms it removes, as a dry run reported it. */
  confirm?: number;
}

/**
 * Imports a CSV's terms in one transaction: a file with a bad row changes nothing, nor does an
 * empty one. Merging adds and updates; replacing also removes the terms the file lacks, and
 * only once the caller confirms how many (so a stale preview or a wrong file cannot empty the
 * glossary). Imports of one forum's glossary run one at a time.
 */
export async function importGlossaryCsv(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  csv: string,
  options: ImportOptions,
) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const terms = parseGlossaryCsv(csv);
  if (terms.length === 0) throw new DomainError('csv_empty');
  return db.transaction().execute(async (trx) => {
    await lockGlossary(trx, access.forum.id);
    const plan = planImport(await listGlossary(trx, access.forum.id), terms, options.mode);
    const summary = {
      mode: options.mode,
      dryRun: options.dryRun,
      terms: terms.length,
      added: plan.add.length,
      changed: plan.change.length,
      removed: plan.remove.length,
      unchanged: plan.unchanged,
    };
    if (options.dryRun) return summary;
    if (plan.remove.length > 0 && options.confirm !== plan.remove.length)
      throw new DomainError('glossary_replace_unconfirmed', { removed: plan.remove.length });
    await applyImport(trx, access.forum.id, plan);
    await writeAudit(trx, {
      forumId: access.forum.id,
      actorId: user.id,
      action: `glossary.imported_${options.mode}`,
      targetType: 'forum',
      targetId: access.forum.id,
    });
    return summary;
  });
}
