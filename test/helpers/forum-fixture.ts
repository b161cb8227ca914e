// A test file's forum: the fixture programme imported (its live edition has week 2 open
// today), with a participant, a second participant, an organizer and an outsider signed in.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { importContent } from '../../server/content/import.service.ts';
import type { Lang } from '../../server/db/schema.ts';
import { createUser, signIn, type TestApp, type TestUser } from './test-app.ts';

export const fixtureContent = path.resolve(import.meta.dirname, '../fixtures/content');
export const LIVE = 'fixture-live';

export interface Member extends TestUser {
  cookie: string;
}

export async function member(
  t: TestApp,
  role: 'participant' | 'organizer' | 'key_respondent' | null,
  lang: Lang = 'en',
): Promise<Member> {
  const user = await createUser(t.db, { interfaceLang: lang, roles: role ? [{ forumSlug: LIVE, role }] : [] });
  return { ...user, cookie: await signIn(t, user) };
}

export async function importFixture(t: TestApp): Promise<void> {
  await importContent(t.db, fixtureContent);
}

export function newKey(): string {
  return randomUUID();
}

/** Starts a thread in a week of the live edition through the API; returns its id and first post id. */
export async function startThread(t: TestApp, author: Member, week = 2, extra: Record<string, unknown> = {}) {
  const response = await t
    .post(`/api/forums/${LIVE}/weeks/${week}/threads`)
    .set('Cookie', author.cookie)
    .send({
      title: 'Finance for cooperatives',
      bodyMd: 'How did **your** region fund them?',
      lang: 'en',
      idempotencyKey: newKey(),
      ...extra,
    })
    .expect(201);
  return {
    threadId: response.body.thread.id as number,
    firstPostId: response.body.post.id as number,
    body: response.body,
  };
}

export async function reply(t: TestApp, author: Member, threadId: number, extra: Record<string, unknown> = {}) {
  const response = await t
    .post(`/api/threads/${threadId}/posts`)
    .set('Cookie', author.cookie)
    .send({ bodyMd: 'Una respuesta', lang: 'es', idempotencyKey: newKey(), ...extra })
    .expect(201);
  return response.body.post as { id: number; displayDepth: number; inReplyTo: unknown };
}
