// Attachments of any owner (a reading, a case study): whoever the owner's kind lets change it
// adds and removes them; whoever may read it downloads them. The kind is decided from the bytes
// (attachment-type.ts), the bytes are stored once per content (attachment-store.ts), and a
// download only ever names the sniffed type. Each owner domain says only what differs: its
// rights, how its row is locked, and what else a change writes (the readings' audit log).
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { currentTime } from '../time/clock.ts';
import { assertRoomFor, MAX_ATTACHMENTS } from './attachment-limits.ts';
import { acceptUpload, type Upload } from './attachment-upload.ts';
import { attachmentViewOf } from './attachment-view.ts';
import {
  attachedHashes,
  deleteAttachment,
  findAttachment,
  insertAttachment,
  type OwnerKind,
} from './attachments.queries.ts';

/** A change the owner's rules allowed, carried into the change's transaction. */
export interface OwnerChange {
  /** Locks the owner's row and checks it still takes the change: it may have moved on while the file arrived. */
  lock(trx: Transaction<DB>): Promise<void>;
  added?(trx: Transaction<DB>, fileName: string): Promise<void>;
  removed?(trx: Transaction<DB>, fileName: string): Promise<void>;
}

export interface AttachmentOwner {
  kind: OwnerKind;
  /** The owner's URL: its files are uploaded to `${path}/:id/attachments`. */
  path: string;
  /** The API documentation's section. */
  tags: string[];
  /** Refuses whoever may not add or remove the owner's files (checked before an upload's body is read). */
  mayChange(db: Kysely<DB>, ownerId: number, user: SessionUser, now: Date): Promise<OwnerChange>;
  /** Refuses whoever may not download the owner's files. */
  mayDownload(db: Kysely<DB>, ownerId: number, user: SessionUser | null, now: Date): Promise<void>;
}

export interface AttachmentFiles {
  dir: string;
  maxBytes: number;
}

export async function addAttachment(
  db: Kysely<DB>,
  owner: AttachmentOwner,
  files: AttachmentFiles,
  ownerId: number,
  user: SessionUser,
  upload: Upload,
  now = currentTime(),
) {
  const change = await owner.mayChange(db, ownerId, user, now);
  const file = await acceptUpload(files.dir, files.maxBytes, upload);
  return db.transaction().execute(async (trx) => {
    await change.lock(trx);
    if (MAX_ATTACHMENTS[owner.kind] !== null)
      assertRoomFor(owner.kind, await attachedHashes(trx, owner.kind, ownerId), [file.sha256]);
    const { row, created } = await insertAttachment(trx, owner.kind, ownerId, { ...file, uploadedBy: user.id });
    // The file's name stands in the record: the attachment row may be gone when it is read.
    if (created) await change.added?.(trx, row.file_name);
    return { attachment: attachmentViewOf(owner.kind)(row), created };
  });
}

export async function removeAttachment(
  db: Kysely<DB>,
  owner: AttachmentOwner,
  ownerId: number,
  attachmentId: number,
  user: SessionUser,
  now = currentTime(),
): Promise<void> {
  const change = await owner.mayChange(db, ownerId, user, now);
  await db.transaction().execute(async (trx) => {
    await change.lock(trx);
    const attachment = await findAttachment(trx, owner.kind, attachmentId);
    if (!attachment || attachment.owner_id !== ownerId) throw new DomainError('not_found');
    // Removed twice at once (two organizers, a double click): the second finds nothing to delete and records nothing.
    if (!(await deleteAttachment(trx, owner.kind, attachmentId))) return;
    await change.removed?.(trx, attachment.file_name);
  });
}

/** An attachment the viewer may download, under its owner's rule. */
export async function attachmentForDownload(
  db: Kysely<DB>,
  owner: AttachmentOwner,
  attachmentId: number,
  user: SessionUser | null,
  now = currentTime(),
) {
  const attachment = await findAttachment(db, owner.kind, attachmentId);
  if (!attachment) throw new DomainError('not_found');
  await owner.mayDownload(db, attachment.owner_id, user, now);
  return attachment;
}
