// What readers and editors are told of an attachment: never its hash or where it lives.
// Readings' and case studies' attachments have the same columns; each has its download route.
import type { Lang } from '../db/schema.ts';

interface AttachmentRow {
  id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  /** A reading's file may be one language's version; case studies' files have none. */
  lang?: Lang | null;
}

/** The view for attachments downloaded under `downloadBase`; one argument, so it can be given to map(). */
export function attachmentViewAt(downloadBase: string) {
  return (row: AttachmentRow) => ({
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    ...('lang' in row ? { lang: row.lang ?? null } : {}),
    url: `${downloadBase}/${row.id}`,
  });
}

export const attachmentView = attachmentViewAt('/api/reading-attachments');
