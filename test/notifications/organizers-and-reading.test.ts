// Organizers' notifications (reports, translations past the target), the reading languages in
// email, prompts that ask for one's own answer first, and reading a thread marking its
// notifications read with the count pushed live.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { announceOverdueTranslations, queueDueBatches } from '../../server/notifications/notification-jobs.ts';
import { BATCH_WINDOW_MS } from '../../server/notifications/notify.ts';
import { renderOutboxRow } from '../../server/mail/outbox-render.ts';
import { connectLive } from '../helpers/live-client.ts';
import { importFixture, LIVE, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { clearNotifications, notified, person } from './helpers.ts';

let t: TestApp;
let baseUrl: string;
let ana: Member;
let ben: Member;
let cara: Member;
let dan: Member;
let elise: Member;
let organizer: Member;
let colleague: Member;
let translator: Member;

const PUBLIC_URL = 'https://forum.example.org';
const afterWindow = () => new Date(Date.now() + BATCH_WINDOW_MS + 1000);

beforeAll(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL });
  await importFixture(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  ana = await person(t, 'participant', { lang: 'es', name: 'Ana Paz' });
  ben = await person(t, 'participant', { lang: 'en', name: 'Ben Hale' });
  cara = await person(t, 'participant', { lang: 'en', name: 'Cara Roy' });
  dan = await person(t, 'participant', { lang: 'en', name: 'Dan Wu' });
  elise = await person(t, 'participant', { lang: 'fr', reads: ['fr', 'en'], name: 'Élise Caron' });
  organizer = await person(t, 'organizer', { lang: 'fr', name: 'Olga Ruiz' });
  colleague = await person(t, 'organizer', { lang: 'en', name: 'Omar Vidal' });
  translator = await person(t, 'translator', { lang: 'en', reads: ['en', 'es', 'fr'], name: 'Tom Lee' });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await clearNotifications(t);
});

async function render(template: string, userId: number) {
  const row = await t.db
    .selectFrom('outbox')
    .selectAll()
    .where('template', '=', template)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return renderOutboxRow(t.db, row, await t.app.notifications.renderContext());
}

async function emailOn(member: Member, type: string) {
  await t
    .put('/api/notification-preferences')
    .set('Cookie', member.cookie)
    .send({ types: [{ type, inApp: true, email: true }] })
    .expect(200);
}

/** Publishes a translation through the queue; the fixture's policy only asks es→en, so a task toward French is added by hand. */
async function publish(postId: number, lang: 'en' | 'fr', bodyMd: string) {
  const policyTask = await t.db
    .selectFrom('translation_tasks')
    .selectAll()
    .where('item_type', '=', 'post')
    .where('item_id', '=', postId)
    .where('target_lang', '=', 'en')
    .executeTakeFirstOrThrow();
  const task =
    lang === 'en'
      ? policyTask
      : await t.db
          .insertInto('translation_tasks')
          .values({
            forum_id: policyTask.forum_id,
            week_id: policyTask.week_id,
            item_type: 'post',
            item_id: postId,
            source_lang: 'es',
            target_lang: 'fr',
            source_revision: policyTask.source_revision,
            due_at: policyTask.due_at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
  await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
  await t
    .post(`/api/translation-tasks/${task.id}/publish`)
    .set('Cookie', translator.cookie)
    .send({ bodyMd })
    .expect(200);
}

/** Every batch email due after the window, rendered, by recipient. */
async function batches() {
  await queueDueBatches(t.db, afterWindow());
  const rows = await t.db.selectFrom('outbox').selectAll().where('template', '=', 'notifications_batch').execute();
  const context = await t.app.notifications.renderContext();
  return new Map(
    await Promise.all(rows.map(async (row) => [row.user_id, await renderOutboxRow(t.db, row, context)] as const)),
  );
}

describe('organizers', () => {
  it('hear of each report filed by a member, in the app, and by email in their language when they ask', async () => {
    await emailOn(organizer, 'report.filed');
    const { threadId } = await startThread(t, ana, 2, { lang: 'es', bodyMd: 'Texto original.' });
    const post = await reply(t, cara, threadId, { lang: 'en', bodyMd: 'Something rude.' });
    await clearNotifications(t);
    const filed = await t
      .post(`/api/posts/${post.id}/reports`)
      .set('Cookie', ben.cookie)
      .send({ reason: 'Insults <b>Ana</b>' })
      .expect(201);
    expect(await notified(t, organizer, colleague, ana, ben, cara)).toEqual([
      [`report.filed:${post.id}`],
      [`report.filed:${post.id}`],
      [],
      [],
      [],
    ]);
    // The same reporter again changes nothing; another member's report is news again.
    await t.post(`/api/posts/${post.id}/reports`).set('Cookie', ben.cookie).send({ reason: 'Again' }).expect(409);
    await t.post(`/api/posts/${post.id}/reports`).set('Cookie', dan.cookie).send({ reason: 'Off topic' }).expect(201);
    expect((await notified(t, colleague))[0]).toHaveLength(2);

    const list = (await t.get('/api/notifications').set('Cookie', colleague.cookie).expect(200)).body;
    expect(list.groups[0]).toMatchObject({
      type: 'report.filed',
      actors: ['Dan Wu'],
      href: `/forums/${LIVE}/threads/${threadId}#post-${post.id}`,
    });
    // Email only where asked: Olga (French) gets two messages, Omar none.
    expect(await t.db.selectFrom('outbox').select('user_id').where('template', '=', 'report_filed').execute()).toEqual([
      { user_id: organizer.id },
      { user_id: organizer.id },
    ]);
    const row = await t.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'report_filed')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const mail = await renderOutboxRow(t.db, row, await t.app.notifications.renderContext());
    expect(mail.subject).toMatch(/^Un message a été signalé dans /);
    expect(mail.text).toContain('Ben Hale a signalé un message');
    expect(mail.text).toContain('> Insults <b>Ana</b>');
    expect(mail.html).toContain('Insults &#x3C;b>Ana&#x3C;/b>');
    expect(mail.html).not.toContain('<b>Ana</b>');
    expect(mail.text).toContain(`${PUBLIC_URL}/forums/${LIVE}/threads/${threadId}#post-${post.id}`);
    expect(filed.body.id).toBeGreaterThan(0);
  });

  it('hear once, grouped per forum, of translation tasks past the target, whichever instance ticks', async () => {
    await emailOn(colleague, 'translation.overdue');
    const { threadId } = await startThread(t, ben, 2);
    const first = await reply(t, ana, threadId, { lang: 'es', bodyMd: 'Primera.' });
    const second = await reply(t, ana, threadId, { lang: 'es', bodyMd: 'Segunda.' });
    const now = new Date();
    const late = await t.db
      .updateTable('translation_tasks')
      .set({ due_at: new Date(now.getTime() - 60_000) })
      .where('item_type', '=', 'post')
      .where('item_id', 'in', [first.id, second.id])
      .returning(['id', 'target_lang'])
      .execute();
    expect(late.length).toBeGreaterThan(0);

    const [a, b] = await Promise.all([announceOverdueTranslations(t.db, now), announceOverdueTranslations(t.db, now)]);
    expect(a + b).toBe(1);
    expect(await announceOverdueTranslations(t.db, new Date(now.getTime() + 60_000))).toBe(0);
    const rows = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'payload'])
      .where('type', '=', 'translation.overdue')
      .orderBy('user_id')
      .execute();
    expect(rows.map((row) => row.user_id)).toEqual([organizer.id, colleague.id].sort((x, y) => x - y));
    expect(rows[0]!.payload.count).toBe(late.length);

    const list = (await t.get('/api/notifications').set('Cookie', organizer.cookie).expect(200)).body;
    expect(list.groups[0]).toMatchObject({
      type: 'translation.overdue',
      href: `/forums/${LIVE}/translation-dashboard`,
    });
    const mail = await render('translation_overdue', colleague.id);
    expect(mail.text).toContain(`* Spanish to English: ${late.filter((task) => task.target_lang === 'en').length}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/forums/${LIVE}/translation-dashboard`);
    expect(
      await t.db.selectFrom('outbox').select('user_id').where('template', '=', 'translation_overdue').execute(),
    ).toEqual([{ user_id: colleague.id }]);
  });
});

describe('email by the reading languages', () => {
  it('gives a French-interface reader who also reads English the English translation of a Spanish post', async () => {
    const { threadId } = await startThread(t, elise, 2, { lang: 'fr', title: 'Les caisses', bodyMd: 'Qui prête ?' });
    const spanish = await reply(t, ana, threadId, { lang: 'es', bodyMd: 'Las cajas rurales prestan.' });
    await publish(spanish.id, 'en', 'Rural savings banks lend.');
    const mail = (await batches()).get(elise.id)!;
    expect(mail.subject).toMatch(/^1 nouveauté pour vous/);
    expect(mail.text).toContain('> Rural savings banks lend.');
    expect(mail.text).toContain('Traduit par Tom Lee (original en espagnol)');
    expect(mail.html).toContain('<blockquote lang="en"><p>Rural savings banks lend.</p></blockquote>');
    expect(mail.text).not.toContain('cajas');
  });

  it('prefers a translation into the interface language when both exist', async () => {
    const { threadId } = await startThread(t, elise, 2, {
      lang: 'fr',
      title: 'Les banques',
      bodyMd: 'Et les banques ?',
    });
    const spanish = await reply(t, ana, threadId, { lang: 'es', bodyMd: 'La banca ética presta.' });
    await publish(spanish.id, 'en', 'Ethical banks lend.');
    await publish(spanish.id, 'fr', 'Les banques éthiques prêtent.');
    const mail = (await batches()).get(elise.id)!;
    expect(mail.html).toContain('<blockquote lang="fr"><p>Les banques éthiques prêtent.</p></blockquote>');
    expect(mail.text).not.toContain('Ethical banks lend.');
  });
});

describe('prompts that ask for one’s own answer first', () => {
  it('mails a reader who has not answered that there is an answer, without its text', async () => {
    const { threadId } = await startThread(t, colleague, 2, {
      kind: 'prompt',
      requiresOwnAnswer: true,
      title: 'Your region',
      bodyMd: 'Name one policy.',
    });
    await reply(t, ben, threadId, { lang: 'en', bodyMd: 'Ontario procurement rules.' });
    await t.put(`/api/threads/${threadId}/follow`).set('Cookie', dan.cookie).send({ level: 'following' }).expect(200);
    await clearNotifications(t);
    await emailOn(ben, 'thread.posted');
    const answer = await reply(t, cara, threadId, {
      lang: 'en',
      bodyMd: 'Quebec’s social economy act — as @Dan Wu and @Ana Paz know.',
    });
    expect(await notified(t, ana, dan, ben, colleague)).toEqual([
      [`post.mentioned:${answer.id}`],
      [`post.mentioned:${answer.id}`],
      [`thread.posted:${answer.id}`],
      [`post.replied:${answer.id}`],
    ]);
    const mails = await batches();
    for (const reader of [ana, dan]) {
      const mail = mails.get(reader.id)!;
      expect(mail.text).not.toContain('social economy act');
      expect(mail.html).not.toContain('social economy act');
    }
    expect(mails.get(dan.id)!.text).toContain(
      'A new answer to a prompt that asks for your own answer first. Post yours to read it.',
    );
    expect(mails.get(ana.id)!.text).toContain(
      'Una nueva respuesta a una consigna que pide primero su propia respuesta.',
    );
    // Who has answered, and organizers, read it quoted.
    expect(mails.get(ben.id)!.text).toContain('> Quebec’s social economy act');
    expect(mails.get(colleague.id)!.text).toContain('> Quebec’s social economy act');
  });
});

describe('reading a thread', () => {
  it('marks its notifications read up to the position, and pushes the new count live', async () => {
    const { threadId } = await startThread(t, ana, 2);
    const other = await startThread(t, ana, 2);
    const first = await reply(t, ben, threadId, { lang: 'en', bodyMd: 'One.' });
    const second = await reply(t, cara, threadId, { lang: 'en', bodyMd: 'Two.' });
    await reply(t, ben, other.threadId, { lang: 'en', bodyMd: 'Elsewhere.' });
    const live = await connectLive(baseUrl, ana.cookie);
    try {
      await t
        .put(`/api/threads/${threadId}/read`)
        .set('Cookie', ana.cookie)
        .send({ lastReadPostId: first.id })
        .expect(204);
      expect(await live.waitFor((m) => m.type === 'notifications' && m.unread === 2)).toEqual({
        type: 'notifications',
        unread: 2,
      });
      // A post of another thread is refused and marks nothing.
      await t
        .put(`/api/threads/${threadId}/read`)
        .set('Cookie', ana.cookie)
        .send({ lastReadPostId: other.firstPostId })
        .expect(404);
      expect((await t.get('/api/notifications/unread').set('Cookie', ana.cookie).expect(200)).body).toEqual({
        unread: 2,
      });
      await t
        .put(`/api/threads/${threadId}/read`)
        .set('Cookie', ana.cookie)
        .send({ lastReadPostId: second.id })
        .expect(204);
      expect(await live.waitFor((m) => m.type === 'notifications' && m.unread === 1)).toEqual({
        type: 'notifications',
        unread: 1,
      });
    } finally {
      await live.close();
    }
    const rows = await t.db
      .selectFrom('notifications')
      .select(['post_id', 'read_at'])
      .where('user_id', '=', ana.id)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => [row.post_id, row.read_at !== null])).toEqual([
      [first.id, true],
      [second.id, true],
      [expect.any(Number), false],
    ]);
    // What was read in the thread is not mailed afterwards.
    expect((await batches()).get(ana.id)?.text ?? '').not.toContain('Two.');
  });
});
