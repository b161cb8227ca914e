// Browser journey of translation: a participant writes in Spanish; an English-only reader has
// the thread open and sees it as "translation pending"; an organizer claims the task in the
// queue, translates it in the editor and publishes; the reader's open page shows the English
// translation live (no reload), labelled as the organizer's, and "Show original" brings back
// the Spanish text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { siteSession, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let organizerBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let readerBrowser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  [organizerBrowser, readerBrowser] = await Promise.all([
    launchBrowser({ locale: 'en-CA' }),
    launchBrowser({ locale: 'en-CA' }),
  ]);
});
afterAll(async () => {
  await organizerBrowser?.close();
  await readerBrowser?.close();
  await site?.close();
});

describe('translating a Spanish post, seen live by an English-only reader', () => {
  it('shows the published translation live, labelled with its translator, with the original one click away', async () => {
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
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'en',
        readingLangs: ['en'],
        name: 'Sarah Collins',
      }),
    ]);
    await Promise.all([
      signInBrowser(site, organizerBrowser.context, organizer),
      signInBrowser(site, readerBrowser.context, reader),
    ]);

    // The Spanish participant starts a thread in week 2, through the API.
    const marker = Date.now();
    const spanish = `En El Alto, las cooperativas de ahorro financian la vivienda popular. ${marker}`;
    const english = `In El Alto, savings cooperatives finance affordable housing. ${marker}`;
    const writerSession = await siteSession(site, writer);
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', `tertulia_session=${writerSession}`)
      .set('Accept-Language', 'es')
      .send({ title: 'Ahorro y vivienda', bodyMd: spanish, lang: 'es', idempotencyKey: crypto.randomUUID() })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const postId = started.body.post.id as number;

    // The English-only reader opens the thread: the original, marked as pending translation.
    const readerPage = await readerBrowser.context.newPage();
    const frames: string[] = [];
    readerPage.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
    await readerPage.goto(`${site.url}/forums/${FORUM}/threads/${threadId}`);
    const post = readerPage.locator(`#post-${postId}`);
    await expect
      .poll(() => post.locator('.prose[lang="es"]', { hasText: spanish }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await post.textContent()).toContain('Translation pending');
    // Marks the document, to prove later that the translation arrived without a reload.
    await readerPage.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    // Subscribed before the translation is published.
    await expect
      .poll(() => frames.some((frame) => frame.includes('"subscribed"') && frame.includes(`thread:${threadId}`)), {
        timeout: 10_000,
      })
      .toBe(true);

    // The organizer claims the task in the queue and opens the editor.
    const organizerPage = await organizerBrowser.context.newPage();
    await organizerPage.goto(`${site.url}/forums/${FORUM}/translate`);
    const row = organizerPage.locator('li.task', { hasText: String(marker) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('button', { name: 'Claim' }).click();
    const open = row.getByRole('link', { name: 'Open editor' });
    await expect.poll(() => open.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('Claimed by you');
    await open.click();

    // The editor: the Spanish source beside an English paragraph to write.
    const paragraph = organizerPage.getByLabel('Paragraph 1 in English');
    await paragraph.waitFor({ timeout: 15_000 });
    expect(await paragraph.getAttribute('lang')).toBe('en');
    expect(await organizerPage.locator('#source-0[lang="es"]').textContent()).toBe(spanish);
    await paragraph.fill(english);
    await organizerPage.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect
      .poll(() => organizerPage.locator('[role=status]').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('Published: readers now see your translation.'));
    expect(new URL(organizerPage.url()).pathname).toBe(`/forums/${FORUM}/translate`);

    // The reader's open page shows the English translation, in English, labelled as the organizer's.
    const translated = post.locator('.prose[lang="en"]', { hasText: english });
    await expect.poll(() => translated.count(), { timeout: 15_000 }).toBe(1);
    expect(await post.locator('.prose[lang="es"]').count()).toBe(0);
    expect(await post.locator('.translation-note').textContent()).toContain(
      'Translated from Spanish by Marie Tremblay — organizer',
    );
    expect(await readerPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(
      frames.some((frame) => frame.includes('"translation.published"') && frame.includes(`"itemId":${postId}`)),
    ).toBe(true);

    // One click shows the Spanish original, in Spanish; another brings the translation back.
    await post.getByRole('button', { name: 'Show original' }).click();
    await expect.poll(() => post.locator('.prose[lang="es"]', { hasText: spanish }).count()).toBe(1);
    expect(await post.locator('.prose[lang="en"]').count()).toBe(0);
    // Remembered for this reader and this post.
    expect(
      await readerPage.evaluate((key) => localStorage.getItem(key), `tertulia.original.${reader.id}.post:${postId}`),
    ).toBe('1');
    await post.getByRole('button', { name: 'Show translation' }).click();
    await expect.poll(() => translated.count()).toBe(1);

    const rows = await db
      .selectFrom('translations')
      .select(['body_md', 'translator_role', 'target_lang'])
      .where('item_type', '=', 'post')
      .where('item_id', '=', postId)
      .execute();
    expect(rows).toEqual([{ body_md: english, translator_role: 'organizer', target_lang: 'en' }]);

    await Promise.all([organizerPage.close(), readerPage.close()]);
  });
});
