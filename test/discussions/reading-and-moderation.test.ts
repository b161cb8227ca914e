// Revisions, hiding, reports, drafts, unread counts and prompts that ask for one's own answer first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let ana: Member;
let ben: Member;
let organizer: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [ana, ben, organizer] = [
    await member(t, 'participant', 'es'),
    await member(t, 'participant'),
    await member(t, 'organizer'),
  ];
});
afterAll(async () => {
  await t?.close();
});

describe('edits and revisions', () => {
  it('keeps every revision, visible to any reader, and refuses a stale edit', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, ana, threadId, { bodyMd: 'Primera versión' });
    const edited = await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'Segunda *versión*', lang: 'es', baseRevision: 1 })
      .expect(200);
    expect(edited.body.post).toMatchObject({
      revision: 2,
      html: '<p>Segunda <em>versión</em></p>',
      markdown: 'Segunda *versión*',
    });
    expect(edited.body.post.editedAt).not.toBeNull();

    const stale = await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'Tercera', lang: 'es', baseRevision: 1 })
      .expect(409);
    expect(stale.body.error.code).toBe('edit_conflict');

    const revisions = (await t.get(`/api/posts/${post.id}/revisions`).set('Cookie', ben.cookie).expect(200)).body
      .revisions;
    expect(revisions.map((r: { revision: number; html: string }) => [r.revision, r.html])).toEqual([
      [2, '<p>Segunda <em>versión</em></p>'],
      [1, '<p>Primera versión</p>'],
    ]);
  });

  it('lets only the author edit', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, ana, threadId);
    await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', ben.cookie)
      .send({ bodyMd: 'x', lang: 'en', baseRevision: 1 })
      .expect(403);
    await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', organizer.cookie)
      .send({ bodyMd: 'x', lang: 'en', baseRevision: 1 })
      .expect(403);
  });
});

describe('hiding', () => {
  it('keeps a hidden post in the tree, its text shown to organizers only, and restores it on unhide', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, ana, threadId, { bodyMd: 'Texto polémico' });
    await t.post(`/api/posts/${post.id}/hide`).set('Cookie', ben.cookie).send({ reason: 'no' }).expect(403);
    await t
      .post(`/api/posts/${post.id}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Off topic' })
      .expect(204);

    const seenByBen = (await t.get(`/api/threads/${threadId}`).set('Cookie', ben.cookie).expect(200)).body.posts[1];
    expect(seenByBen).toMatchObject({ id: post.id, html: null, markdown: null, hidden: { reason: null } });
    const seenByAuthor = (await t.get(`/api/threads/${threadId}`).set('Cookie', ana.cookie).expect(200)).body.posts[1];
    expect(seenByAuthor).toMatchObject({ html: null, hidden: { reason: 'Off topic' } });
    const seenByOrganizer = (await t.get(`/api/threads/${threadId}`).set('Cookie', organizer.cookie).expect(200)).body
      .posts[1];
    expect(seenByOrganizer).toMatchObject({ html: '<p>Texto polémico</p>', hidden: { reason: 'Off topic' } });
    await t.get(`/api/posts/${post.id}/revisions`).set('Cookie', ben.cookie).expect(403);

    await t.post(`/api/posts/${post.id}/unhide`).set('Cookie', organizer.cookie).expect(204);
    const restored = (await t.get(`/api/threads/${threadId}`).set('Cookie', ben.cookie).expect(200)).body.posts[1];
    expect(restored).toMatchObject({ html: '<p>Texto polémico</p>', hidden: null });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('target_id', '=', post.id)
      .where('target_type', '=', 'post')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'hide', reason: 'Off topic' },
      { action: 'unhide', reason: null },
    ]);
  });
});

describe('reports', () => {
  it('lets a member report a post once; organizers see and resolve it; others may not', async () => {
    const { threadId } = await startThread(t, organizer);
    const post = await reply(t, ana, threadId);
    const filed = await t
      .post(`/api/posts/${post.id}/reports`)
      .set('Cookie', ben.cookie)
      .send({ reason: 'Personal attack' })
      .expect(201);
    const again = await t
      .post(`/api/posts/${post.id}/reports`)
      .set('Cookie', ben.cookie)
      .set('Accept-Language', 'es')
      .send({ reason: 'again' })
      .expect(409);
    expect(again.body.error.message).toBe('Ya denunció esta publicación; el equipo organizador la revisará.');

    await t.get(`/api/forums/${LIVE}/reports`).set('Cookie', ben.cookie).expect(403);
    const open = (await t.get(`/api/forums/${LIVE}/reports`).set('Cookie', organizer.cookie).expect(200)).body.reports;
    expect(open).toEqual([
      expect.objectContaining({
        id: filed.body.id,
        reason: 'Personal attack',
        post: expect.objectContaining({ id: post.id, threadId, hidden: false }),
      }),
    ]);

    await t.post(`/api/reports/${filed.body.id}/resolve`).set('Cookie', ana.cookie).expect(403);
    await t.post(`/api/reports/${filed.body.id}/resolve`).set('Cookie', organizer.cookie).expect(204);
    expect(
      (await t.get(`/api/forums/${LIVE}/reports`).set('Cookie', organizer.cookie).expect(200)).body.reports,
    ).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_type', '=', 'report').execute();
    expect(audit).toEqual([{ action: 'resolve_report' }]);
  });
});

describe('drafts', () => {
  it('saves, restores on another session and deletes a draft when its post is published', async () => {
    const { threadId } = await startThread(t, organizer);
    const key = `reply:thread:${threadId}`;
    await t
      .put(`/api/drafts/${key}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'Borrador largo…', lang: 'es' })
      .expect(200);
    const otherDevice = await member(t, null);
    expect((await t.get(`/api/drafts/${key}`).set('Cookie', otherDevice.cookie).expect(200)).body).toEqual({
      draft: null,
    });
    const signedInAgain = await signIn(t, ana);
    const restored = (await t.get(`/api/drafts/${key}`).set('Cookie', signedInAgain).expect(200)).body.draft;
    expect(restored).toMatchObject({ key, bodyMd: 'Borrador largo…', lang: 'es', title: '' });

    await reply(t, ana, threadId, { bodyMd: 'Borrador largo…', draftKey: key });
    expect((await t.get(`/api/drafts/${key}`).set('Cookie', ana.cookie).expect(200)).body).toEqual({ draft: null });
  });

  it('refuses malformed keys and visitors', async () => {
    await t.get('/api/drafts/anything').set('Cookie', ana.cookie).expect(400);
    await t.get('/api/drafts/reply:thread:1').expect(401);
  });
});

describe('unread counts', () => {
  it('counts others’ visible posts after the reader’s position, per thread and week, and marks a week read', async () => {
    const { threadId, firstPostId } = await startThread(t, organizer, 1);
    await reply(t, ben, threadId);
    const hidden = await reply(t, ben, threadId);
    await reply(t, ana, threadId);
    await t.post(`/api/posts/${hidden.id}/hide`).set('Cookie', organizer.cookie).send({ reason: 'dup' }).expect(204);

    const list = (await t.get(`/api/forums/${LIVE}/weeks/1/threads`).set('Cookie', ana.cookie).expect(200)).body;
    const thread = list.threads.find((th: { id: number }) => th.id === threadId);
    // The organizer's first post and ben's visible reply; not ana's own, not the hidden one.
    expect(thread.unreadCount).toBe(2);
    expect(list.unreadCount).toBe(2);

    await t
      .put(`/api/threads/${threadId}/read`)
      .set('Cookie', ana.cookie)
      .send({ lastReadPostId: firstPostId })
      .expect(204);
    expect(
      (await t.get(`/api/forums/${LIVE}/weeks/1/threads`).set('Cookie', ana.cookie).expect(200)).body.unreadCount,
    ).toBe(1);

    await t.post(`/api/forums/${LIVE}/weeks/1/read`).set('Cookie', ana.cookie).expect(204);
    expect(
      (await t.get(`/api/forums/${LIVE}/weeks/1/threads`).set('Cookie', ana.cookie).expect(200)).body.unreadCount,
    ).toBe(0);
    // Visitors of a running forum may not list threads; members see no unread count when signed out.
    await t.get(`/api/forums/${LIVE}/weeks/1/threads`).expect(401);
  });
});

describe('prompts that ask for an answer first', () => {
  it('shows a participant only the prompt until they have answered, organizers everything', async () => {
    const { threadId } = await startThread(t, organizer, 2, {
      kind: 'prompt',
      requiresOwnAnswer: true,
      title: 'Your region',
      bodyMd: 'Describe one policy that helped.',
    });
    await reply(t, ben, threadId, { bodyMd: 'Procurement rules in Montréal' });
    const before = (await t.get(`/api/threads/${threadId}`).set('Cookie', ana.cookie).expect(200)).body;
    expect(before.mustAnswerFirst).toBe(true);
    expect(before.posts).toHaveLength(1);
    await reply(t, ana, threadId, { bodyMd: 'La ley de economía social' });
    const after = (await t.get(`/api/threads/${threadId}`).set('Cookie', ana.cookie).expect(200)).body;
    expect(after.mustAnswerFirst).toBe(false);
    expect(after.posts).toHaveLength(3);
    expect(
      (await t.get(`/api/threads/${threadId}`).set('Cookie', organizer.cookie).expect(200)).body.posts,
    ).toHaveLength(3);
  });

  it('keeps others’ answers out of their revision history too, until the reader has answered', async () => {
    const { threadId, firstPostId } = await startThread(t, organizer, 2, {
      kind: 'prompt',
      requiresOwnAnswer: true,
      title: 'Your city',
      bodyMd: 'Name one programme.',
    });
    const bens = await reply(t, ben, threadId, { bodyMd: 'Montréal’s social economy fund' });
    await t
      .patch(`/api/posts/${bens.id}`)
      .set('Cookie', ben.cookie)
      .send({ bodyMd: 'Montréal’s fund, second thoughts', lang: 'en', baseRevision: 1 })
      .expect(200);

    const refused = await t.get(`/api/posts/${bens.id}/revisions`).set('Cookie', ana.cookie).expect(403);
    expect(refused.body.error).toEqual({
      code: 'answer_first',
      message:
        'Esta consigna le pide primero su propia respuesta: las de los demás aparecerán cuando haya publicado la suya.',
    });
    expect(JSON.stringify(refused.body)).not.toContain('Montréal');
    // The prompt itself, the author's own answer and the organizers' view stay open.
    await t.get(`/api/posts/${firstPostId}/revisions`).set('Cookie', ana.cookie).expect(200);
    expect(
      (await t.get(`/api/posts/${bens.id}/revisions`).set('Cookie', ben.cookie).expect(200)).body.revisions,
    ).toHaveLength(2);
    expect(
      (await t.get(`/api/posts/${bens.id}/revisions`).set('Cookie', organizer.cookie).expect(200)).body.revisions,
    ).toHaveLength(2);

    await reply(t, ana, threadId, { bodyMd: 'El fondo de Quito' });
    const revisions = (await t.get(`/api/posts/${bens.id}/revisions`).set('Cookie', ana.cookie).expect(200)).body
      .revisions;
    expect(revisions.map((r: { html: string }) => r.html)).toEqual([
      '<p>Montréal’s fund, second thoughts</p>',
      '<p>Montréal’s social economy fund</p>',
    ]);
  });
});
