// Browser journey: a published case study joins the translation queue as its own kind. A
// translator whose interface is Spanish finds it under "Estudio de caso", claims it, translates
// it paragraph by paragraph in the editor and publishes; the queue links to the case study's page,
// and an English reader then reads the translation there. Screenshots go to /tmp/team/shots-a2/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { siteSession, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const SHOTS = '/tmp/team/shots-a2';

let site: RunningSite;
let translatorBrowser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startSite();
  translatorBrowser = await launchBrowser({ locale: 'es-MX' });
});
afterAll(async () => {
  await translatorBrowser?.close();
  await site?.close();
});

const api = (method: 'post' | 'get', path: string, session: string) =>
  request(site.url)[method](path).set('Origin', site.url).set('Cookie', `tertulia_session=${session}`);

describe('a case study in the translation queue, for a Spanish-interface translator', () => {
  it('is listed as a case study, claimed, translated and published, with a link to its page', async () => {
    const db = site.testDatabase.database.db;
    const [kr, organizer, translator, reader] = await Promise.all([
      createUser(db, {
        name: 'Rosa Mamani',
        interfaceLang: 'es',
        readingLangs: ['es'],
        roles: [
          { forumSlug: FORUM, role: 'participant' },
          { forumSlug: FORUM, role: 'key_respondent' },
        ],
      }),
      createUser(db, {
        name: 'Marie Tremblay',
        interfaceLang: 'en',
        readingLangs: ['en', 'es'],
        roles: [{ forumSlug: FORUM, role: 'organizer' }],
      }),
      createUser(db, {
        name: 'Ana Gutiérrez',
        interfaceLang: 'es',
        readingLangs: ['es', 'en'],
        roles: [{ forumSlug: FORUM, role: 'translator' }],
      }),
      createUser(db, {
        name: 'Sarah Collins',
        interfaceLang: 'en',
        readingLangs: ['en'],
        roles: [{ forumSlug: FORUM, role: 'participant' }],
      }),
    ]);
    // The key respondent is appointed to week 2, open on the site's clock.
    const week = await db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.forum_id'])
      .where('forums.slug', '=', FORUM)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('memberships')
      .set({ week_id: week.id })
      .where('forum_id', '=', week.forum_id)
      .where('user_id', '=', kr.id)
      .where('role', '=', 'key_respondent')
      .execute();

    const marker = Date.now();
    const paragraphs = [
      `La cooperativa de productores de quinua de Oruro nació en 2003 con doce familias. ${marker}`,
      'Hoy vende en conjunto y comparte un fondo rotatorio entre sus socias y socios.',
    ];
    const english = [
      `The Oruro quinoa producers’ cooperative was born in 2003 with twelve families. ${marker}`,
      'Today it sells jointly and shares a revolving fund among its members.',
    ];
    const [krSession, organizerSession] = await Promise.all([siteSession(site, kr), siteSession(site, organizer)]);
    const created = await api('post', `/api/forums/${FORUM}/case-studies`, krSession)
      .send({
        weekNumber: 2,
        title: 'Red de productores de Oruro',
        bodyMd: paragraphs.join('\n\n'),
        lang: 'es',
        region: 'hispanic-america',
        theme: 'Finanzas',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const studyId = created.body.caseStudy.id as number;
    await api('post', `/api/case-studies/${studyId}/submit`, krSession).send().expect(200);
    // Approved in an open week: published at once, its translation tasks queued.
    const approved = await api('post', `/api/case-studies/${studyId}/approve`, organizerSession).send().expect(200);
    expect(approved.body.caseStudy.status).toBe('published');

    await signInBrowser(site, translatorBrowser.context, translator);
    const page = await translatorBrowser.context.newPage();
    await page.goto(`${site.url}/forums/${FORUM}/translate`);
    // The kind filter offers case studies, in Spanish.
    const kind = page.locator('#filter-kind');
    await kind.waitFor({ timeout: 30_000 });
    expect(await kind.locator('option[value="case_study"]').textContent()).toBe('Estudio de caso');
    await kind.selectOption('case_study');
    const row = page.locator('li.task', { hasText: String(marker) });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.locator('.badge').first().textContent()).toBe('Estudio de caso');
    expect(await row.locator('.task-excerpt').getAttribute('lang')).toBe('es');
    expect(await row.getByRole('link', { name: 'Ver en su contexto' }).getAttribute('href')).toBe(
      `/forums/${FORUM}/case-studies/${studyId}`,
    );
    await page.screenshot({ path: `${SHOTS}/1-queue-case-study.png`, fullPage: true });

    await row.getByRole('button', { name: 'Tomar' }).click();
    const open = row.getByRole('link', { name: 'Abrir el editor' });
    await expect.poll(() => open.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('Tomada por usted');
    await open.click();

    // The editor: titled for a case study, each Spanish paragraph beside an English one.
    await page.locator('#translation-1').waitFor({ timeout: 30_000 });
    expect(await page.locator('h1').textContent()).toBe('Traducir un estudio de caso');
    expect(await page.locator('#source-0[lang="es"]').textContent()).toBe(paragraphs[0]);
    expect(await page.getByRole('link', { name: 'Ver en su contexto' }).getAttribute('href')).toBe(
      `/forums/${FORUM}/case-studies/${studyId}`,
    );
    await page.locator('#translation-0').fill(english[0]!);
    await page.locator('#translation-1').fill(english[1]!);
    expect(await page.locator('#translation-0').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: `${SHOTS}/2-editor-case-study.png`, fullPage: true });
    await page.getByRole('button', { name: 'Publicar', exact: true }).click();
    await expect
      .poll(() => page.locator('[role=status]').allTextContents(), { timeout: 20_000 })
      .toContainEqual(expect.stringContaining('Publicada: los lectores ya ven su traducción.'));
    await page.screenshot({ path: `${SHOTS}/3-queue-after-publish.png`, fullPage: true });

    const rows = await db
      .selectFrom('translations')
      .select(['body_md', 'translator_role', 'target_lang', 'source_revision'])
      .where('item_type', '=', 'case_study')
      .where('item_id', '=', studyId)
      .execute();
    expect(rows).toEqual([
      { body_md: english.join('\n\n'), translator_role: 'translator', target_lang: 'en', source_revision: 1 },
    ]);

    // An English reader of the case study now gets the translation, with its translator.
    const seen = await api('get', `/api/case-studies/${studyId}`, await siteSession(site, reader)).expect(200);
    expect(seen.body.caseStudy.translation).toMatchObject({
      lang: 'en',
      translator: { displayName: 'Ana Gutiérrez', role: 'translator' },
      outdated: false,
    });
  }, 180_000);
});
