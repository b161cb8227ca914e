// The SQL of an account's erasure that the personal-data map cannot express as "delete the rows":
// emptying the account and its applications, releasing claims, and removing an author's words
// while their posts keep their place in the thread.
import { sql, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

type Trx = Transaction<DB>;

/** The account, locked for the erasure: a second request waits here and then finds it erased. */
export function lockAccount(trx: Trx, userId: number) {
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'password_hash', 'is_admin', 'erased_at', 'interface_lang'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

/** The forums the person organizes, locked, each with how many other active organizers it has. */
export async function organizedForums(trx: Trx, userId: number, lang: Lang) {
  const forums = await trx
    .selectFrom('memberships as m')
    .innerJoin('forums as f', 'f.id', 'm.forum_id')
    .leftJoin('forum_texts as ft', (join) => join.onRef('ft.forum_id', '=', 'f.id').on('ft.lang', '=', lang))
    .select(['f.id', 'f.slug', 'ft.title'])
    .where('m.user_id', '=', userId)
    .where('m.role', '=', 'organizer')
    .orderBy('f.id')
    .forUpdate('f')
    .execute();
  if (forums.length === 0) return [];
  const others = await trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.forum_id', sql<number>`count(*)::int`.as('n')])
    .where(
      'm.forum_id',
      'in',
      forums.map((f) => f.id),
    )
    .where('m.role', '=', 'organizer')
    .where('m.user_id', '<>', userId)
    .where('u.erased_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('forum_suspensions as s')
            .select('s.user_id')
            .whereRef('s.forum_id', '=', 'm.forum_id')
            .whereRef('s.user_id', '=', 'm.user_id'),
        ),
      ),
    )
    .groupBy('m.forum_id')
    .execute();
  const count = new Map(others.map((row) => [row.forum_id, row.n]));
  return forums.map((forum) => ({ ...forum, otherOrganizers: count.get(forum.id) ?? 0 }));
}

/** Every forum the person belongs to or is suspended from: where the erasure is audited. */
export async function forumsOf(trx: Trx, userId: number): Promise<number[]> {
  const rows = await sql<{ forum_id: number }>`
    SELECT forum_id FROM memberships WHERE user_id = ${userId}
    UNION SELECT forum_id FROM forum_suspensions WHERE user_id = ${userId}
    UNION SELECT forum_id FROM applications WHERE user_id = ${userId}
    ORDER BY forum_id`.execute(trx);
  return rows.rows.map((row) => row.forum_id);
}

/** Whether `actorId` organizes a forum where `userId` is a member, applicant or suspended. */
export async function organizesForumOf(trx: Trx, actorId: number, userId: number): Promise<boolean> {
  const row = await sql<{ ok: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM memberships o
      WHERE o.user_id = ${actorId} AND o.role = 'organizer' AND o.forum_id IN (
        SELECT forum_id FROM memberships WHERE user_id = ${userId}
        UNION SELECT forum_id FROM forum_suspensions WHERE user_id = ${userId}
        UNION SELECT forum_id FROM applications WHERE user_id = ${userId})
    ) AS ok`.execute(trx);
  return row.rows[0]?.ok === true;
}

/** Replaces the author's words by nothing, keeping each post's place; returns the posts concerned. */
export async function removePostsOf(trx: Trx, userId: number, now: Date): Promise<number[]> {
  const rows = await trx
    .updateTable('posts')
    .set({ body_md: '', body_html: '', word_count: 0, removed_at: now })
    .where('author_id', '=', userId)
    .returning('id')
    .execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return ids;
  await trx.deleteFrom('post_revisions').where('post_id', 'in', ids).execute();
  await trx.deleteFrom('translations').where('item_type', '=', 'post').where('item_id', 'in', ids).execute();
  await trx
    .updateTable('translation_tasks')
    .set({ status: 'withdrawn', draft_md: null, claimed_by: null, claim_expires_at: null, closed_at: now })
    .where('item_type', '=', 'post')
    .where('item_id', 'in', ids)
    .where('status', 'in', ['open', 'claimed', 'in_review'])
    .execute();
  return ids;
}

/** Threads the author started lose their title too, and its translations, when their words go. */
export async function retitleThreadsOf(trx: Trx, userId: number, titleIn: (lang: Lang) => string, now: Date) {
  const threads = await trx
    .selectFrom('threads')
    .select(['id', 'original_lang'])
    .where('author_id', '=', userId)
    .where('kind', '=', 'discussion')
    .execute();
  for (const thread of threads) {
    await trx
      .updateTable('threads')
      .set({ title: titleIn(thread.original_lang) })
      .where('id', '=', thread.id)
      .execute();
  }
  const ids = threads.map((thread) => thread.id);
  if (ids.length === 0) return;
  await trx.deleteFrom('translations').where('item_type', '=', 'thread_title').where('item_id', 'in', ids).execute();
  await trx
    .updateTable('translation_tasks')
    .set({ status: 'withdrawn', draft_md: null, claimed_by: null, claim_expires_at: null, closed_at: now })
    .where('item_type', '=', 'thread_title')
    .where('item_id', 'in', ids)
    .where('status', 'in', ['open', 'claimed', 'in_review'])
    .execute();
}

/** Tasks the person held go back to the queue, without their unpublished draft. */
export async function releaseClaimsOf(trx: Trx, userId: number) {
  await trx
    .updateTable('translation_tasks')
    .set({ status: 'open', claimed_by: null, claim_expires_at: null, draft_md: null, draft_updated_at: null })
    .where('claimed_by', '=', userId)
    .where('status', '=', 'claimed')
    .execute();
  await trx.updateTable('translation_tasks').set({ claimed_by: null }).where('claimed_by', '=', userId).execute();
}

/** The application stays counted in the cohort's history, with nothing the person wrote in it. */
export async function emptyApplicationsOf(trx: Trx, userId: number) {
  await trx
    .updateTable('applications')
    .set({
      description: '',
      statement: '',
      organisation: '',
      research_experience: '',
      ground_experience: '',
      policy_experience: '',
      heard_from: '',
      country: '',
    })
    .where('user_id', '=', userId)
    .execute();
}

export async function forgetInvitationEmail(trx: Trx, userId: number, email: string, erasedEmail: string) {
  await trx
    .updateTable('invitations')
    .set({ email: erasedEmail })
    .where((eb) => eb.or([eb('accepted_by', '=', userId), eb(sql`lower(email)`, '=', email.toLowerCase())]))
    .execute();
}

/** The account row, emptied: no email, name, password or profile; readers see a neutral name. */
export async function emptyAccount(
  trx: Trx,
  userId: number,
  values: { email: string; displayName: string; passwordHash: string },
  now: Date,
) {
  await trx
    .updateTable('users')
    .set({
      email: values.email,
      display_name: values.displayName,
      // The hash of a random secret nobody was told: no password verifies against it.
      password_hash: values.passwordHash,
      organisation: '',
      region: '',
      country: '',
      time_zone: 'UTC',
      is_admin: false,
      directory_hidden: [],
      email_verified_at: null,
      erased_at: now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/**
 * Live events replayed to sockets carry the post as it was sent: its author's name, and its text.
 * They name the person as the pages now do; with "remove", their texts go as a hidden post's do.
 */
export async function scrubEventsOf(trx: Trx, userId: number, neutralName: string, removeTexts: boolean) {
  const named = sql`jsonb_set(payload, '{post,author,displayName}', to_jsonb(${neutralName}::text))`;
  const payload = removeTexts
    ? sql`jsonb_set(jsonb_set(${named}, '{post,html}', 'null'::jsonb), '{post,markdown}', 'null'::jsonb)`
    : named;
  await sql`UPDATE events SET payload = ${payload}
    WHERE payload #>> '{post,author,id}' = ${String(userId)}`.execute(trx);
}
