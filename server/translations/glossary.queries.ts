// All SQL about a forum's glossary.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ImportPlan } from './glossary-csv.ts';
import type { GlossaryTerm } from './glossary-match.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function listGlossary(db: Handle, forumId: number): Promise<GlossaryTerm[]> {
  return db
    .selectFrom('glossary_terms')
    .select(['id', 'en', 'es', 'fr', 'note'])
    .where('forum_id', '=', forumId)
    .orderBy('en')
    .orderBy('id')
    .execute();
}

export async function insertTerm(db: Handle, forumId: number, term: Omit<GlossaryTerm, 'id'>): Promise<number> {
  return (
    await db
      .insertInto('glossary_terms')
      .values({ forum_id: forumId, ...term })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updateTerm(
  db: Handle,
  forumId: number,
  id: number,
  term: Omit<GlossaryTerm, 'id'>,
): Promise<boolean> {
  const row = await db
    .updateTable('glossary_terms')
    .set({ ...term, updated_at: new Date() })
    .where('id', '=', id)
    .where('forum_id', '=', forumId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTerm(db: Handle, forumId: number, id: number): Promise<boolean> {
  const row = await db
    .deleteFrom('glossary_terms')
    .where('id', '=', id)
    .where('forum_id', '=', forumId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Serializes imports into one forum's glossary: each plans against the terms the last one left. */
export async function lockGlossary(trx: Transaction<DB>, forumId: number): Promise<void> {
  await trx.selectFrom('forums').select('id').where('id', '=', forumId).forUpdate().execute();
}

export async function applyImport(trx: Transaction<DB>, forumId: number, plan: ImportPlan): Promise<void> {
  if (plan.remove.length)
    await trx.deleteFrom('glossary_terms').where('forum_id', '=', forumId).where('id', 'in', plan.remove).execute();
  for (const { id, term } of plan.change) await updateTerm(trx, forumId, id, term);
  if (plan.add.length)
    await trx
      .insertInto('glossary_terms')
      .values(plan.add.map((term) => ({ forum_id: forumId, ...term })))
      .execute();
}
