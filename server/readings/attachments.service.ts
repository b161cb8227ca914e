// Attachments of readings: organizers add and remove them; whoever may read the reading's
// week downloads them. The kind is decided from the bytes (attachment-type.ts), the bytes are
// stored once per content (attachment-store.ts), and a download only ever names the sniffed type.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertMayReadWeekMaterial, forumAccessById, preparedWeekId } from '../forums/forum-access.ts';
import { findWeek } from '../forums/forums.queries.ts';
import { currentTime } from '../time/clock.ts';
import { attachmentView } from './attachment-view.ts';
import { acceptUpload, type Upload } from './attachment-upload.ts';
import { deleteAttachment, findAttachment, findReadingWithWeek, insertAttachment, lockReading } from './readings.queries.ts';
import { organizerReading } from './readings.service.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { attachedHashes } from './reading-uploads.queries.ts';
import { assertRoomFor } from './reading-uploads.service.ts';

export async function addAttachment(db: Kysely<DB>, dir: string, maxBytes: number, readingId: number, user: SessionUser, upload: Upload) {
  const { access } = await organizerReading(db, readingId, user);
  const file = await acceptUpload(dir, maxBytes, upload);
  return db.transaction().execute(async (trx) => {
    if (!(await lockReading(trx, readingId))) throw new DomainError('not_found');
    assertRoomFor(await attachedHashes(trx, readingId), [file.sha256]);
    const { row, created } = await insertAttachment(trx, {
      readingId, ...file, uploadedBy: user.id,
    });
    // The file's name stands in the reason: the attachment row may be gone when the log is read.
    if (created) await writeAudit(trx, { forumId: access.forum.id, actorId: user.id, action: 'reading.attachment_added', targetType: 'reading', targetId: readingId, reason: row.file_name });
    return { attachment: attachmentView(row), created };
  });
}

export async function removeAttachment(db: Kysely<DB>, readingId: number, attachmentId: number, user: SessionUser): Promise<void> {
  const { access } = await organizerReading(db, readingId, user);
  await db.transaction().execute(async (trx) => {
    const attachment = await findAttachment(trx, attachmentId);
    if (!attachment || attachment.reading_id !== readingId) throw new DomainError('not_found');
    // Two organizers removing it at once: the second finds nothing to delete and logs nothing.
    if (!(await deleteAttachment(trx, attachmentId))) return;
    await writeAudit(trx, {
      forumId: access.forum.id, actorId: user.id, action: 'reading.attachment_removed', targetType: 'reading', targetId: readingId, reason: attachment.file_name,
    });
  });
}

/** An attachment the viewer may download: its reading is published (or they organize) and its week readable to them. */
export async function attachmentForDownload(db: Kysely<DB>, attachmentId: number, user: SessionUser | null, now = currentTime()) {
  const attachment = await findAttachment(db, attachmentId);
  if (!attachment) throw new DomainError('not_found');
  const reading = await findReadingWithWeek(db, attachment.reading_id);
  if (!reading) throw new DomainError('not_found');
  const access = await forumAccessById(db, reading.forum_id, user);
  const week = await findWeek(db, reading.forum_id, reading.week_number);
  if (!week) throw new DomainError('not_found');
  assertMayReadWeekMaterial(access, week, now, await preparedWeekId(db, access));
  if (reading.unpublished_at !== null && !access.isOrganizer) throw new DomainError('not_found');
  return attachment;
}
