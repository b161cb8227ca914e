// Erasing an account, by its owner (who confirms with their password) or on request by an
// organizer of one of their forums or an admin (who confirms with their own). One transaction:
// sessions end and every instance hears it, personal data goes by the personal-data map, the
// account row stays emptied so threads keep their shape, and each forum's audit log records it.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import type { SessionUser } from '../auth/session.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { currentTime } from '../time/clock.ts';
import { rowsDeletedOnErasure } from './personal-data-map.ts';
import { deleteRowsOf } from './personal-data.queries.ts';
import {
  emptyAccount,
  emptyApplicationsOf,
  forgetInvitationEmail,
  forumsOf,
  lockAccount,
  organizedForums,
  organizesForumOf,
  releaseClaimsOf,
  removePostsOf,
  retitleThreadsOf,
  scrubEventsOf,
} from './erasure.queries.ts';

export type PostsChoice = 'keep' | 'remove';

const LANGS: readonly Lang[] = ['en', 'es', 'fr'];

/**
 * The name an erased account keeps where a name cannot be put in the reader's language (mail,
 * proceedings files): all three. Pages in the app show the reader's own (`former` in post views).
 */
export function neutralName(): string {
  return LANGS.map((lang) => translatorFor(lang)('server:privacy.formerParticipant')).join(' · ');
}

export function erasedEmail(userId: number): string {
  return `erased-${userId}@erased.invalid`;
}

interface ErasureRequest {
  userId: number;
  posts: PostsChoice;
  /** Who asks: the owner, or an organizer or admin acting on a request. */
  actor: SessionUser;
  /** The actor's own password. */
  password: string;
  /** The actor's language, for the names in a refusal. */
  lang: Lang;
}

/** Returns whether this call erased the account (false: an earlier, doubled submit already had). */
export async function eraseAccount(db: Kysely<DB>, request: ErasureRequest, now = currentTime()): Promise<boolean> {
  const { userId, actor } = request;
  const actorRow = await db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirst();
  if (!(await verifyPassword(actorRow?.password_hash, request.password))) throw new DomainError('wrong_password');
  // Hashed before the transaction, which should not wait on argon2.
  const passwordHash = await hashPassword(randomUUID());
  return db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, userId);
    if (!account) throw new DomainError('not_found');
    if (account.erased_at !== null) return false;
    if (actor.id !== userId) {
      if (account.is_admin && !actor.isAdmin) throw new DomainError('forbidden');
      if (!actor.isAdmin && !(await organizesForumOf(trx, actor.id, userId))) throw new DomainError('forbidden');
    }
    const alone = (await organizedForums(trx, userId, request.lang)).filter((forum) => forum.otherOrganizers === 0);
    if (alone.length > 0)
      throw new DomainError('last_organizer_account', { forum: alone.map((f) => f.title ?? f.slug).join(', ') });

    const forums = await forumsOf(trx, userId);
    const person = { id: userId, email: account.email };
    if (request.posts === 'remove') {
      await removePostsOf(trx, userId, now);
      await retitleThreadsOf(trx, userId, (lang) => translatorFor(lang)('server:privacy.removedThreadTitle'), now);
    }
    await releaseClaimsOf(trx, userId);
    await emptyApplicationsOf(trx, userId);
    await forgetInvitationEmail(trx, userId, account.email, erasedEmail(userId));
    for (const entry of rowsDeletedOnErasure()) await deleteRowsOf(trx, entry, person);
    await emptyAccount(trx, userId, { email: erasedEmail(userId), displayName: neutralName(), passwordHash }, now);
    await scrubEventsOf(trx, userId, neutralName(), request.posts === 'remove');
    // Every instance closes the account's sockets; its sessions are already gone from the database.
    await announceAccessChange(trx, { userId });
    const action = request.posts === 'remove' ? 'account.erased_posts_removed' : 'account.erased_posts_kept';
    for (const forumId of forums) {
      await writeAudit(trx, { forumId, actorId: actor.id, action, targetType: 'user', targetId: userId });
    }
    return true;
  });
}
