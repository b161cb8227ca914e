// Files sent with a reading's form, saved with the reading or not at all: each file is checked
// (size, kind from its bytes) and stored when it arrives, answered with an upload id, and only
// the reading's save attaches the ids it names, in the save's own transaction. A refused file
// therefore leaves no reading behind, and a reading never has more than its limit of files.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { currentTime } from '../time/clock.ts';
import { assertRoomFor } from '../attachments/attachment-limits.ts';
import { acceptUpload, type Upload } from '../attachments/attachment-upload.ts';
import { attachedHashes, insertAttachment } from '../attachments/attachments.queries.ts';
import { deleteUploads, insertUpload, lockUploads, pruneUploads } from './reading-uploads.queries.ts';

/** Checks and stores one file for a reading of the forum; the caller has checked the organizer's rights. */
export async function stageUpload(
  db: Kysely<DB>,
  dir: string,
  maxBytes: number,
  forumId: number,
  user: SessionUser,
  upload: Upload,
) {
  const file = await acceptUpload(dir, maxBytes, upload);
  await pruneUploads(db, currentTime());
  const row = await insertUpload(db, { id: randomUUID(), forumId, uploadedBy: user.id, ...file });
  return { id: row.id, fileName: row.file_name, mediaType: row.media_type, sizeBytes: row.size_bytes };
}

/** Attaches the named uploads to a reading inside its save's transaction, or refuses the whole save. */
export async function attachUploads(
  trx: Transaction<DB>,
  forumId: number,
  readingId: number,
  user: SessionUser,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await lockUploads(trx, ids, user.id, forumId);
  if (rows.length !== new Set(ids).size) throw new DomainError('upload_missing');
  assertRoomFor(
    'reading',
    await attachedHashes(trx, 'reading', readingId),
    rows.map((row) => row.sha256),
  );
  // In the order the organizer chose them.
  const ordered = ids.map((id) => rows.find((row) => row.id === id)!);
  for (const upload of ordered) {
    const { row, created } = await insertAttachment(trx, 'reading', readingId, {
      sha256: upload.sha256,
      mediaType: upload.media_type,
      sizeBytes: upload.size_bytes,
      fileName: upload.file_name,
      uploadedBy: user.id,
    });
    if (created)
      await writeAudit(trx, {
        forumId,
        actorId: user.id,
        action: 'reading.attachment_added',
        targetType: 'reading',
        targetId: readingId,
        reason: row.file_name,
      });
  }
  await deleteUploads(trx, ids);
}
