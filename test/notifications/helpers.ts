// Notification test helpers: people with chosen languages and names, and what each was notified of.
import type { Lang } from '../../server/db/schema.ts';
import { LIVE, type Member } from '../helpers/forum-fixture.ts';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';

let named = 0;

export async function person(
  t: TestApp,
  role: 'participant' | 'organizer' | 'translator' | 'key_respondent' | null,
  options: { lang?: Lang; reads?: Lang[]; name?: string } = {},
): Promise<Member> {
  named += 1;
  const lang = options.lang ?? 'en';
  const user = await createUser(t.db, {
    interfaceLang: lang,
    readingLangs: options.reads ?? [lang],
    name: options.name ?? `Person${named}x${process.pid}`,
    roles: role ? [{ forumSlug: LIVE, role }] : [],
  });
  return { ...user, cookie: await signIn(t, user) };
}

/** Each user's notifications as `type:postId` (or `type:week`), oldest first. */
export async function notified(t: TestApp, ...users: { id: number }[]): Promise<string[][]> {
  const rows = await t.db
    .selectFrom('notifications')
    .select(['user_id', 'type', 'post_id', 'week_id'])
    .orderBy('id')
    .execute();
  return users.map((user) =>
    rows.filter((row) => row.user_id === user.id).map((row) => `${row.type}:${row.post_id ?? `week${row.week_id}`}`),
  );
}

export async function clearNotifications(t: TestApp): Promise<void> {
  await t.db.deleteFrom('notifications').execute();
  await t.db.deleteFrom('outbox').execute();
}
