// What case studies' attachments have of their own (the rest: server/attachments/): whoever may
// edit the case study (its author while they may write it, organizers) adds and removes them;
// whoever may read it downloads them, not before publication.
import type { Transaction } from 'kysely';
import type { CaseStudyStatus, DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { AttachmentOwner } from '../attachments/attachments.service.ts';
import { lockCaseStudy } from './case-studies.queries.ts';
import { editableCaseStudy, readable } from './case-studies.service.ts';

export const caseStudyAttachments: AttachmentOwner = {
  kind: 'case_study',
  path: '/api/case-studies',
  tags: ['case-studies'],
  async mayChange(db, caseStudyId, user, now) {
    const { mayEdit } = await editableCaseStudy(db, caseStudyId, user, now);
    return { lock: (trx) => assertStillEditable(trx, caseStudyId, mayEdit) };
  },
  /** The case study's own rule: author and organizers always, others once published and the week readable. */
  async mayDownload(db, caseStudyId, user, now) {
    await readable(db, caseStudyId, user, now);
  },
};

/** Submitted or approved meanwhile (the upload took a while): the organizers are looking at what the author sent. */
async function assertStillEditable(
  trx: Transaction<DB>,
  caseStudyId: number,
  mayEdit: (status: CaseStudyStatus) => boolean,
) {
  const locked = await lockCaseStudy(trx, caseStudyId);
  if (!locked) throw new DomainError('not_found');
  if (!mayEdit(locked.status)) throw new DomainError('case_study_state');
}
