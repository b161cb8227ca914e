// Browser journey of search: an English-interface participant types English words in the header's
// search box (by keyboard), finds a Spanish post through its English translation — the English
// shown, the matched words marked, "Found in English" — opens it in its thread at its place, and
// comes back to the results with the back button. axe finds nothing serious on the results page.
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { seriousViolations, pageProblems } from '../helpers/page-checks.ts';
import { siteSessionCookie, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const SHOTS = '/tmp/team/shots-search';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  site = await startSite();
  browser = await launchBrowser({ locale: 'en-CA' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('searching across languages', () => {
  it('finds a Spanish post by English words and opens its translation in the thread', async () => {
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
        name: 'Lucía Mamani',
      }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'en',
        readingLangs: ['en'],
        name: 'Sarah Collins',
      }),
    ]);
    const writerCookie = await siteSessionCookie(site, writer);
    const organizerCookie = await siteSessionCookie(site, organizer);
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', writerCookie)
      .send({
        title: 'Compras públicas',
        bodyMd: 'Las compras públicas de El Alto reservan una parte a las cooperativas de costura.',
        lang: 'es',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const postId = started.body.post.id as number;
    const task = await db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'post')
      .where('item_id', '=', postId)
      .executeTakeFirstOrThrow();
    const asOrganizer = (path: string) =>
      request(site.url).post(path).set('Origin', site.url).set('Cookie', organizerCookie);
    await asOrganizer(`/api/translation-tasks/${task.id}/claim`).expect(200);
    await asOrganizer(`/api/translation-tasks/${task.id}/publish`)
      .send({ bodyMd: 'The public procurement of El Alto reserves a share for sewing cooperatives.' })
      .expect(200);

    await signInBrowser(site, browser.context, reader);
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/forums/${FORUM}`);
    await page.locator('h1').waitFor();
    // The box is reached from the keyboard: focus moves along the header until it lands there.
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'site-search')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.keyboard.type('sewing procurement');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=sewing\+procurement$/);

    const hit = page.locator('[data-testid="search-hit"]', { has: page.locator(`a[href*="#post-${postId}"]`) });
    await hit.waitFor({ timeout: 15_000 });
    const excerpt = hit.locator('.search-excerpt');
    expect(await excerpt.getAttribute('lang')).toBe('en');
    expect(await excerpt.textContent()).toBe(
      'The public procurement of El Alto reserves a share for sewing cooperatives.',
    );
    expect(await excerpt.locator('mark').allTextContents()).toEqual(['procurement', 'sewing']);
    expect(await hit.textContent()).toContain('Found in English');
    expect(await hit.textContent()).toContain('Shown in translation');
    // The thread's title has no translation yet: it stays in Spanish, marked so.
    expect(await hit.locator('h2 a').getAttribute('lang')).toBe('es');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await pageProblems(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/1-results.png`, fullPage: true });

    // The filters change the address; back returns to the results before.
    await page.selectOption('#search-kind', 'thread');
    await page.waitForURL(/kind=thread/);
    await expect.poll(() => page.locator('[data-testid="search-hit"]').count()).toBe(0);
    await page.goBack();
    await hit.waitFor();

    await hit.locator('h2 a').click();
    await page.waitForURL(new RegExp(`/forums/${FORUM}/threads/${threadId}#post-${postId}$`));
    const post = page.locator(`#post-${postId}`);
    await expect
      .poll(() => post.locator('[lang="en"]', { hasText: 'sewing cooperatives' }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/2-thread.png`, fullPage: true });
    await page.goBack();
    await page.waitForURL(/\/search\?q=sewing\+procurement$/);
    await hit.waitFor();
    expect(await page.inputValue('#site-search')).toBe('sewing procurement');
  });

  it('shows an empty search’s guidance and a long one’s error in the reader’s language', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/search`);
    await page.locator('h1', { hasText: 'Search' }).waitFor();
    expect(await page.textContent('main')).toContain('Type the words you are looking for');
    await page.goto(`${site.url}/search?q=${'palabra+'.repeat(30)}`);
    await page.getByText('That search is too long: at most 200 characters.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/3-too-long.png`, fullPage: true });
  });
});
