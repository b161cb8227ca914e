// A user's notification preferences: per kind, in-app and email switches (defaults that do not
// flood); per forum, how activity email comes (batched at once, daily or weekly digest at a
// local hour, or never); per thread, follow or mute.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, ForumRole, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { accessWithRoles, assertMayReadWeek } from '../forums/forum-access.ts';
import { nextDigestAt } from './digest-clock.ts';
import { isNotificationType, notificationRules, notificationTypes } from './notification-types.ts';
import type { Preferences } from './notifications.schemas.ts';
import {
  findFollowLevel,
  findFollows,
  findForumDigests,
  findThreadForFollow,
  findTypeSettings,
  releaseWaitingDigest,
  setFollow,
  upsertDigest,
  upsertTypeSetting,
} from './preferences.queries.ts';
import { currentTime } from '../time/clock.ts';

export const DEFAULT_DIGEST = { schedule: 'immediate', hour: 8, weekday: 1 } as const;

export async function getPreferences(db: Kysely<DB>, user: SessionUser, lang: Lang): Promise<Preferences> {
  const [settings, forums, follows] = await Promise.all([
    findTypeSettings(db, user.id),
    findForumDigests(db, user.id, lang),
    findFollows(db, user.id, 200),
  ]);
  const byType = new Map(settings.map((row) => [row.type, row]));
  return {
    types: notificationTypes.map((type) => {
      const rule = notificationRules[type];
      const saved = byType.get(type);
      return {
        type,
        inApp: saved?.in_app ?? rule.inApp,
        email: rule.required ? true : (saved?.email ?? rule.email),
        required: rule.required === true,
      };
    }),
    forums: forums.map((forum) => ({
      forum: forum.slug,
      title: forum.title ?? forum.slug,
      schedule: forum.schedule ?? DEFAULT_DIGEST.schedule,
      hour: forum.hour ?? DEFAULT_DIGEST.hour,
      weekday: forum.weekday ?? DEFAULT_DIGEST.weekday,
    })),
    threads: follows.map((row) => ({
      threadId: row.id,
      forum: row.slug,
      title: { lang: row.original_lang, value: row.title },
      level: row.level,
    })),
    timeZone: user.timeZone,
  };
}

export interface PreferencesChange {
  types?: { type: string; inApp: boolean; email: boolean }[];
  forums?: { forum: string; schedule: 'immediate' | 'daily' | 'weekly' | 'off'; hour: number; weekday: number }[];
}

export async function updatePreferences(
  db: Kysely<DB>,
  user: SessionUser,
  lang: Lang,
  change: PreferencesChange,
  now = currentTime(),
): Promise<Preferences> {
  for (const entry of change.types ?? []) {
    if (!isNotificationType(entry.type)) throw new DomainError('validation', { field: 'type' });
    if (notificationRules[entry.type].required && !entry.email)
      throw new DomainError('notification_email_required', { notificationType: entry.type });
  }
  const memberOf = new Map((await findForumDigests(db, user.id, lang)).map((forum) => [forum.slug, forum.id]));
  for (const entry of change.forums ?? []) if (!memberOf.has(entry.forum)) throw new DomainError('not_found');
  await db.transaction().execute(async (trx) => {
    for (const entry of change.types ?? []) await upsertTypeSetting(trx, user.id, entry.type, entry.inApp, entry.email);
    for (const entry of change.forums ?? []) {
      const forumId = memberOf.get(entry.forum)!;
      await upsertDigest(trx, {
        userId: user.id,
        forumId,
        schedule: entry.schedule,
        hour: entry.hour,
        weekday: entry.weekday,
        nextDigestAt: nextDigestAt(entry.schedule, entry.hour, entry.weekday, user.timeZone, now),
      });
      await releaseWaitingDigest(trx, user.id, forumId, entry.schedule, now);
    }
  });
  return getPreferences(db, user, lang);
}

/** The reader's access to a thread's forum, once sure they may read its week. */
async function threadAccess(db: Kysely<DB>, user: SessionUser, threadId: number, now: Date) {
  const found = await findThreadForFollow(db, threadId, user.id);
  if (!found) throw new DomainError('not_found');
  const { opens_at, closes_at, week_number, roles, ...forum } = found;
  const access = accessWithRoles(forum, user, (roles ?? []) as ForumRole[]);
  assertMayReadWeek(
    access,
    { opens_at, closes_at, number: week_number } as Parameters<typeof assertMayReadWeek>[1],
    now,
  );
  return access;
}

/** Follow, mute or forget a thread the user may read as a member. */
export async function followThread(
  db: Kysely<DB>,
  user: SessionUser,
  threadId: number,
  level: 'following' | 'muted' | 'none',
  now = currentTime(),
) {
  const access = await threadAccess(db, user, threadId, now);
  if (!access.isMember && !access.isOrganizer) throw new DomainError('not_a_member');
  await setFollow(db, user.id, threadId, level);
  return { level };
}

export async function followLevel(db: Kysely<DB>, user: SessionUser, threadId: number, now = currentTime()) {
  await threadAccess(db, user, threadId, now);
  return { level: await findFollowLevel(db, user.id, threadId) };
}
