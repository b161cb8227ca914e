// All SQL about case studies' attachments (their bytes: server/readings/attachment-store.ts).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findCaseStudyAttachments(db: Handle, caseStudyId: number) {
  return db.selectFrom('case_study_attachments').selectAll().where('case_study_id', '=', caseStudyId).orderBy('position').orderBy('id').execute();
}

/** Attachments per case study, for the week page: one statement for all of them. */
export async function countCaseStudyAttachments(db: Handle, caseStudyIds: number[]): Promise<Map<number, number>> {
  if (caseStudyIds.length === 0) return new Map();
  const rows = await db.selectFrom('case_study_attachments').select(['case_study_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('case_study_id', 'in', caseStudyIds).groupBy('case_study_id').execute();
  return new Map(rows.map((row) => [row.case_study_id, Number(row.count)]));
}

export function findCaseStudyAttachment(db: Handle, attachmentId: number) {
  return db.selectFrom('case_study_attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
}

/** Adds the attachment, or returns the one this case study already has with the same bytes (a double submit). */
export async function insertCaseStudyAttachment(trx: Transaction<DB>, values: {
  caseStudyId: number; sha256: string; mediaType: string; sizeBytes: number; fileName: string; uploadedBy: number;
}) {
  const position = (await trx.selectFrom('case_study_attachments').select((eb) => eb.fn.max('position').as('max'))
    .where('case_study_id', '=', values.caseStudyId).executeTakeFirst())?.max ?? 0;
  const inserted = await trx.insertInto('case_study_attachments').values({
    case_study_id: values.caseStudyId, sha256: values.sha256, media_type: values.mediaType, size_bytes: values.sizeBytes,
    file_name: values.fileName, position: position + 1, uploaded_by: values.uploadedBy,
  }).onConflict((oc) => oc.columns(['case_study_id', 'sha256']).doNothing()).returningAll().executeTakeFirst();
  return { row: inserted ?? (await trx.selectFrom('case_study_attachments').selectAll()
    .where('case_study_id', '=', values.caseStudyId).where('sha256', '=', values.sha256).executeTakeFirstOrThrow()), created: inserted !== undefined };
}

export function deleteCaseStudyAttachment(db: Handle, attachmentId: number) {
  return db.deleteFrom('case_study_attachments').where('id', '=', attachmentId).returning('id').executeTakeFirst();
}
