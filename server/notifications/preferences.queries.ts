// Kysely for notification preferences: per-kind switches, per-forum digest schedules, thread follows.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DigestSchedule, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findTypeSettings(db: Handle, userId: number) {
  return db
    .selectFrom('notification_settings')
    .select(['type', 'in_app', 'email'])
    .where('user_id', '=', userId)
    .execute();
}

/** The forums the user belongs to, with their digest settings if any. */
export function findForumDigests(db: Handle, userId: number, lang: Lang) {
  return db
    .selectFrom('memberships')
    .innerJoin('forums', 'forums.id', 'memberships.forum_id')
    .leftJoin('forum_texts', (join) =>
      join.onRef('forum_texts.forum_id', '=', 'forums.id').on('forum_texts.lang', '=', lang),
    )
    .leftJoin('digest_settings', (join) =>
      join.onRef('digest_settings.forum_id', '=', 'forums.id').on('digest_settings.user_id', '=', userId),
    )
    .select([
      'forums.id',
      'forums.slug',
      'forum_texts.title',
      'digest_settings.schedule',
      'digest_settings.hour',
      'digest_settings.weekday',
    ])
    .distinctOn('forums.id')
    .where('memberships.user_id', '=', userId)
    .where('forums.published', '=', true)
    .orderBy('forums.id')
    .execute();
}

export function findFollows(db: Handle, userId: number, limit: number) {
  return db
    .selectFrom('thread_follows')
    .innerJoin('threads', 'threads.id', 'thread_follows.thread_id')
    .innerJoin('forums', 'forums.id', 'threads.forum_id')
    .select(['threads.id', 'threads.title', 'threads.original_lang', 'forums.slug', 'thread_follows.level'])
    .where('thread_follows.user_id', '=', userId)
    .orderBy('thread_follows.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function upsertTypeSetting(
  trx: Transaction<DB>,
  userId: number,
  type: string,
  inApp: boolean,
  email: boolean,
): Promise<void> {
  await trx
    .insertInto('notification_settings')
    .values({ user_id: userId, type, in_app: inApp, email })
    .onConflict((oc) => oc.columns(['user_id', 'type']).doUpdateSet({ in_app: inApp, email, updated_at: sql`now()` }))
    .execute();
}

export async function upsertDigest(
  trx: Transaction<DB>,
  row: {
    userId: number;
    forumId: number;
    schedule: DigestSchedule;
    hour: number;
    weekday: number;
    nextDigestAt: Date | null;
  },
): Promise<void> {
  const values = { schedule: row.schedule, hour: row.hour, weekday: row.weekday, next_digest_at: row.nextDigestAt };
  await trx
    .insertInto('digest_settings')
    .values({ user_id: row.userId, forum_id: row.forumId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'forum_id']).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/** After a schedule change, what waited for a digest goes out with the next batch, or not at all. */
export async function releaseWaitingDigest(
  trx: Transaction<DB>,
  userId: number,
  forumId: number,
  schedule: DigestSchedule,
  now: Date,
): Promise<void> {
  const waiting = trx
    .updateTable('notifications')
    .where('user_id', '=', userId)
    .where('forum_id', '=', forumId)
    .where('email_status', '=', 'pending')
    .where('email_due_at', 'is', null);
  if (schedule === 'off') await waiting.set({ email_status: 'none' }).execute();
  else if (schedule === 'immediate') await waiting.set({ email_due_at: now }).execute();
}

/** The thread with what deciding whether the user may read it takes. */
export function findThreadForFollow(db: Handle, threadId: number, userId: number) {
  return db
    .selectFrom('threads')
    .innerJoin('weeks', 'weeks.id', 'threads.week_id')
    .innerJoin('forums', 'forums.id', 'threads.forum_id')
    .selectAll('forums')
    .select(['weeks.opens_at', 'weeks.closes_at', 'weeks.number as week_number'])
    .select((eb) =>
      eb
        .selectFrom('memberships')
        .select((m) => m.fn.agg<string[]>('array_agg', ['memberships.role']).as('roles'))
        .whereRef('memberships.forum_id', '=', 'forums.id')
        .where('memberships.user_id', '=', userId)
        .as('roles'),
    )
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

export async function setFollow(
  db: Handle,
  userId: number,
  threadId: number,
  level: 'following' | 'muted' | 'none',
): Promise<void> {
  if (level === 'none') {
    await db.deleteFrom('thread_follows').where('user_id', '=', userId).where('thread_id', '=', threadId).execute();
    return;
  }
  await db
    .insertInto('thread_follows')
    .values({ user_id: userId, thread_id: threadId, level, explicit: true })
    .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ level, explicit: true }))
    .execute();
}

export async function findFollowLevel(
  db: Handle,
  userId: number,
  threadId: number,
): Promise<'following' | 'muted' | 'none'> {
  const row = await db
    .selectFrom('thread_follows')
    .select('level')
    .where('user_id', '=', userId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return row?.level ?? 'none';
}

/** A user's saved switches for one kind (no row: the defaults); undefined when the user does not exist. */
export async function findEmailSetting(db: Handle, userId: number, type: string) {
  return db
    .selectFrom('users')
    .leftJoin('notification_settings', (join) =>
      join.onRef('notification_settings.user_id', '=', 'users.id').on('notification_settings.type', '=', type),
    )
    .select(['notification_settings.email', 'notification_settings.in_app'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** A forum's title and the user's schedule for it; undefined when either does not exist. */
export function findDigestSetting(db: Handle, userId: number, forumId: number, lang: Lang) {
  return db
    .selectFrom('forums')
    .innerJoin('users', (join) => join.on('users.id', '=', userId))
    .leftJoin('forum_texts', (join) =>
      join.onRef('forum_texts.forum_id', '=', 'forums.id').on('forum_texts.lang', '=', lang),
    )
    .leftJoin('digest_settings', (join) =>
      join.onRef('digest_settings.forum_id', '=', 'forums.id').onRef('digest_settings.user_id', '=', 'users.id'),
    )
    .select(['forums.slug', 'forum_texts.title', 'digest_settings.schedule'])
    .where('forums.id', '=', forumId)
    .executeTakeFirst();
}

/** No more activity email from a forum, including what was waiting for a batch or digest. */
export async function stopForumEmail(
  trx: Transaction<DB>,
  userId: number,
  forumId: number,
  defaults: { hour: number; weekday: number },
): Promise<void> {
  await trx
    .insertInto('digest_settings')
    .values({ user_id: userId, forum_id: forumId, schedule: 'off', hour: defaults.hour, weekday: defaults.weekday })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'forum_id'])
        .doUpdateSet({ schedule: 'off', next_digest_at: null, updated_at: sql`now()` }),
    )
    .execute();
  await trx
    .updateTable('notifications')
    .set({ email_status: 'none' })
    .where('user_id', '=', userId)
    .where('forum_id', '=', forumId)
    .where('email_status', '=', 'pending')
    .execute();
}
