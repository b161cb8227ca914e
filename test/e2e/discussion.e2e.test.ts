// Browser journey of the discussion: a participant's reply fails to send (the connection
// drops), the text stays in the composer with a "not sent" message, the retry sends it with
// the same idempotency key and creates exactly one post, and a second participant's open
// page shows it live, in Spanish, without reloading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let browserA: Awaited<ReturnType<typeof launchBrowser>>;
let browserB: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  [browserA, browserB] = await Promise.all([launchBrowser({ locale: 'en-CA' }), launchBrowser({ locale: 'es-BO' })]);
});
afterAll(async () => {
  await browserA?.close();
  await browserB?.close();
  await site?.close();
});

describe('replying on a flaky connection, seen live by another participant', () => {
  it('keeps the text after a failed send, posts it once on retry, and shows it live elsewhere', async () => {
    const db = site.testDatabase.database.db;
    const participant = { roles: [{ forumSlug: FORUM, role: 'participant' as const }] };
    const [ana, ben] = await Promise.all([
      createUser(db, { ...participant, interfaceLang: 'en', readingLangs: ['en', 'es'], name: 'Ana Quispe' }),
      createUser(db, { ...participant, interfaceLang: 'es', readingLangs: ['es', 'en'], name: 'Benjamín Roy' }),
    ]);
    await Promise.all([signInBrowser(site, browserA.context, ana), signInBrowser(site, browserB.context, ben)]);

    // A thread started by the second participant, through the API.
    const cookieB = (await browserB.context.cookies(site.url)).find((c) => c.name === 'tertulia_session')!;
    const started = await request(site.url)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .set('Origin', site.url)
      .set('Cookie', `tertulia_session=${cookieB.value}`)
      .send({
        title: 'Fondos para cooperativas',
        bodyMd: '¿Cómo se financian las cooperativas en tu región?',
        lang: 'es',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const threadUrl = `${site.url}/forums/${FORUM}/threads/${threadId}`;

    const pageA = await browserA.context.newPage();
    const pageB = await browserB.context.newPage();
    const framesB: string[] = [];
    pageB.on('websocket', (socket) => socket.on('framereceived', (frame) => framesB.push(String(frame.payload))));
    await Promise.all([pageA.goto(threadUrl), pageB.goto(threadUrl)]);
    await expect.poll(() => pageB.locator('article.post').count(), { timeout: 10_000 }).toBe(1);
    // Marks B's document, to prove later that the new post arrived without a reload.
    await pageB.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const text = `Desde Cochabamba: la ley de economía social y solidaria nos abrió el crédito público. ${Date.now()}`;
    const body = pageA.locator('#thread-reply-body');
    await body.waitFor({ timeout: 10_000 });
    await body.fill(text);
    await pageA.locator('#thread-reply-lang').selectOption('es');
    const send = pageA.locator('.thread-reply form button[type=submit]');

    // The connection drops while sending.
    await pageA.route('**/api/threads/*/posts', (route) => route.abort('internetdisconnected'));
    await send.click();
    await expect
      .poll(() => pageA.locator('.thread-reply [role=alert]').textContent(), { timeout: 10_000 })
      .toContain('Not sent — your text is safe; try again.');
    expect(await body.inputValue()).toBe(text);
    expect(await pageA.locator('#thread-reply-lang').inputValue()).toBe('es');
    expect(await send.isEnabled()).toBe(true);
    const storageKey = `tertulia.draft.${ana.id}.reply:thread:${threadId}`;
    const saved = JSON.parse((await pageA.evaluate((key) => localStorage.getItem(key), storageKey)) ?? 'null') as {
      bodyMd: string;
      submission: { key: string };
    } | null;
    expect(saved?.bodyMd).toBe(text);
    const firstKey = saved!.submission.key;

    // Back online: the same text goes again, with the same key.
    await pageA.unroute('**/api/threads/*/posts');
    await send.click();
    const postedInA = pageA.locator('article.post [lang="es"]', { hasText: text });
    await expect.poll(() => postedInA.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => body.inputValue()).toBe('');
    expect(await pageA.evaluate((key) => localStorage.getItem(key), storageKey)).toBeNull();

    const rows = await db
      .selectFrom('posts')
      .select(['id', 'idempotency_key', 'original_lang'])
      .where('thread_id', '=', threadId)
      .where('body_md', '=', text)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idempotency_key: firstKey, original_lang: 'es' });
    // No draft left behind on the server (an autosave may still have been on its way).
    await expect
      .poll(() => db.selectFrom('drafts').select('draft_key').where('user_id', '=', ana.id).execute(), {
        timeout: 10_000,
      })
      .toEqual([]);

    // B sees it arrive, in Spanish, on the page it already had open.
    const liveInB = pageB.locator(`#post-${rows[0]!.id} .prose[lang="es"]`, { hasText: text });
    await expect.poll(() => liveInB.count(), { timeout: 15_000 }).toBe(1);
    expect(await pageB.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await pageB.locator('article.post').count()).toBe(2);
    // Pushed over B's socket, not fetched by reloading.
    expect(framesB.some((frame) => frame.includes('"post.created"') && frame.includes(`"id":${rows[0]!.id},`))).toBe(
      true,
    );

    await Promise.all([pageA.close(), pageB.close()]);
  });

  it('keeps an unsent reply on the server through sign-out, leaves no copy in the browser, and restores it at sign-in', async () => {
    const db = site.testDatabase.database.db;
    const cora = await createUser(db, {
      roles: [{ forumSlug: FORUM, role: 'participant' }],
      interfaceLang: 'en',
      readingLangs: ['en'],
      name: 'Cora Lévesque',
    });
    await signInBrowser(site, browserA.context, cora);
    const thread = await db
      .selectFrom('threads')
      .innerJoin('weeks', 'weeks.id', 'threads.week_id')
      .select('threads.id')
      .where('weeks.number', '=', 2)
      .orderBy('threads.id', 'desc')
      .executeTakeFirstOrThrow();
    const threadUrl = `${site.url}/forums/${FORUM}/threads/${thread.id}`;
    const page = await browserA.context.newPage();
    await page.goto(threadUrl);
    const body = page.locator('#thread-reply-body');
    await body.waitFor({ timeout: 10_000 });
    const text = `Half-written on the library computer in Sucre ${Date.now()}`;
    await body.fill(text);

    // Saved on the server: the browser's copy says so.
    const key = `tertulia.draft.${cora.id}.reply:thread:${thread.id}`;
    const synced = () =>
      page.evaluate(
        (k) => (JSON.parse(localStorage.getItem(k) ?? 'null') as { synced?: boolean } | null)?.synced ?? false,
        key,
      );
    await expect.poll(synced, { timeout: 15_000 }).toBe(true);
    expect(
      (await db.selectFrom('drafts').select('body_md').where('user_id', '=', cora.id).executeTakeFirstOrThrow())
        .body_md,
    ).toBe(text);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    const left = await page.evaluate(
      (prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)),
      `tertulia.draft.${cora.id}.`,
    );
    expect(left).toEqual([]);

    await signInBrowser(site, browserA.context, cora);
    await page.goto(threadUrl);
    await expect.poll(() => page.locator('#thread-reply-body').inputValue(), { timeout: 10_000 }).toBe(text);
    await page.close();
  });
});
