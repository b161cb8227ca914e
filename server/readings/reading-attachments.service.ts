// What readings' attachments have of their own (the rest: server/attachments/): the forum's
// organizers and site admins add and remove them, each change in the audit log; whoever may
// read the reading's week downloads them, once the reading is published.
import type { Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { AttachmentOwner } from '../attachments/attachments.service.ts';
import { assertMayReadWeekMaterial, forumAccessById, preparedWeekId } from '../forums/forum-access.ts';
import { findWeek } from '../forums/forums.queries.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { findReadingWithWeek, lockReading } from './readings.queries.ts';
import { organizerReading } from './readings.service.ts';

export const readingAttachments: AttachmentOwner = {
  kind: 'reading',
  path: '/api/readings',
  tags: ['readings'],
  async mayChange(db, readingId, user) {
    const { access } = await organizerReading(db, readingId, user);
    const record = (action: string) => (trx: Transaction<DB>, fileName: string) =>
      audit(trx, access.forum.id, user, readingId, action, fileName);
    return {
      async lock(trx) {
        if (!(await lockReading(trx, readingId))) throw new DomainError('not_found');
      },
      added: record('reading.attachment_added'),
      removed: record('reading.attachment_removed'),
    };
  },
  async mayDownload(db, readingId, user, now) {
    const reading = await findReadingWithWeek(db, readingId);
    if (!reading) throw new DomainError('not_found');
    const access = await forumAccessById(db, reading.forum_id, user);
    const week = await findWeek(db, reading.forum_id, reading.week_number);
    if (!week) throw new DomainError('not_found');
    assertMayReadWeekMaterial(access, week, now, await preparedWeekId(db, access));
    if (reading.unpublished_at !== null && !access.isOrganizer) throw new DomainError('not_found');
  },
};

async function audit(
  trx: Transaction<DB>,
  forumId: number,
  user: SessionUser,
  readingId: number,
  action: string,
  fileName: string,
) {
  await writeAudit(trx, {
    forumId,
    actorId: user.id,
    action,
    targetType: 'reading',
    targetId: readingId,
    reason: fileName,
  });
}
