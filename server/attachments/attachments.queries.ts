// All SQL about attachment rows, for every kind of owner. Each owner kind has its own table (a
// foreign key to its owner, ids in its own download URLs); the tables have the same columns
// but for the owner's, so one set of statements serves them all, told which table and column.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export const ATTACHMENT_TABLES = {
  reading: { table: 'reading_attachments', owner: 'reading_id' },
  case_study: { table: 'case_study_attachments', owner: 'case_study_id' },
} as const;

export type OwnerKind = keyof typeof ATTACHMENT_TABLES;
export type AttachmentRowOf<K extends OwnerKind> = Selectable<DB[(typeof ATTACHMENT_TABLES)[K]['table']]>;

// Kysely cannot type one statement over either of two tables: the statements below are
// checked by the tests of both kinds instead, and their results typed as the kind's rows.
function untyped(db: Handle): Kysely<any> {
  return db;
}

export async function findAttachments<K extends OwnerKind>(
  db: Handle,
  kind: K,
  ownerIds: number[],
): Promise<AttachmentRowOf<K>[]> {
  if (ownerIds.length === 0) return [];
  const { table, owner } = ATTACHMENT_TABLES[kind];
  return (await untyped(db)
    .selectFrom(table)
    .selectAll()
    .where(owner, 'in', ownerIds)
    .orderBy('position')
    .orderBy('id')
    .execute()) as AttachmentRowOf<K>[];
}

/** Attachments per owner, for a week's table of contents: one statement for all of them. */
export async function countAttachments(db: Handle, kind: OwnerKind, ownerIds: number[]): Promise<Map<number, number>> {
  if (ownerIds.length === 0) return new Map();
  const { table, owner } = ATTACHMENT_TABLES[kind];
  const rows: { owner_id: number; count: string }[] = await untyped(db)
    .selectFrom(table)
    .select([`${owner} as owner_id`, (eb) => eb.fn.countAll<string>().as('count')])
    .where(owner, 'in', ownerIds)
    .groupBy(owner)
    .execute();
  return new Map(rows.map((row) => [row.owner_id, Number(row.count)]));
}

/** The attachment and the id of what it hangs on. */
export async function findAttachment<K extends OwnerKind>(
  db: Handle,
  kind: K,
  attachmentId: number,
): Promise<(AttachmentRowOf<K> & { owner_id: number }) | undefined> {
  const { table, owner } = ATTACHMENT_TABLES[kind];
  const row = await untyped(db).selectFrom(table).selectAll().where('id', '=', attachmentId).executeTakeFirst();
  return row && { ...(row as AttachmentRowOf<K>), owner_id: row[owner] as number };
}

export async function attachedHashes(db: Handle, kind: OwnerKind, ownerId: number): Promise<string[]> {
  const { table, owner } = ATTACHMENT_TABLES[kind];
  return (await untyped(db).selectFrom(table).select('sha256').where(owner, '=', ownerId).execute()).map(
    (row: { sha256: string }) => row.sha256,
  );
}

/** Adds the attachment last, or returns the one the owner already has with the same bytes (a double submit). */
export async function insertAttachment<K extends OwnerKind>(
  trx: Transaction<DB>,
  kind: K,
  ownerId: number,
  values: {
    sha256: string;
    mediaType: string;
    sizeBytes: number;
    fileName: string;
    uploadedBy: number;
  },
): Promise<{ row: AttachmentRowOf<K>; created: boolean }> {
  const { table, owner } = ATTACHMENT_TABLES[kind];
  const db = untyped(trx);
  const position =
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.max<number>('position').as('max'))
        .where(owner, '=', ownerId)
        .executeTakeFirst()
    )?.max ?? 0;
  const inserted = await db
    .insertInto(table)
    .values({
      [owner]: ownerId,
      sha256: values.sha256,
      media_type: values.mediaType,
      size_bytes: values.sizeBytes,
      file_name: values.fileName,
      position: position + 1,
      uploaded_by: values.uploadedBy,
    })
    .onConflict((oc) => oc.columns([owner, 'sha256']).doNothing())
    .returningAll()
    .executeTakeFirst();
  const row =
    inserted ??
    (await db
      .selectFrom(table)
      .selectAll()
      .where(owner, '=', ownerId)
      .where('sha256', '=', values.sha256)
      .executeTakeFirstOrThrow());
  return { row: row as AttachmentRowOf<K>, created: inserted !== undefined };
}

export function deleteAttachment(db: Handle, kind: OwnerKind, attachmentId: number) {
  return untyped(db)
    .deleteFrom(ATTACHMENT_TABLES[kind].table)
    .where('id', '=', attachmentId)
    .returning('id')
    .executeTakeFirst();
}
