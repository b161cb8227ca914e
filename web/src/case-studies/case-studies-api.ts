// Every request the case-study pages make, in one place, with the paths of server/case-studies
// and server/questions.
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type { CaseStudyAnswer, CaseStudyOnlyAnswer } from './types.ts';
import { uploadAttachmentTo } from '../readings/readings-api.ts';
import type { Attachment } from '../readings/reading-types.ts';

export interface CaseStudyFields {
  title: string;
  bodyMd: string;
  lang: Lang;
  region: string;
  theme: string;
}

const forumPath = (slug: string) => `/api/forums/${encodeURIComponent(slug)}`;

export const caseStudyPaths = {
  mine: (slug: string) => `${forumPath(slug)}/case-studies/mine`,
  review: (slug: string, status: string) =>
    `${forumPath(slug)}/case-studies${status ? `?status=${encodeURIComponent(status)}` : ''}`,
  one: (id: number) => `/api/case-studies/${id}`,
  questions: (id: number, state: 'all' | 'unanswered') =>
    `/api/case-studies/${id}/questions${state === 'all' ? '' : `?state=${state}`}`,
  waiting: (slug: string) => `${forumPath(slug)}/questions/waiting`,
};

export function createCaseStudy(
  slug: string,
  weekNumber: number,
  fields: CaseStudyFields,
  idempotencyKey: string,
  draftKey: string | undefined,
) {
  return api<CaseStudyAnswer>(`${forumPath(slug)}/case-studies`, {
    method: 'POST',
    body: { weekNumber, ...fields, idempotencyKey, draftKey },
  });
}

export function editCaseStudy(id: number, fields: CaseStudyFields, baseRevision: number, draftKey: string | undefined) {
  return api<CaseStudyAnswer>(`/api/case-studies/${id}`, {
    method: 'PUT',
    body: { ...fields, baseRevision, draftKey },
  });
}

export function moveCaseStudy(id: number, action: 'submit' | 'withdraw' | 'approve') {
  return api<CaseStudyOnlyAnswer>(`/api/case-studies/${id}/${action}`, { method: 'POST', body: {} });
}

export function requestChanges(id: number, comment: string) {
  return api<CaseStudyOnlyAnswer>(`/api/case-studies/${id}/request-changes`, { method: 'POST', body: { comment } });
}

export function uploadCaseStudyAttachment(id: number, file: File): Promise<Attachment> {
  return uploadAttachmentTo(`/api/case-studies/${id}/attachments`, file);
}

export function removeCaseStudyAttachment(id: number, attachmentId: number): Promise<void> {
  return api<void>(`/api/case-studies/${id}/attachments/${attachmentId}`, { method: 'DELETE' });
}
