// All SQL about files sent ahead of a reading's save (reading_uploads).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function insertUpload(
  db: Handle,
  values: {
    id: string;
    forumId: number;
    uploadedBy: number;
    sha256: string;
    mediaType: string;
    sizeBytes: number;
    fileName: string;
  },
) {
  return db
    .insertInto('reading_uploads')
    .values({
      id: values.id,
      forum_id: values.forumId,
      uploaded_by: values.uploadedBy,
      sha256: values.sha256,
      media_type: values.mediaType,
      size_bytes: values.sizeBytes,
      file_name: values.fileName,
    })
    .returning(['id', 'file_name', 'media_type', 'size_bytes'])
    .executeTakeFirstOrThrow();
}

/** The uploader's own uploads for this forum among `ids`, locked so two saves cannot both attach them. */
export function lockUploads(trx: Transaction<DB>, ids: string[], uploadedBy: number, forumId: number) {
  return trx
    .selectFrom('reading_uploads')
    .selectAll()
    .where('id', 'in', ids)
    .where('uploaded_by', '=', uploadedBy)
    .where('forum_id', '=', forumId)
    .forUpdate()
    .execute();
}

export function deleteUploads(trx: Transaction<DB>, ids: string[]) {
  return trx.deleteFrom('reading_uploads').where('id', 'in', ids).execute();
}

/** Uploads never attached within a day: their rows go (the bytes stay, as server/attachments/attachment-store.ts explains). */
export function pruneUploads(db: Handle, now: Date) {
  return db
    .deleteFrom('reading_uploads')
    .where('created_at', '<', sql<Date>`${now}::timestamptz - interval '1 day'`)
    .execute();
}
