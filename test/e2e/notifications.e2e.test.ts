// Browser journey of notifications: a Spanish participant follows a thread and asks for email
// about it on the settings page; an English participant replies; the Spanish participant's
// header count rises live, the notification opens the reply itself, and the email the test SMTP
// server receives is in Spanish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { deliverDue } from '../../server/mail/mail-worker.ts';
import { queueDueBatches } from '../../server/notifications/notification-jobs.ts';
import { BATCH_WINDOW_MS } from '../../server/notifications/notify.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { siteSessionCookie, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { createUser } from '../helpers/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let sink: SmtpSink;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  site = await startSite();
  browser = await launchBrowser({ locale: 'es-CL' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await sink?.close();
});

describe('hearing of a reply', () => {
  it('counts it live in the header, opens the reply from the list, and emails it in Spanish', async () => {
    const db = site.testDatabase.database.db;
    const participant = { roles: [{ forumSlug: FORUM, role: 'participant' as const }] };
    const [sofia, ethan] = await Promise.all([
      createUser(db, { ...participant, interfaceLang: 'es', readingLangs: ['es'], name: 'Sofía Araya' }),
      createUser(db, { ...participant, interfaceLang: 'en', readingLangs: ['en'], name: 'Ethan Clarke' }),
    ]);
    const ethanCookie = await siteSessionCookie(site, ethan);
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', ethanCookie)
      .send({
        title: 'Public procurement',
        bodyMd: 'Do your cities buy from co-ops?',
        lang: 'en',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const threadId = started.body.thread.id as number;

    await signInBrowser(site, browser.context, sofia);
    const page = await browser.context.newPage();

    // Follows the thread from its page …
    await page.goto(`${site.url}/forums/${FORUM}/threads/${threadId}`);
    await page
      .getByRole('group', { name: 'Notificaciones de este hilo' })
      .getByRole('button', { name: 'Seguir' })
      .click();
    await expect.poll(() => page.getByText('Sigue este hilo').count(), { timeout: 10_000 }).toBe(1);

    // … and asks for email about followed threads on the settings page.
    await page.goto(`${site.url}/notifications/preferences`);
    const emailFollowed = page.getByRole('checkbox', { name: 'Mensajes nuevos en los hilos que sigue: Por correo' });
    await emailFollowed.check();
    await page.getByRole('button', { name: 'Guardar preferencias' }).click();
    await expect.poll(() => page.getByText('Se guardaron sus preferencias.').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-testid=unread-count]').count()).toBe(0);

    // The English participant replies; the header count rises without a reload.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const replied = await request(site.url)
      .post(`/api/threads/${threadId}/posts`)
      .set('Origin', site.url)
      .set('Cookie', ethanCookie)
      .send({
        bodyMd: 'Toronto has a social procurement policy since 2013.',
        lang: 'en',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const postId = replied.body.post.id as number;
    await expect.poll(() => page.locator('[data-testid=unread-count]').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The notification opens the reply itself.
    await page.getByRole('link', { name: 'Notificaciones 1 sin leer' }).click();
    const item = page.locator('[data-testid=notification]').first();
    await item.getByRole('link', { name: 'Ethan Clarke publicó en un hilo que usted sigue' }).click();
    await page.waitForURL(new RegExp(`/threads/${threadId}#post-${postId}$`));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 })
      .toBe(`post-${postId}`);
    await expect.poll(() => page.locator('[data-testid=unread-count]').count(), { timeout: 10_000 }).toBe(0);

    // Nothing read in the app is mailed; another reply, unread, arrives by email in Spanish.
    await request(site.url)
      .post(`/api/threads/${threadId}/posts`)
      .set('Origin', site.url)
      .set('Cookie', ethanCookie)
      .send({ bodyMd: 'And Montréal since 2018.', lang: 'en', idempotencyKey: crypto.randomUUID() })
      .expect(201);
    const later = new Date(Date.now() + BATCH_WINDOW_MS + 1000);
    await queueDueBatches(db, later);
    const context = await site.app.notifications.renderContext();
    await deliverDue(db, { ...context, transport: sink.transport(), from: 'forum@example.org' }, later);
    const mail = sink.received.filter((m) => m.to === sofia.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^1 novedad para usted — /);
    expect(mail[0]!.text).toContain('Ethan Clarke publicó un mensaje');
    expect(mail[0]!.text).toContain('And Montréal since 2018.');
    expect(mail[0]!.text).not.toContain('Toronto has a social procurement policy');
    expect(mail[0]!.html).toContain('<html lang="es">');
    await page.close();
  });
});
