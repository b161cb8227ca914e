// Email end to end through a real SMTP server: batching, the reader's language and reading
// rule, signed one-click unsubscribe, retries and giving up, two workers, a crash after the
// server accepted a message, and the admins' outbox page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDue, LEASE_MS, type MailTransport } from '../../server/mail/mail-worker.ts';
import { announceWeekOpenings, queueDueBatches } from '../../server/notifications/notification-jobs.ts';
import { BATCH_WINDOW_MS } from '../../server/notifications/notify.ts';
import { queueEmail } from '../../server/mail/outbox.queries.ts';
import { importFixture, LIVE, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { atOnce, onPostgres } from '../helpers/test-database.ts';
import { clearNotifications, person } from './helpers.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let ana: Member;
let ben: Member;
let translator: Member;
let admin: Member;

const PUBLIC_URL = 'https://forum.example.org';

async function worker(now: Date, transport: MailTransport = sink.transport(), db = t.db) {
  const context = await t.app.notifications.renderContext();
  return deliverDue(db, { ...context, transport, from: 'Tertulia <forum@example.org>' }, now);
}

/** Posts are written at the real time; the batch is due a window later. */
const afterWindow = () => new Date(Date.now() + BATCH_WINDOW_MS + 1000);

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ publicUrl: PUBLIC_URL });
  await importFixture(t);
  ana = await person(t, 'participant', { lang: 'es', name: 'Ana Paz' });
  ben = await person(t, 'participant', { lang: 'en', name: 'Ben Hale' });
  translator = await person(t, 'translator', { lang: 'en', reads: ['en', 'es'], name: 'Tom Lee' });
  admin = await person(t, null, { name: 'Ada Admin' });
  await t.db.updateTable('users').set({ is_admin: true }).where('id', '=', admin.id).execute();
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});
beforeEach(async () => {
  await clearNotifications(t);
  sink.received.length = 0;
});

describe('batching and the message', () => {
  it('gathers a burst of replies into one email after a few minutes, in the reader’s language, by the reading rule', async () => {
    const { threadId } = await startThread(t, ben, 2, { title: 'Credit unions', bodyMd: 'Who lends to co-ops?' });
    const spanish = await reply(t, ana, threadId, { lang: 'es', bodyMd: 'Las **cajas** rurales prestan.' });
    await reply(t, ana, threadId, { lang: 'es', bodyMd: 'Y la banca ética también.' });
    const task = await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'post')
      .where('item_id', '=', spanish.id)
      .where('target_lang', '=', 'en')
      .executeTakeFirstOrThrow();
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Rural **savings banks** lend.' })
      .expect(200);

    expect(await queueDueBatches(t.db, new Date())).toBe(0);
    expect(await queueDueBatches(t.db, afterWindow())).toBe(1);
    expect(await queueDueBatches(t.db, afterWindow())).toBe(0);
    await worker(afterWindow());
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.to).toBe(ben.email);
    expect(mail.subject).toMatch(/^2 new items for you — /);
    // Translated where there is a translation, with its translator; the original marked pending otherwise.
    expect(mail.text).toContain('> Rural savings banks lend.');
    expect(mail.text).toContain('Translated by Tom Lee from Spanish');
    expect(mail.text).toContain('> Y la banca ética también.');
    expect(mail.text).toContain('Translation pending: this is the original, in Spanish.');
    expect(mail.text).not.toContain('cajas');
    // Plain text, not Markdown: headings underlined, emphasis without its asterisks.
    expect(mail.text).toMatch(/\nCredit unions\n-{13}\n/);
    expect(mail.text).not.toMatch(/\*\*|^#{1,6} |\]\(/m);
    expect(mail.html).toContain('<blockquote lang="en"><p>Rural <strong>savings banks</strong> lend.</p></blockquote>');
    expect(mail.html).toContain('<blockquote lang="es"><p>Y la banca ética también.</p></blockquote>');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.text).toContain(`${PUBLIC_URL}/forums/${LIVE}/threads/${threadId}#post-${spanish.id}`);
    expect(mail.messageId).toMatch(/^<outbox\.\d+\.[a-z0-9]+@forum\.example\.org>$/);
  });

  it('writes to a Spanish reader in Spanish, and does not email what was already read in the app', async () => {
    const { threadId, firstPostId } = await startThread(t, ana, 2, {
      lang: 'es',
      title: 'Fondos',
      bodyMd: '¿Quién presta?',
    });
    await reply(t, ben, threadId, {
      lang: 'en',
      bodyMd: 'Credit unions do: see [the guide](https://guide.example/coops) and **this**.',
      parentId: firstPostId,
    });
    await queueDueBatches(t.db, afterWindow());
    await worker(afterWindow());
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.subject).toMatch(/^1 novedad para usted — /);
    expect(sink.received[0]!.text).toContain('Ben Hale respondió a su mensaje');
    // A post quoted in the text part: its words and its links' addresses, not its Markdown.
    expect(sink.received[0]!.text).toContain(
      '> Credit unions do: see the guide (https://guide.example/coops) and this.',
    );
    expect(sink.received[0]!.html).toContain('<html lang="es">');

    sink.received.length = 0;
    await reply(t, ben, threadId, { lang: 'en', bodyMd: 'Seen already.', parentId: firstPostId });
    await t.post('/api/notifications/read-all').set('Cookie', ana.cookie).expect(200);
    expect(await queueDueBatches(t.db, afterWindow())).toBe(0);
    await worker(afterWindow());
    expect(sink.received).toHaveLength(0);
  });
});

describe('unsubscribe', () => {
  async function weekOpenedMail() {
    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.opens_at'])
      .where('forums.slug', '=', LIVE)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('week_openings_notified').execute();
    await announceWeekOpenings(t.db, new Date(week.opens_at.getTime() + 1000));
    await t.db.updateTable('outbox').set({ next_attempt_at: new Date() }).execute();
    await worker(new Date(Date.now() + 1000));
    return sink.received.find((mail) => mail.to === ana.email)!;
  }

  it('carries RFC 8058 headers whose signed link turns that kind of email off without signing in, once', async () => {
    const mail = await weekOpenedMail();
    expect(mail.subject).toMatch(/^Ya está abierta la semana 2 de /);
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/forum\.example\.org\/api\/unsubscribe\/([^>]+))>$/.exec(
      mail.header('List-Unsubscribe') ?? '',
    );
    expect(link).not.toBeNull();
    const token = link![2]!;
    expect(mail.text).toContain(`${PUBLIC_URL}/unsubscribe/${token}`);

    // Looking changes nothing; a tampered token is refused in the caller's language.
    expect((await t.get(`/api/unsubscribe/${token}`).expect(200)).body).toEqual({
      scope: 'type',
      type: 'week.opened',
      forumTitle: null,
      unsubscribed: false,
    });
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const refused = await t
      .post(`/api/unsubscribe/${tampered}`)
      .set('Accept-Language', 'fr')
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(400);
    expect(refused.body.error).toMatchObject({
      code: 'unsubscribe_link_invalid',
      message: expect.stringMatching(/^Ce lien/),
    });
    const otherUser = Buffer.from(`${ben.id}|type:week.opened`).toString('base64url') + '.' + token.split('.')[1];
    await t.post(`/api/unsubscribe/${otherUser}`).type('form').send('List-Unsubscribe=One-Click').expect(400);

    // The mail provider's one-click POST: no cookie, no Origin.
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ unsubscribed: true });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/unsubscribe/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(again.json()).toMatchObject({ unsubscribed: true });

    const prefs = (await t.get('/api/notification-preferences').set('Cookie', ana.cookie).expect(200)).body;
    expect(prefs.types.find((p: { type: string }) => p.type === 'week.opened')).toMatchObject({
      inApp: true,
      email: false,
    });
    sink.received.length = 0;
    expect(await weekOpenedMail()).toBeUndefined();
    expect(sink.received.map((m) => m.to)).toContain(ben.email);
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({ types: [{ type: 'week.opened', inApp: true, email: true }] })
      .expect(200);
  });

  it('turns the email off from the page’s button too: a POST with no body, in any language', async () => {
    const mail = await weekOpenedMail();
    const token = new URL(/https:\/\/forum\.example\.org\/unsubscribe\/\S+/.exec(mail.text)![0]).pathname
      .split('/')
      .pop()!;
    // A mail scanner opening the link (the page, then its API preview) changes nothing.
    await t.get(`/unsubscribe/${token}`);
    expect((await t.get(`/api/unsubscribe/${token}`).set('Accept-Language', 'fr').expect(200)).body).toMatchObject({
      unsubscribed: false,
    });
    // What the page's button sends: the site's Origin, the reader's language, no body and no Content-Type.
    for (const lang of ['es', 'fr']) {
      const pressed = await t.app.inject({
        method: 'POST',
        url: `/api/unsubscribe/${token}`,
        headers: { origin: 'http://tertulia.test', 'accept-language': lang, accept: 'application/json' },
      });
      expect(pressed.statusCode).toBe(200);
      expect(pressed.json()).toEqual({ scope: 'type', type: 'week.opened', forumTitle: null, unsubscribed: true });
    }
    const prefs = (await t.get('/api/notification-preferences').set('Cookie', ana.cookie).expect(200)).body;
    expect(prefs.types.find((p: { type: string }) => p.type === 'week.opened')).toMatchObject({ email: false });
    await t
      .put('/api/notification-preferences')
      .set('Cookie', ana.cookie)
      .send({ types: [{ type: 'week.opened', inApp: true, email: true }] })
      .expect(200);
  });
});

describe('delivery', () => {
  it('retries a 4xx answer with growing delays, and gives up at once on 5xx, recording what the server said', async () => {
    const now = new Date(Date.now() + 1000);
    await queueEmail(
      t.db,
      { toEmail: 'busy@example.test', lang: 'en', template: 'registration_attempt_on_existing_account' },
      now,
    );
    await queueEmail(
      t.db,
      { toEmail: 'gone@example.test', lang: 'en', template: 'registration_attempt_on_existing_account' },
      now,
    );
    sink.refuse('busy@example.test', 451);
    sink.refuse('gone@example.test', 550);
    await worker(now);
    const rows = await t.db
      .selectFrom('outbox')
      .select(['to_email', 'status', 'attempts', 'next_attempt_at', 'last_response'])
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1, last_response: expect.stringContaining('451') });
    expect(rows[0]!.next_attempt_at.getTime()).toBe(now.getTime() + 60_000);
    expect(rows[1]).toMatchObject({ status: 'failed', attempts: 1, last_response: expect.stringContaining('550') });

    expect(await worker(new Date(now.getTime() + 30_000))).toBe(0);
    await worker(new Date(now.getTime() + 60_000));
    const second = await t.db
      .selectFrom('outbox')
      .select(['next_attempt_at', 'attempts'])
      .where('to_email', '=', 'busy@example.test')
      .executeTakeFirstOrThrow();
    expect(second).toEqual({ attempts: 2, next_attempt_at: new Date(now.getTime() + 60_000 + 120_000) });

    sink.refuse('busy@example.test', null);
    await worker(new Date(now.getTime() + 180_000));
    expect(sink.received.map((m) => m.to)).toEqual(['busy@example.test']);
    expect(
      await t.db
        .selectFrom('outbox')
        .select(['status', 'last_response'])
        .where('to_email', '=', 'busy@example.test')
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'sent', last_response: expect.stringMatching(/^250/) });
  });

  it(`delivers each row once when two workers run ${atOnce}`, async () => {
    const now = new Date(Date.now() + 1000);
    for (let i = 0; i < 24; i += 1) {
      await queueEmail(
        t.db,
        { toEmail: `many${i}@example.test`, lang: 'fr', template: 'registration_attempt_on_existing_account' },
        now,
      );
    }
    const second = onPostgres ? (await t.testDatabase.openAnother()).db : t.db;
    const drain = async (db: typeof t.db) => {
      while ((await worker(now, sink.transport(), db)) > 0);
    };
    await Promise.all([drain(t.db), drain(second)]);
    expect(sink.received).toHaveLength(24);
    expect(new Set(sink.received.map((m) => m.messageId)).size).toBe(24);
    expect(sink.received[0]!.subject).toBe('Quelqu’un a tenté de s’inscrire avec votre adresse');
    expect(await t.db.selectFrom('outbox').select('id').where('status', '<>', 'sent').execute()).toEqual([]);
  });

  it('sends at most a duplicate with the same Message-ID when a worker dies between the server’s acceptance and recording it', async () => {
    const now = new Date(Date.now() + 1000);
    await queueEmail(
      t.db,
      { toEmail: 'crash@example.test', lang: 'es', template: 'registration_attempt_on_existing_account' },
      now,
    );
    const real = sink.transport();
    // Sends, then never returns: the process died before it could record the send.
    const dying: MailTransport = {
      sendMail: async (message) => {
        await real.sendMail(message);
        return new Promise(() => {});
      },
    };
    void worker(now, dying);
    await expect.poll(() => sink.received.length).toBe(1);
    expect(await worker(new Date(now.getTime() + 1000))).toBe(0);
    await worker(new Date(now.getTime() + LEASE_MS + 1000));
    expect(sink.received).toHaveLength(2);
    expect(sink.received[1]!.messageId).toBe(sink.received[0]!.messageId);
    expect(
      await t.db
        .selectFrom('outbox')
        .select('status')
        .where('to_email', '=', 'crash@example.test')
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'sent' });
  });
});

describe('outbox page', () => {
  it('shows admins every message rendered with its state, and refuses everyone else', async () => {
    await queueEmail(t.db, {
      toEmail: 'someone@example.test',
      lang: 'es',
      template: 'registration_attempt_on_existing_account',
    });
    const page = (await t.get('/api/admin/outbox').set('Cookie', admin.cookie).expect(200)).body;
    expect(page.smtpConfigured).toBe(false);
    expect(page.messages[0]).toMatchObject({
      toEmail: 'someone@example.test',
      status: 'pending',
      attempts: 0,
      subject: 'Alguien intentó registrarse con su dirección de correo',
      html: expect.stringContaining('<html lang="es">'),
    });
    await t.get('/api/admin/outbox').set('Cookie', ben.cookie).expect(403);
    await t.get('/api/admin/outbox').expect(401);
  });
});
