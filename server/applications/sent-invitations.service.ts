// The invitations a forum's organizers have sent: who, for which role and week, when it was
// sent and until when it works, what became of it, and revoking one that is still pending.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, ForumRole } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { writeCohortAudit } from './applications.queries.ts';
import { organizerForum } from './review.service.ts';
import { currentTime } from '../time/clock.ts';

export type InvitationStatus = 'pending' | 'used' | 'expired' | 'revoked';

interface InvitationRow {
  id: number;
  email: string;
  role: ForumRole;
  week: number | null;
  lang: 'en' | 'es' | 'fr';
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

function statusOf(row: InvitationRow, now: Date): InvitationStatus {
  if (row.accepted_at) return 'used';
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

function toView(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    week: row.week,
    lang: row.lang,
    sentAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    status: statusOf(row, now),
  };
}

function selectInvitations(db: Kysely<DB>, forumId: number) {
  return db
    .selectFrom('invitations')
    .leftJoin('weeks', 'weeks.id', 'invitations.week_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'weeks.number as week',
      'invitations.lang',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.accepted_at',
      'invitations.revoked_at',
    ])
    .where('invitations.forum_id', '=', forumId);
}

export async function listSentInvitations(db: Kysely<DB>, slug: string, actor: SessionUser, now = currentTime()) {
  const forum = await organizerForum(db, slug, actor);
  const rows = await selectInvitations(db, forum.id).orderBy('invitations.id', 'desc').execute();
  return rows.map((row) => toView(row, now));
}

/**
 * Revokes a pending invitation. The UPDATE only takes one neither used nor revoked, so it and
 * a use of the link racing it cannot both succeed; revoking twice answers the same.
 */
export async function revokeInvitation(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  id: number,
  now = currentTime(),
) {
  const forum = await organizerForum(db, slug, actor);
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('forum_id', '=', forum.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (revoked)
      await writeCohortAudit(trx, {
        forumId: forum.id,
        actorId: actor.id,
        action: 'invitation.revoked',
        targetType: 'invitation',
        targetId: id,
      });
  });
  const row = await selectInvitations(db, forum.id).where('invitations.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('not_found');
  if (row.accepted_at) throw new DomainError('link_used');
  return toView(row, now);
}
