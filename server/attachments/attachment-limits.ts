// How much an owner may hold, for every kind of owner in one place: the size of one file
// (config.attachmentMaxBytes, one for the whole site) and the number of files. The readings'
// count is the SPA's module, so the console form checks the same number before sending.
import { DomainError } from '../errors/domain-error.ts';
import { MAX_ATTACHMENTS_PER_READING } from '../../web/src/readings/attachment-limit.ts';
import type { OwnerKind } from './attachments.queries.ts';

/** Files one owner may hold; null where no count was ever set (case studies hold what their author needs). */
export const MAX_ATTACHMENTS: Record<OwnerKind, number | null> = {
  reading: MAX_ATTACHMENTS_PER_READING,
  case_study: null,
};

/** Refuses an owner that would hold more files than its kind's limit (the same bytes twice are one file). */
export function assertRoomFor(kind: OwnerKind, attached: string[], adding: string[]): void {
  const max = MAX_ATTACHMENTS[kind];
  if (max !== null && new Set([...attached, ...adding]).size > max)
    throw new DomainError('too_many_attachments', { max });
}

/** Refuses a file past the size limit, telling the limit in MB; `truncated` is the multipart reader's cut. */
export function assertSize(sizeBytes: number, truncated: boolean, maxBytes: number): void {
  if (truncated || sizeBytes > maxBytes)
    throw new DomainError('attachment_too_large', { max: Number((maxBytes / (1024 * 1024)).toFixed(1)) || 0.1 });
}
