// A member with something in as many personal-data tables as the API reaches: threads and replies
// (one edited), a draft, a report, preferences, a follow, a publication choice, an application,
// a translation of their post, a session — what an export must hold and an erasure must empty.
import { sql } from 'kysely';
import { LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import type { TestApp } from '../helpers/test-app.ts';

export interface Footprint {
  person: Member;
  other: Member;
  threadId: number;
  firstPostId: number;
  /** A reply by `other` under the person's first post, and the person's reply under it. */
  otherReplyId: number;
  ownReplyId: number;
  /** A reply by `other` under the person's reply: its place must survive the erasure. */
  deepReplyId: number;
}

export async function buildFootprint(t: TestApp, lang: 'en' | 'es' | 'fr' = 'es'): Promise<Footprint> {
  const person = await member(t, 'participant', lang);
  const other = await member(t, 'participant', 'en');
  const { threadId, firstPostId } = await startThread(t, person, 2, {
    title: 'Fondos rotatorios',
    bodyMd: 'Los *fondos rotatorios* de nuestra red.',
    lang: 'es',
  });
  const otherReply = await reply(t, other, threadId, { parentId: firstPostId, bodyMd: 'Thanks for this', lang: 'en' });
  const ownReply = await reply(t, person, threadId, { parentId: otherReply.id, bodyMd: 'Con gusto', lang: 'es' });
  const deepReply = await reply(t, other, threadId, { parentId: ownReply.id, bodyMd: 'A follow-up', lang: 'en' });
  await t
    .patch(`/api/posts/${ownReply.id}`)
    .set('Cookie', person.cookie)
    .send({ bodyMd: 'Con mucho gusto', lang: 'es', baseRevision: 1 })
    .expect(200);
  await t
    .put(`/api/drafts/reply:thread:${threadId}`)
    .set('Cookie', person.cookie)
    .send({ bodyMd: 'Un borrador a medias', lang: 'es' })
    .expect((r) => expect2xx(r.status));
  await t
    .post(`/api/posts/${otherReply.id}/reports`)
    .set('Cookie', person.cookie)
    .send({ reason: 'Fuera de tema' })
    .expect(201);
  await t
    .put('/api/notification-preferences')
    .set('Cookie', person.cookie)
    .send({ types: [{ type: 'post.replied', inApp: true, email: false }] })
    .expect((r) => expect2xx(r.status));
  await t
    .put(`/api/forums/${LIVE}/consent`)
    .set('Cookie', person.cookie)
    .send({ choice: 'anonymous' })
    .expect((r) => expect2xx(r.status));
  // A published English translation of the person's first post, by another member.
  const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
  await t.db
    .insertInto('translations')
    .values({
      forum_id: forumId,
      item_type: 'post',
      item_id: firstPostId,
      source_lang: 'es',
      target_lang: 'en',
      source_revision: 1,
      body_md: 'Our network’s *revolving funds*.',
      body_html: '<p>Our network’s <em>revolving funds</em>.</p>',
      translator_id: other.id,
      translator_role: 'translator',
    })
    .execute();
  // Mail still waiting for them, and the application they joined with.
  await sql`INSERT INTO outbox (to_email, lang, template, user_id) VALUES (${person.email}, 'es', 'password_changed', ${person.id})`.execute(
    t.db,
  );
  await sql`INSERT INTO applications (forum_id, user_id, kind, status, description, langs, lang, organisation)
    VALUES (${forumId}, ${person.id}, 'participant', 'accepted', 'Trabajo en una red de cooperativas', '{es}', 'es', 'Red Solidaria')`.execute(
    t.db,
  );
  return {
    person,
    other,
    threadId,
    firstPostId,
    otherReplyId: otherReply.id,
    ownReplyId: ownReply.id,
    deepReplyId: deepReply.id,
  };
}

function expect2xx(status: number) {
  if (status < 200 || status > 299) throw new Error(`expected a success, got ${status}`);
}

export { newKey };
