// Browser journey of the synthesis: three members propose policy elements from posts of one
// thread written in Spanish, French and English, each from the post's "Propose a policy element"
// form; the organizer, in the console's review, merges the French proposal into the Spanish one
// (a duplicate in the same cell) and accepts the result and the English one; a translator's
// English version of the Spanish element is published; an English reader then finds both in
// their region × theme cells, the Spanish one marked "translated from Spanish by …". An edit by the
// organizer reaches the reader's open page live; two regions are compared side by side. axe finds
// nothing serious or critical on the synthesis page and the review console. Screenshots go to
// /tmp/shots-synth/: the synthesis page as a Spanish participant, the review as an organizer,
// and the phone's list.
import { mkdirSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { seriousViolations } from '../helpers/page-checks.ts';
import { signInBrowser, siteSession } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-synth';
const WAIT = { timeout: 20_000 };

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let site: RunningSite;
let english: Browser;
let spanish: Browser;
let french: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startSite();
  [english, spanish, french] = await Promise.all([
    launchBrowser({ locale: 'en-CA' }),
    launchBrowser({ locale: 'es-MX' }),
    launchBrowser({ locale: 'fr-CA' }),
  ]);
});
afterAll(async () => {
  await Promise.all([english?.close(), spanish?.close(), french?.close()]);
  await site?.close();
});

const as = (session: string) => ({
  post: (path: string) =>
    request(site.url).post(path).set('Origin', site.url).set('Cookie', `tertulia_session=${session}`),
  get: (path: string) => request(site.url).get(path).set('Cookie', `tertulia_session=${session}`),
  patch: (path: string) =>
    request(site.url).patch(path).set('Origin', site.url).set('Cookie', `tertulia_session=${session}`),
  put: (path: string) =>
    request(site.url).put(path).set('Origin', site.url).set('Cookie', `tertulia_session=${session}`),
});

async function signedIn(browser: Browser, user: TestUser): Promise<BrowserContext> {
  await browser.context.clearCookies();
  await signInBrowser(site, browser.context, user);
  return browser.context;
}

/** The member opens the thread, proposes from their post in the post's form, and reads the confirmation. */
async function propose(
  browser: Browser,
  user: TestUser,
  threadId: number,
  postId: number,
  proposal: {
    statement: string;
    region: string;
    theme: string;
    button: RegExp;
    submit: RegExp;
    sent: RegExp;
    shot?: string;
  },
) {
  const context = await signedIn(browser, user);
  const page = await context.newPage();
  await page.goto(`${site.url}/forums/${FORUM}/threads/${threadId}`);
  const post = page.locator(`#post-${postId}`);
  await post.getByRole('button', { name: proposal.button }).click();
  const form = post.locator('.propose-element');
  await form.locator('textarea').waitFor(WAIT);
  await form.locator('textarea').fill(proposal.statement);
  await form.locator('select[id$="-region"]').selectOption(proposal.region);
  await form.locator('select[id$="-theme"]').selectOption(proposal.theme);
  if (proposal.shot) await form.screenshot({ path: `${SHOTS}/${proposal.shot}` });
  await form.getByRole('button', { name: proposal.submit }).click();
  await expect.poll(() => form.textContent(), WAIT).toMatch(proposal.sent);
  await page.close();
}

describe('the synthesis, from three languages to an English reader', () => {
  it('is proposed from posts, reviewed by the organizer and read in its cells with translation marks', async () => {
    const db = site.testDatabase.database.db;
    const forum = await db.selectFrom('forums').select('id').where('slug', '=', FORUM).executeTakeFirstOrThrow();
    // The forum's themes as the organizers define them (the demo gives them; made here if it does not).
    const themes = await db.selectFrom('forum_themes').select(['key']).where('forum_id', '=', forum.id).execute();
    if (themes.length < 2) {
      await db
        .insertInto('forum_themes')
        .values([
          {
            forum_id: forum.id,
            key: 'e2e-capital',
            position: 100,
            en: 'Access to capital',
            es: 'Acceso al capital',
            fr: 'Accès au capital',
          },
          {
            forum_id: forum.id,
            key: 'e2e-procurement',
            position: 101,
            en: 'Procurement and markets',
            es: 'Compras públicas y mercados',
            fr: 'Marchés publics et marchés',
          },
        ])
        .execute();
    }
    const [capital, procurement] = (
      await db
        .selectFrom('forum_themes')
        .select(['key', 'en'])
        .where('forum_id', '=', forum.id)
        .where('archived_at', 'is', null)
        .orderBy('position')
        .execute()
    ).map((row) => row);
    const theme1 = capital!;
    const theme2 = procurement!;

    const participant = (name: string, lang: 'en' | 'es' | 'fr', readingLangs: ('en' | 'es' | 'fr')[]) =>
      createUser(db, { name, interfaceLang: lang, readingLangs, roles: [{ forumSlug: FORUM, role: 'participant' }] });
    const [rosa, camille, sarah, emma, organizer] = await Promise.all([
      participant('Rosa Mamani', 'es', ['es']),
      participant('Camille Tremblay', 'fr', ['fr']),
      participant('Sarah Collins', 'en', ['en']),
      participant('Emma Brown', 'en', ['en']),
      createUser(db, {
        name: 'Marie Organizer',
        interfaceLang: 'en',
        readingLangs: ['en', 'es', 'fr'],
        roles: [
          { forumSlug: FORUM, role: 'organizer' },
          { forumSlug: FORUM, role: 'translator' },
        ],
      }),
    ]);
    const [rosaS, camilleS, sarahS, organizerS] = (await Promise.all(
      [rosa, camille, sarah, organizer].map((user) => siteSession(site, user)),
    )) as [string, string, string, string];

    // One thread of week 2: Rosa writes in Spanish, Camille replies in French, Sarah in English.
    const started = await as(rosaS)
      .post(`/api/forums/${FORUM}/weeks/2/threads`)
      .send({
        title: 'Fondos para cooperativas',
        bodyMd: 'En Bolivia, las cooperativas de ahorro financian a las empresas sociales de sus socios.',
        lang: 'es',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const threadId = started.body.thread.id as number;
    const firstPost = (await as(rosaS).get(`/api/threads/${threadId}`).expect(200)).body.posts[0].id as number;
    const reply = async (session: string, bodyMd: string, lang: string) =>
      (
        await as(session)
          .post(`/api/threads/${threadId}/posts`)
          .send({ parentId: firstPost, bodyMd, lang, idempotencyKey: crypto.randomUUID() })
          .expect(201)
      ).body.post.id as number;
    const camillePost = await reply(
      camilleS,
      'Au Québec, les caisses Desjardins prêtent aux coopératives de travail.',
      'fr',
    );
    const sarahPost = await reply(
      sarahS,
      'Ontario buys from social enterprises through community benefit clauses.',
      'en',
    );

    const region = { hispanic: 'hispanic-america', canada: 'english-canada' };
    await propose(spanish, rosa, threadId, firstPost, {
      statement: 'Crear fondos públicos de garantía para los préstamos de las cooperativas de ahorro.',
      region: region.hispanic,
      theme: theme1.key,
      button: /Proponer un elemento de política/,
      submit: /Enviar la propuesta/,
      sent: /su propuesta fue enviada/,
      shot: 'propose-form-es.png',
    });
    await propose(french, camille, threadId, camillePost, {
      statement: 'Garantir publiquement les prêts des caisses aux coopératives.',
      region: region.hispanic,
      theme: theme1.key,
      button: /Proposer un élément de politique/,
      submit: /Envoyer la proposition/,
      sent: /votre proposition a été envoyée/,
    });
    await propose(english, sarah, threadId, sarahPost, {
      statement: 'Reserve a share of public procurement for social enterprises.',
      region: region.canada,
      theme: theme2.key,
      button: /Propose a policy element/,
      submit: /Send the proposal/,
      sent: /your proposal was sent/,
    });

    const waiting = (await as(organizerS).get(`/api/forums/${FORUM}/synthesis/proposals?status=proposed`).expect(200))
      .body.elements as { id: number; lang: string }[];
    expect(waiting.map((element) => element.lang).sort()).toEqual(['en', 'es', 'fr']);
    const byLang = Object.fromEntries(waiting.map((element) => [element.lang, element.id]));

    // The organizer reviews in the console: merges the French proposal into the Spanish one, accepts two.
    const organizerContext = await signedIn(english, organizer);
    const review = await organizerContext.newPage();
    await review.setViewportSize({ width: 1280, height: 1000 });
    await review.goto(`${site.url}/forums/${FORUM}/console/synthesis`);
    await review.getByRole('heading', { level: 1, name: 'Synthesis review' }).waitFor(WAIT);
    await review.locator('.element-review').nth(2).waitFor(WAIT);
    expect(await review.title()).toMatch(/^Synthesis review · /);
    await review.screenshot({ path: `${SHOTS}/review-organizer.png`, fullPage: true });
    expect(await seriousViolations(review)).toEqual([]);

    const card = (id: number) => review.locator('.element-review', { has: review.locator(`[id="review-${id}"]`) });
    await card(byLang.fr!).getByRole('button', { name: 'Merge into another element' }).click();
    await card(byLang.fr!).locator('select').selectOption(String(byLang.es));
    await card(byLang.fr!).getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => review.locator('.element-review').count(), WAIT).toBe(2);
    await card(byLang.es!).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => review.getByRole('heading', { name: /1 accepted element/ }).count(), WAIT).toBe(1);
    await card(byLang.en!).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => review.getByRole('heading', { name: /2 accepted elements/ }).count(), WAIT).toBe(1);
    await expect
      .poll(() => card(byLang.es!).textContent(), WAIT)
      .toMatch(/Rosa Mamani and Camille Tremblay|Camille Tremblay and Rosa Mamani/);
    await review.close();

    // A translator publishes the Spanish element's English version.
    const tasks = (await as(organizerS).get(`/api/forums/${FORUM}/translation-tasks`).expect(200)).body.tasks as {
      id: number;
      kind: string;
      itemId: number;
      targetLang: string;
    }[];
    const task = tasks.find((t) => t.kind === 'policy_element' && t.itemId === byLang.es && t.targetLang === 'en');
    expect(task).toBeDefined();
    await as(organizerS).post(`/api/translation-tasks/${task!.id}/claim`).expect(200);
    const published = await as(organizerS)
      .post(`/api/translation-tasks/${task!.id}/publish`)
      .send({ bodyMd: 'Create public guarantee funds for savings cooperatives’ loans.' })
      .expect(200);
    expect(published.body.status).toBe('published');

    // The English reader finds both in their cells; the Spanish one is marked as translated.
    const readerContext = await signedIn(english, emma);
    const reader = await readerContext.newPage();
    await reader.setViewportSize({ width: 1280, height: 1000 });
    await reader.goto(`${site.url}/forums/${FORUM}/synthesis`);
    await reader.getByRole('heading', { level: 1, name: 'Synthesis of policy elements' }).waitFor(WAIT);
    const cell = (regionKey: string, themeKey: string) =>
      reader.locator(`td[data-region="${regionKey}"][data-theme="${themeKey}"]`);
    await cell(region.hispanic, theme1.key).locator('.element-card').waitFor(WAIT);
    const hispanic = cell(region.hispanic, theme1.key);
    expect(await hispanic.locator('.element-card').count()).toBe(1);
    expect(await hispanic.textContent()).toContain('Create public guarantee funds');
    expect(await hispanic.textContent()).toMatch(/Translated from Spanish by Marie Organizer/);
    expect(await hispanic.locator('.element-text[lang="en"]').count()).toBe(1);
    // The original one click away, in its own language.
    await hispanic.getByRole('button', { name: /original/i }).click();
    expect(await hispanic.locator('.element-text[lang="es"]').textContent()).toContain('Crear fondos públicos');
    await hispanic.getByRole('button', { name: /translation/i }).click();
    // Both proposers' citations, as links into the thread at their posts.
    const links = await hispanic
      .locator('.element-citations a')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(
      [
        `/forums/${FORUM}/threads/${threadId}#post-${firstPost}`,
        `/forums/${FORUM}/threads/${threadId}#post-${camillePost}`,
      ].sort(),
    );
    const canada = cell(region.canada, theme2.key);
    expect(await canada.textContent()).toContain('Reserve a share of public procurement');
    expect(await canada.locator('.translation-note').count()).toBe(0);
    // Nothing else in the grid.
    expect(await reader.locator('td .element-card').count()).toBe(2);
    // The reader endorses one; the count says so, once.
    await canada.getByRole('button', { name: 'I endorse this' }).click();
    await expect.poll(() => canada.textContent(), WAIT).toContain('1 endorsement');
    expect(await canada.getByRole('button', { name: 'I endorse this' }).getAttribute('aria-pressed')).toBe('true');
    // Live: the organizer edits the English element; the open page shows the new text without reloading.
    const accepted = (await as(organizerS).get(`/api/forums/${FORUM}/synthesis/proposals?status=accepted`).expect(200))
      .body.elements as { id: number; revision: number }[];
    const revision = accepted.find((element) => element.id === byLang.en)!.revision;
    await reader.evaluate(() => document.documentElement.setAttribute('data-same-document', 'yes'));
    await as(organizerS)
      .patch(`/api/synthesis/elements/${byLang.en}`)
      .send({ revision, statement: 'Reserve a fixed share of public procurement for social enterprises.' })
      .expect(200);
    await expect.poll(() => canada.textContent(), WAIT).toContain('Reserve a fixed share');
    expect(await reader.locator('html').getAttribute('data-same-document')).toBe('yes');
    expect(await reader.title()).toMatch(/^Synthesis of policy elements · /);
    expect(await seriousViolations(reader)).toEqual([]);

    // The two regions side by side.
    await reader.locator('#compare-a').selectOption(region.hispanic);
    await reader.locator('#compare-b').selectOption(region.canada);
    await reader.getByRole('button', { name: 'Compare', exact: true }).click();
    const comparison = reader.locator('.comparison-table');
    await comparison.waitFor(WAIT);
    expect(await comparison.textContent()).toContain('Create public guarantee funds');
    expect(await comparison.textContent()).toContain('Reserve a fixed share of public procurement');
    expect(reader.url()).toContain(`compare=${region.hispanic}%2C${region.canada}`);
    await reader.close();

    // The Spanish participant's page: the matrix in Spanish, her proposal accepted in "Mis propuestas".
    const rosaContext = await signedIn(spanish, rosa);
    const rosaPage = await rosaContext.newPage();
    await rosaPage.setViewportSize({ width: 1280, height: 1000 });
    await rosaPage.goto(`${site.url}/forums/${FORUM}/synthesis`);
    await rosaPage.getByRole('heading', { level: 1, name: 'Síntesis de elementos de política' }).waitFor(WAIT);
    await rosaPage.locator('td .element-card').nth(1).waitFor(WAIT);
    await rosaPage.locator('.my-proposals li').first().waitFor(WAIT);
    expect(await rosaPage.locator('.my-proposals').textContent()).toContain('Aceptado, en la síntesis');
    await rosaPage.screenshot({ path: `${SHOTS}/synthesis-es.png`, fullPage: true });

    // On a phone: a list by theme, then region, instead of the grid.
    await rosaPage.setViewportSize({ width: 390, height: 844 });
    await rosaPage.locator('.matrix-list').waitFor(WAIT);
    expect(await rosaPage.locator('table.matrix').count()).toBe(0);
    expect(await rosaPage.locator('.matrix-list h3').first().textContent()).toBeTruthy();
    await rosaPage.screenshot({ path: `${SHOTS}/synthesis-phone.png`, fullPage: true });
    expect(await seriousViolations(rosaPage)).toEqual([]);
    await rosaPage.close();
  });
});
