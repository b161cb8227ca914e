// Browser journey of the reading rule across a reader's languages: a key respondent whose
// interface is French and who also reads English sees a Spanish thread marked "translation
// pending" (title and post) in the week's list and on the thread page; when the English
// translations are published, the open thread page shows them live, in English, without a
// reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createUser, type TestUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { siteSessionCookie, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ locale: 'fr-CA' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('a French-interface reader who reads English', () => {
  it('sees the Spanish thread pending, then its English translations arrive live', async () => {
    const db = site.testDatabase.database.db;
    const [organizer, writer, reader] = await Promise.all([
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'organizer' }],
        interfaceLang: 'en',
        readingLangs: ['en', 'es'],
        name: 'Marie Tremblay',
      }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'es',
        readingLangs: ['es'],
        name: 'Lucía Mamani',
      }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'key_respondent' }],
        interfaceLang: 'fr',
        readingLangs: ['fr', 'en'],
        name: 'Marc-André Tremblay',
      }),
    ]);
    await signInBrowser(site, browser.context, reader);
    const as = (user: TestUser) => siteSessionCookie(site, user);

    const marker = Date.now();
    const title = `Ahorro y vivienda ${marker}`;
    const spanish = `Las cooperativas de ahorro financian la vivienda popular. ${marker}`;
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', await as(writer))
      .send({ title, bodyMd: spanish, lang: 'es', idempotencyKey: crypto.randomUUID() })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const postId = started.body.post.id as number;

    // The week's list: the Spanish title, marked as on its way in a language the reader reads.
    const page = await browser.context.newPage();
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
    await page.goto(`${site.url}/forums/${FORUM}/weeks/2`);
    const row = page.locator('li.thread-item', { hasText: title });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.locator('a[lang="es"]').textContent()).toBe(title);
    expect(await row.textContent()).toContain('Traduction du titre à venir');

    // The thread page: the original post, marked pending, and the title likewise.
    await row.locator('a[lang="es"]').click();
    const post = page.locator(`#post-${postId}`);
    await expect
      .poll(() => post.locator('.prose[lang="es"]', { hasText: spanish }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await post.textContent()).toContain('Traduction à venir');
    expect(await page.locator('main').textContent()).toContain('Traduction du titre à venir');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await expect
      .poll(() => frames.some((frame) => frame.includes('"subscribed"') && frame.includes(`thread:${threadId}`)), {
        timeout: 10_000,
      })
      .toBe(true);

    // The organizer publishes the English title and post (the forum translates Spanish into English).
    const organizerCookie = await as(organizer);
    for (const [itemType, itemId, bodyMd] of [
      ['thread_title', threadId, `Savings and housing ${marker}`],
      ['post', postId, `Savings co-operatives finance housing. ${marker}`],
    ] as const) {
      const task = await db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', itemType)
        .where('item_id', '=', itemId)
        .executeTakeFirstOrThrow();
      await request(site.url)
        .post(`/api/translation-tasks/${task.id}/claim`)
        .set('Origin', site.url)
        .set('Cookie', organizerCookie)
        .expect(200);
      await request(site.url)
        .post(`/api/translation-tasks/${task.id}/publish`)
        .set('Origin', site.url)
        .set('Cookie', organizerCookie)
        .send({ bodyMd })
        .expect(200);
    }

    // The open page shows both in English, labelled, with the originals at hand, and was not reloaded.
    const english = post.locator('.prose[lang="en"]', { hasText: `Savings co-operatives finance housing. ${marker}` });
    await expect.poll(() => english.count(), { timeout: 15_000 }).toBe(1);
    expect(await post.locator('.translation-note').textContent()).toContain('Marie Tremblay');
    await expect
      .poll(() => page.locator('h1[lang="en"]').textContent(), { timeout: 15_000 })
      .toBe(`Savings and housing ${marker}`);
    expect(await page.locator('.original-title [lang="es"]').textContent()).toBe(title);
    expect(await page.locator('main').textContent()).not.toContain('à venir');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Back on the week's list, the title reads in English too.
    await page.goto(`${site.url}/forums/${FORUM}/weeks/2`);
    await expect.poll(() => page.locator(`#thread-link-${threadId}[lang="en"]`).count(), { timeout: 15_000 }).toBe(1);
    await page.close();
  });
});

describe('a Spanish-interface reader who also reads English', () => {
  it('reads the Spanish version of a reading whose original is English, on the week page and the reading page', async () => {
    const db = site.testDatabase.database.db;
    const lucia = await createUser(db, {
      roles: [{ forumSlug: FORUM, role: 'participant' }],
      interfaceLang: 'es',
      readingLangs: ['en', 'es'],
      name: 'Lucía Quispe',
    });
    const spanishBrowser = await launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' });
    try {
      await signInBrowser(site, spanishBrowser.context, lucia);
      const page = await spanishBrowser.context.newPage();
      await page.goto(`${site.url}/forums/${FORUM}/weeks/2`);
      const link = page.getByRole('link', {
        name: 'Lo que encontró la investigación canadiense (1): el acceso al capital',
      });
      await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
      expect(await link.getAttribute('lang')).toBe('es');
      await link.click();
      await expect
        .poll(() => page.locator('h1[lang="es"]').textContent(), { timeout: 15_000 })
        .toBe('Lo que encontró la investigación canadiense (1): el acceso al capital');
      const body = page.locator('.reading-text .prose');
      expect(await body.getAttribute('lang')).toBe('es');
      expect(await body.textContent()).toContain('capital paciente');
      expect(await page.locator('main').textContent()).toContain('Idioma original: inglés');
      await page.screenshot({ path: '/tmp/reading-version-es.png', fullPage: true });
      await page.close();
    } finally {
      await spanishBrowser.close();
    }
  });
});
