// Browser journey of moderation: a member reports a post from the thread; an organizer opens
// the console's moderation queue, sees the post in its context with the reason, and hides it
// with a reason; members then see the post as hidden, and the reporter is told the report was
// handled. Screenshots of the console pages at phone and desktop widths go to SHOTS.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { siteSessionCookie, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/team/shots-f';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let site: RunningSite;
let member: Awaited<ReturnType<typeof launchBrowser>>;
let organizer: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  site = await startSite();
  [member, organizer] = await Promise.all([
    launchBrowser({ locale: 'en-CA', timezoneId: 'America/Toronto' }),
    launchBrowser({ locale: 'en-CA', timezoneId: 'America/Bogota' }),
  ]);
});
afterAll(async () => {
  await member?.close();
  await organizer?.close();
  await site?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`), fullPage: true });
  }
}

describe('a member reports a post and the organizer hides it from the queue', () => {
  it('reports from the thread, hides from the queue with a reason, and shows the post hidden to members', async () => {
    const db = site.testDatabase.database.db;
    const [olga, ana, ben] = await Promise.all([
      createUser(db, { roles: [{ forumSlug: FORUM, role: 'organizer' }], interfaceLang: 'en', name: 'Olga Organizer' }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'es',
        readingLangs: ['es', 'en'],
        name: 'Ana Quispe',
      }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'en',
        readingLangs: ['en', 'es'],
        name: 'Ben Roy',
      }),
    ]);
    const anaCookie = await siteSessionCookie(site, ana);
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', anaCookie)
      .send({
        title: 'Credit for worker cooperatives',
        bodyMd: 'Who lends to a cooperative in its first year?',
        lang: 'en',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const offending = await request(site.url)
      .post(`/api/threads/${threadId}/posts`)
      .set('Origin', site.url)
      .set('Cookie', anaCookie)
      .send({
        bodyMd: 'Only fools would lend to them, and Ben is one of them.',
        lang: 'en',
        idempotencyKey: crypto.randomUUID(),
        parentId: started.body.post.id,
      })
      .expect(201);
    const postId = offending.body.post.id as number;
    const threadUrl = `${site.url}/forums/${FORUM}/threads/${threadId}`;
    await Promise.all([signInBrowser(site, member.context, ben), signInBrowser(site, organizer.context, olga)]);

    // The member reports the post from the thread, on a phone.
    const benPage = await member.context.newPage();
    await benPage.setViewportSize(PHONE);
    await benPage.goto(threadUrl);
    const post = benPage.locator(`#post-${postId}`);
    await post.getByRole('button', { name: 'Report' }).click({ timeout: 20_000 });
    await benPage.locator(`#report-${postId}`).fill('A personal attack on me.');
    await post.getByRole('button', { name: 'Send report' }).click();
    await expect
      .poll(() => post.textContent(), { timeout: 20_000 })
      .toContain('Thank you. The organizers will look at this post.');

    // The organizer opens the moderation queue: the post in context, the reason, who reported it.
    const olgaPage = await organizer.context.newPage();
    await olgaPage.setViewportSize(DESKTOP);
    await olgaPage.goto(`${site.url}/forums/${FORUM}/console/moderation`);
    const card = olgaPage.locator('[data-testid=report]', { hasText: 'A personal attack on me.' });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain('Credit for worker cooperatives');
    expect(await card.textContent()).toContain('Reported by Ben Roy');
    expect(await card.textContent()).toContain('Post by Ana Quispe');
    expect(await card.textContent()).toContain('In reply to Ana Quispe');
    expect(await card.locator('.prose[lang="en"]', { hasText: 'Only fools would lend' }).count()).toBe(1);
    expect(await olgaPage.locator('.console-nav [aria-current=page]').textContent()).toBe('Moderation');
    await shoot(olgaPage, 'moderation-queue-open');

    await olgaPage.setViewportSize(DESKTOP);
    await card.getByRole('button', { name: 'Hide the post' }).click();
    await olgaPage
      .locator(
        `#hide-${(await db.selectFrom('reports').select('id').where('post_id', '=', postId).executeTakeFirstOrThrow()).id}`,
      )
      .fill('Personal attack on another member');
    await shoot(olgaPage, 'moderation-queue-hide-form');
    await card.locator('form button[type=submit]').click();
    await expect
      .poll(
        () =>
          olgaPage
            .locator('[role=status], .notice-ok, [aria-live]')
            .allTextContents()
            .then((texts) => texts.join(' ')),
        { timeout: 20_000 },
      )
      .toContain('The post is hidden and its reports are marked as acted on.');
    await expect.poll(() => olgaPage.locator('[data-testid=report]').count(), { timeout: 20_000 }).toBe(0);
    await olgaPage.getByRole('button', { name: /^Acted on/ }).click();
    await olgaPage
      .locator('[data-testid=report]', { hasText: 'Personal attack on another member' })
      .waitFor({ timeout: 20_000 });
    await shoot(olgaPage, 'moderation-queue-acted-on');

    const stored = await db
      .selectFrom('posts')
      .select(['hidden_at', 'hidden_reason'])
      .where('id', '=', postId)
      .executeTakeFirstOrThrow();
    expect(stored.hidden_reason).toBe('Personal attack on another member');
    expect(
      await db.selectFrom('reports').select(['status', 'resolution_note']).where('post_id', '=', postId).execute(),
    ).toEqual([{ status: 'acted_on', resolution_note: 'Personal attack on another member' }]);

    // Members see the post as hidden, without its text.
    await benPage.reload();
    await benPage.locator(`#post-${postId}`).getByText('Hidden by an organizer').waitFor({ timeout: 20_000 });
    expect(await benPage.locator(`#post-${postId}`).textContent()).not.toContain('Only fools');
    await benPage.screenshot({ path: path.join(SHOTS, 'thread-hidden-post-phone.png'), fullPage: true });

    // The reporter is told the report was handled.
    await benPage.goto(`${site.url}/notifications`);
    await benPage.getByText('Your report on a post in', { exact: false }).waitFor({ timeout: 20_000 });
    await benPage.screenshot({ path: path.join(SHOTS, 'reporter-notification-phone.png'), fullPage: true });
    // Its link opens the reporter's own reports, with the outcome.
    await benPage.getByText('Your report on a post in', { exact: false }).click();
    const mine = benPage.locator('[data-testid=my-report]');
    await mine.first().waitFor({ timeout: 20_000 });
    expect(new URL(benPage.url()).pathname).toBe(`/forums/${FORUM}/my-reports`);
    expect(await mine.first().textContent()).toContain('Handled: the post was hidden');

    // The audit log shows the action, who did it and why.
    await olgaPage.goto(`${site.url}/forums/${FORUM}/console/audit`);
    const entry = olgaPage.locator('[data-testid=audit-entry]', { hasText: 'Hid a post' });
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.textContent()).toContain('By Olga Organizer');
    expect(await entry.textContent()).toContain('Personal attack on another member');
    await shoot(olgaPage, 'audit-log');

    // The people tab, for the layout.
    await olgaPage.goto(`${site.url}/forums/${FORUM}/console/people`);
    await olgaPage.locator('[data-testid=person]', { hasText: 'Ben Roy' }).waitFor({ timeout: 20_000 });
    await olgaPage
      .locator('[data-testid=person]', { hasText: 'Ben Roy' })
      .getByRole('button', { name: 'Change the roles of Ben Roy' })
      .click();
    await shoot(olgaPage, 'people');
    await Promise.all([benPage.close(), olgaPage.close()]);
  });

  it('shows a Spanish-speaking reporter their reports and outcomes, and the organizer an invitation form for every role', async () => {
    const db = site.testDatabase.database.db;
    const [olga, lucia, author] = await Promise.all([
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'organizer' }],
        interfaceLang: 'es',
        name: 'Olga Organizadora',
      }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'es',
        readingLangs: ['es'],
        name: 'Lucía Mamani',
      }),
      createUser(db, { roles: [{ forumSlug: FORUM, role: 'participant' }], interfaceLang: 'en', name: 'Carl Writer' }),
    ]);
    const [olgaCookie, luciaCookie, authorCookie] = await Promise.all([
      siteSessionCookie(site, olga),
      siteSessionCookie(site, lucia),
      siteSessionCookie(site, author),
    ]);
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', authorCookie)
      .send({
        title: 'Cooperativas de ahorro en la región andina',
        bodyMd: '¿Quién presta a una cooperativa nueva?',
        lang: 'es',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const report = async (bodyMd: string) => {
      const post = await request(site.url)
        .post(`/api/threads/${threadId}/posts`)
        .set('Origin', site.url)
        .set('Cookie', authorCookie)
        .send({ bodyMd, lang: 'en', idempotencyKey: crypto.randomUUID(), parentId: started.body.post.id })
        .expect(201);
      return (
        await request(site.url)
          .post(`/api/posts/${post.body.post.id}/reports`)
          .set('Origin', site.url)
          .set('Cookie', luciaCookie)
          .send({ reason: 'Falta de respeto hacia otra participante.' })
          .expect(201)
      ).body.id as number;
    };
    const [hidden, dismissed] = [
      await report('Nobody sensible lends to them.'),
      await report('Banks never lend to cooperatives.'),
    ];
    await report('Credit unions are the exception.');
    await request(site.url)
      .post(`/api/reports/${hidden}/hide`)
      .set('Origin', site.url)
      .set('Cookie', olgaCookie)
      .send({ reason: 'Ataque personal' })
      .expect(204);
    await request(site.url)
      .post(`/api/reports/${dismissed}/dismiss`)
      .set('Origin', site.url)
      .set('Cookie', olgaCookie)
      .send({})
      .expect(204);

    const spanish = await launchBrowser({ locale: 'es-PE', timezoneId: 'America/Lima' });
    try {
      await Promise.all([signInBrowser(site, spanish.context, lucia)]);
      const page = await spanish.context.newPage();
      await page.setViewportSize(DESKTOP);
      await page.goto(`${site.url}/forums/${FORUM}/my-reports`);
      const cards = page.locator('[data-testid=my-report]');
      await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(3);
      expect(await page.locator('h1').textContent()).toBe('Sus denuncias');
      const statuses = await page.locator('[data-testid=my-report] .badge').allTextContents();
      expect(statuses.sort()).toEqual([
        'Abierta: pendiente de los organizadores',
        'Tramitada: descartada, la publicación se mantiene',
        'Tramitada: la publicación se ha ocultado',
      ]);
      expect(await cards.first().locator('a[lang="es"]').textContent()).toBe(
        'Cooperativas de ahorro en la región andina',
      );
      await shoot(page, 'my-reports-es');
      // On a phone (the last shot) the outcomes wrap instead of widening the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

      // The organizer's invitation form offers every role the console gives.
      await signInBrowser(site, spanish.context, olga);
      await page.goto(`${site.url}/forums/${FORUM}/console/people`);
      const roleSelect = page.locator('#invite-role');
      await roleSelect.waitFor({ timeout: 30_000 });
      expect(await roleSelect.locator('option').allTextContents()).toEqual([
        'participante',
        'ponente clave',
        'traductor o traductora',
        'organizador u organizadora',
      ]);
      await roleSelect.selectOption('translator');
      await page.locator('#invite-email').fill('nueva.traductora@example.test');
      await page.locator('.invite-form button[type=submit]').click();
      await expect
        .poll(() => page.locator('.invite-form').textContent(), { timeout: 20_000 })
        .toContain('nueva.traductora@example.test');
      expect(
        await db
          .selectFrom('invitations')
          .select('role')
          .where('email', '=', 'nueva.traductora@example.test')
          .execute(),
      ).toEqual([{ role: 'translator' }]);
      await page.locator('.invite-form').scrollIntoViewIfNeeded();
      await page.locator('.invite-form').screenshot({ path: path.join(SHOTS, 'people-invite-form-es.png') });
      await page.close();
    } finally {
      await spanish.close();
    }
  });
});
