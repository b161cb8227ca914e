// Attachments of case studies: whoever may edit the case study (its author while they may
// write it, organizers) adds and removes them; whoever may read it downloads them. Size, kind
// and storage are the readings' (server/readings/attachment-upload.ts).
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { CaseStudyStatus, DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { acceptUpload, type Upload } from '../readings/attachment-upload.ts';
import { currentTime } from '../time/clock.ts';
import { caseStudyAttachmentView } from './case-study-attachment-view.ts';
import { lockCaseStudy } from './case-studies.queries.ts';
import { editableCaseStudy, readable } from './case-studies.service.ts';
import {
  deleteCaseStudyAttachment, findCaseStudyAttachment, insertCaseStudyAttachment,
} from './case-study-attachments.queries.ts';

export async function addCaseStudyAttachment(db: Kysely<DB>, dir: string, maxBytes: number, caseStudyId: number, user: SessionUser, upload: Upload, now = currentTime()) {
  const { mayEdit } = await editableCaseStudy(db, caseStudyId, user, now);
  const file = await acceptUpload(dir, maxBytes, upload);
  return db.transaction().execute(async (trx) => {
    await assertStillEditable(trx, caseStudyId, mayEdit);
    const { row, created } = await insertCaseStudyAttachment(trx, { caseStudyId, ...file, uploadedBy: user.id });
    return { attachment: caseStudyAttachmentView(row), created };
  });
}

export async function removeCaseStudyAttachment(db: Kysely<DB>, caseStudyId: number, attachmentId: number, user: SessionUser, now = currentTime()): Promise<void> {
  const { mayEdit } = await editableCaseStudy(db, caseStudyId, user, now);
  await db.transaction().execute(async (trx) => {
    await assertStillEditable(trx, caseStudyId, mayEdit);
    const attachment = await findCaseStudyAttachment(trx, attachmentId);
    if (!attachment || attachment.case_study_id !== caseStudyId) throw new DomainError('not_found');
    // Removed twice at once (a double click): the second finds nothing to delete.
    await deleteCaseStudyAttachment(trx, attachmentId);
  });
}

/** Submitted or approved meanwhile (the upload took a while): the organizers are looking at what the author sent. */
async function assertStillEditable(trx: Transaction<DB>, caseStudyId: number, mayEdit: (status: CaseStudyStatus) => boolean) {
  const locked = await lockCaseStudy(trx, caseStudyId);
  if (!locked) throw new DomainError('not_found');
  if (!mayEdit(locked.status)) throw new DomainError('case_study_state');
}

/** An attachment the viewer may download: the case study's own rule (author and organizers always, others once published and the week readable). */
export async function caseStudyAttachmentForDownload(db: Kysely<DB>, attachmentId: number, user: SessionUser | null, now = currentTime()) {
  const attachment = await findCaseStudyAttachment(db, attachmentId);
  if (!attachment) throw new DomainError('not_found');
  await readable(db, attachment.case_study_id, user, now);
  return attachment;
}
