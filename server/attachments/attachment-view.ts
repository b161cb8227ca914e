// What readers and editors are told of an attachment: never its hash or where it lives.
// Every kind of owner's files have the same view; each kind has its own download route.
import type { Lang } from '../db/schema.ts';
import type { OwnerKind } from './attachments.queries.ts';

/** Where each kind's files are downloaded, by id (attachments.routes.ts serves them). */
export const DOWNLOAD_PATHS: Record<OwnerKind, string> = {
  reading: '/api/reading-attachments',
  case_study: '/api/case-study-attachments',
};

interface AttachmentViewRow {
  id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  /** A reading's file may be one language's version; case studies' files have none. */
  lang?: Lang | null;
}

/** The view of a kind's attachments; one argument, so it can be given to map(). */
export function attachmentViewOf(kind: OwnerKind) {
  return (row: AttachmentViewRow) => ({
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    ...('lang' in row ? { lang: row.lang ?? null } : {}),
    url: `${DOWNLOAD_PATHS[kind]}/${row.id}`,
  });
}
