// Browser journey of a key respondent's week: she writes her case study in Spanish with a reload
// in the middle (nothing is lost) and submits it; an organizer (French interface) asks for a
// change, then approves; the site's clock reaches the week's opening and the case study is
// published; a participant (English) reads it and asks a question in English; the key
// respondent answers from "questions waiting for you"; the participant's open page shows the
// question answered, live, without a reload.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Page } from 'playwright-core';
import { publishDueCaseStudies } from '../../server/case-studies/publication.service.ts';
import { currentTime, moveClock, resetClock } from '../../server/time/clock.ts';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { siteSessionCookie, signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const WEEK = 3;
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/team/shots-c';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let site: RunningSite;
const browsers: Awaited<ReturnType<typeof launchBrowser>>[] = [];

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  site = await startSite();
  browsers.push(
    ...(await Promise.all([
      launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' }),
      launchBrowser({ locale: 'fr-CA', timezoneId: 'America/Montreal' }),
      launchBrowser({ locale: 'en-CA', timezoneId: 'America/Vancouver' }),
    ])),
  );
});
afterAll(async () => {
  resetClock();
  for (const browser of browsers) await browser.close();
  await site?.close();
});

/** The page at a phone's width and at a desktop's, full length. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
}

const BODY_START = [
  'En Cochabamba, una red de cooperativas de tejedoras negoció con el municipio un fondo rotatorio para comprar lana',
  'y equipos. El fondo nació de una mesa de trabajo entre la alcaldía, dos cooperativas y una universidad pública.',
].join(' ');
const BODY_MORE = 'Después de dos años, el fondo presta a ochenta socias y recupera casi todo lo prestado.';
const BODY_ADDED =
  'Las socias deciden juntas a quién se presta primero, y la alcaldía publica cada año las cuentas del fondo.';

describe('a key respondent’s case study, from draft to an answered question', () => {
  it('is written with a reload in the middle, reviewed, published at the week’s opening, questioned and answered live', async () => {
    const db = site.testDatabase.database.db;
    const [kr, organizer, participant] = await Promise.all([
      createUser(db, {
        name: 'Rosa Mamani',
        interfaceLang: 'es',
        readingLangs: ['es', 'en'],
        roles: [
          { forumSlug: FORUM, role: 'participant' },
          { forumSlug: FORUM, role: 'key_respondent' },
        ],
      }),
      createUser(db, {
        name: 'Julie Tremblay',
        interfaceLang: 'fr',
        readingLangs: ['fr', 'en'],
        roles: [{ forumSlug: FORUM, role: 'organizer' }],
      }),
      createUser(db, {
        name: 'Ana Walker',
        interfaceLang: 'en',
        readingLangs: ['en'],
        roles: [{ forumSlug: FORUM, role: 'participant' }],
      }),
    ]);
    const forum = await db.selectFrom('forums').select('id').where('slug', '=', FORUM).executeTakeFirstOrThrow();
    const week = await db
      .selectFrom('weeks')
      .select(['id', 'opens_at'])
      .where('forum_id', '=', forum.id)
      .where('number', '=', WEEK)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('memberships')
      .set({ week_id: week.id })
      .where('forum_id', '=', forum.id)
      .where('user_id', '=', kr.id)
      .where('role', '=', 'key_respondent')
      .execute();
    const [krBrowser, orgBrowser, participantBrowser] = browsers as [
      (typeof browsers)[0],
      (typeof browsers)[0],
      (typeof browsers)[0],
    ];
    await Promise.all([
      signInBrowser(site, krBrowser.context, kr),
      signInBrowser(site, orgBrowser.context, organizer),
      signInBrowser(site, participantBrowser.context, participant),
    ]);

    // 1. The key respondent writes, in Spanish, before her week opens.
    const krPage = await krBrowser.context.newPage();
    await krPage.setViewportSize(PHONE);
    const editorUrl = `${site.url}/forums/${FORUM}/my-case-study`;
    await krPage.goto(editorUrl);
    const title = krPage.locator('#case-study-title');
    await title.waitFor({ timeout: 30_000 });
    expect(await krPage.locator('h1').textContent()).toBe(`Su estudio de caso para la semana ${WEEK}`);
    expect(await krPage.locator('#case-study-lang').inputValue()).toBe('es');
    await title.fill('Un fondo rotatorio para las tejedoras de Cochabamba');
    await krPage.locator('#case-study-region').selectOption({ label: 'Hispanoamérica' });
    await krPage.locator('#case-study-theme').fill('Acceso al crédito');
    const body = krPage.locator('#case-study-body');
    await body.fill(BODY_START);
    await krPage.locator('#case-study-body').press('End');
    await krPage.keyboard.type(` ${BODY_MORE}`);
    expect(await krPage.locator('#case-study-count').textContent()).toMatch(
      /^\d+ palabras — se sugieren entre 500 y 800$/,
    );
    // Kept in this browser as she types (and in her account's drafts when the server knows the week).
    const localCopy = () =>
      krPage.evaluate(
        (prefix) =>
          Object.keys(localStorage)
            .filter((key) => key.startsWith(prefix) && key.includes('case-study'))
            .map((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { bodyMd?: string }).bodyMd ?? ''),
        `tertulia.draft.${kr.id}.`,
      );
    await expect.poll(localCopy, { timeout: 20_000 }).toEqual([`${BODY_START} ${BODY_MORE}`]);
    await shoot(krPage, '01-kr-editor-draft');

    // A reload in the middle: everything is still there.
    await krPage.reload();
    await title.waitFor({ timeout: 30_000 });
    await expect.poll(() => body.inputValue(), { timeout: 10_000 }).toBe(`${BODY_START} ${BODY_MORE}`);
    expect(await title.inputValue()).toBe('Un fondo rotatorio para las tejedoras de Cochabamba');
    expect(await krPage.locator('#case-study-region').inputValue()).toBe('hispanic-america');
    expect(await krPage.locator('#case-study-theme').inputValue()).toBe('Acceso al crédito');
    expect(await krPage.locator('#case-study-lang').inputValue()).toBe('es');

    // Submitted: once, whatever the clicks.
    await krPage.getByRole('button', { name: 'Enviar para revisión' }).click();
    await expect
      .poll(() => krPage.locator('.case-study-state .badge').textContent(), { timeout: 20_000 })
      .toBe('Enviado para revisión');
    const submitted = await db.selectFrom('case_studies').selectAll().where('author_id', '=', kr.id).execute();
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({
      status: 'submitted',
      original_lang: 'es',
      theme: 'Acceso al crédito',
      week_id: week.id,
    });
    const region = await db
      .selectFrom('forum_regions')
      .select('key')
      .where('id', '=', submitted[0]!.region_id!)
      .executeTakeFirstOrThrow();
    expect(region.key).toBe('hispanic-america');
    expect(submitted[0]!.body_md).toBe(`${BODY_START} ${BODY_MORE}`);
    const caseStudyId = submitted[0]!.id;
    await shoot(krPage, '02-kr-submitted');

    // 2. The organizer (French interface) asks for a change.
    const orgPage = await orgBrowser.context.newPage();
    await orgPage.setViewportSize(DESKTOP);
    await orgPage.goto(`${site.url}/forums/${FORUM}/case-studies`);
    const listed = orgPage.locator(`a[href="/forums/${FORUM}/case-studies/${caseStudyId}"][lang="es"]`);
    await listed.waitFor({ timeout: 30_000 });
    await shoot(orgPage, '03-org-review-list');
    await listed.click();
    const comment = orgPage.locator('#review-comment');
    await comment.waitFor({ timeout: 30_000 });
    expect(await orgPage.locator('.prose[lang="es"]').textContent()).toContain('fondo rotatorio');
    await comment.fill('Merci ! Pouvez-vous dire comment les membres décident des prêts ?');
    await orgPage.getByRole('button', { name: 'Demander des modifications' }).click();
    await expect
      .poll(() => orgPage.locator('.review-panel [role=status]').textContent(), { timeout: 20_000 })
      .toBe('Renvoyée à Rosa Mamani avec votre commentaire.');
    expect(
      await db
        .selectFrom('case_studies')
        .select(['status', 'review_comment'])
        .where('id', '=', caseStudyId)
        .executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'changes_requested',
      review_comment: 'Merci ! Pouvez-vous dire comment les membres décident des prêts ?',
    });
    await shoot(orgPage, '04-org-changes-requested');

    // The key respondent sees the comment, adds a paragraph and submits again.
    await krPage.goto(editorUrl);
    await expect
      .poll(() => krPage.locator('.review-comment').textContent(), { timeout: 30_000 })
      .toBe('Merci ! Pouvez-vous dire comment les membres décident des prêts ?');
    await shoot(krPage, '05-kr-changes-requested');
    await body.fill(`${BODY_START} ${BODY_MORE}\n\n${BODY_ADDED}`);
    await krPage.getByRole('button', { name: 'Enviar de nuevo' }).click();
    await expect
      .poll(() => krPage.locator('.case-study-state .badge').textContent(), { timeout: 20_000 })
      .toBe('Enviado para revisión');
    const resubmitted = await db
      .selectFrom('case_studies')
      .select(['status', 'body_md'])
      .where('id', '=', caseStudyId)
      .executeTakeFirstOrThrow();
    expect(resubmitted).toEqual({ status: 'submitted', body_md: `${BODY_START} ${BODY_MORE}\n\n${BODY_ADDED}` });

    // The organizer approves: it waits for the week's opening.
    await orgPage.reload();
    const approve = orgPage.getByRole('button', { name: 'Approuver' });
    await approve.waitFor({ timeout: 30_000 });
    await approve.click();
    await expect
      .poll(() => orgPage.locator('.review-panel [role=status]').textContent(), { timeout: 20_000 })
      .toMatch(/^Approuvée\. Elle sera publiée à l’ouverture de la semaine 3, le .+ \(votre heure\)\.$/);
    expect(
      (await db.selectFrom('case_studies').select('status').where('id', '=', caseStudyId).executeTakeFirstOrThrow())
        .status,
    ).toBe('approved');
    await krPage.reload();
    await expect
      .poll(() => krPage.locator('.case-study-state').textContent(), { timeout: 30_000 })
      .toMatch(/Se publicará cuando se abra la semana 3, el .+ \(su hora\)\./);
    await shoot(krPage, '06-kr-approved');

    // 3. The week opens: the site's clock reaches its first instant, and the case study is published.
    moveClock(week.opens_at.getTime() - currentTime().getTime() + 1_000);
    expect(await publishDueCaseStudies(db)).toBe(1);
    const published = await db
      .selectFrom('case_studies')
      .select(['status', 'thread_id'])
      .where('id', '=', caseStudyId)
      .executeTakeFirstOrThrow();
    expect(published.status).toBe('published');

    // A participant reading English sees it first on the week's page, with the key-respondent badge.
    const page = await participantBrowser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${site.url}/forums/${FORUM}/weeks/${WEEK}`);
    const card = page.locator(`#case-study-${caseStudyId}`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('h3 a').getAttribute('lang')).toBe('es');
    expect(await card.locator('.badge-key-respondent').textContent()).toBe('Key respondent');
    expect(await card.textContent()).toContain('Hispanic America');
    expect(await card.textContent()).toContain('0 questions answered');
    await shoot(page, '07-participant-week');

    // She opens it and asks, in English.
    await card.locator('h3 a').click();
    const ask = page.locator('#ask-body');
    await ask.waitFor({ timeout: 30_000 });
    expect(await page.locator('article.case-study .prose').getAttribute('lang')).toBe('es');
    const question = 'How did the cooperatives convince the municipality to put money into the fund?';
    await ask.fill(question);
    expect(await page.locator('#ask-lang').inputValue()).toBe('en');
    await page.getByRole('button', { name: 'Send question' }).click();
    const asked = page.locator('li.question', { hasText: question });
    await expect.poll(() => asked.getAttribute('data-answered'), { timeout: 20_000 }).toBe('false');
    const questionRow = await db
      .selectFrom('posts')
      .select(['id', 'addressed_to', 'original_lang'])
      .where('thread_id', '=', published.thread_id!)
      .executeTakeFirstOrThrow();
    expect(questionRow).toMatchObject({ addressed_to: kr.id, original_lang: 'en' });
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await shoot(page, '08-participant-asked');

    // A day goes by unanswered: the organizer finds it past the forum's 24-hour target, reached
    // from the review list, with its case study, whom it waits on and for how long.
    moveClock(25 * 3_600_000);
    await orgPage.goto(`${site.url}/forums/${FORUM}/case-studies`);
    await orgPage.getByRole('link', { name: 'Questions hors délai' }).click();
    const overdue = orgPage.locator(`#post-${questionRow.id}`);
    await overdue.waitFor({ timeout: 30_000 });
    expect(await orgPage.locator('h1').textContent()).toBe('Questions hors délai');
    expect(
      await overdue
        .locator(`a[href="/forums/${FORUM}/case-studies/${caseStudyId}#post-${questionRow.id}"] span[lang="es"]`)
        .count(),
    ).toBe(1);
    expect(await overdue.textContent()).toContain('Adressée à Rosa Mamani');
    expect(await overdue.locator('.badge-overdue').textContent()).toMatch(/^en attente depuis \d+ (heure|jour)s?$/);
    await shoot(orgPage, '08b-org-overdue');

    // 4. The key respondent answers from "questions waiting for you".
    await krPage.goto(`${site.url}/forums/${FORUM}/questions/waiting`);
    const waiting = krPage.locator(`#post-${questionRow.id}`);
    await waiting.waitFor({ timeout: 30_000 });
    expect(await waiting.locator('.prose[lang="en"]').textContent()).toContain(question);
    await shoot(krPage, '09-kr-waiting');
    await waiting.getByRole('button', { name: 'Responder' }).click();
    const answerBody = krPage.locator(`#answer-${questionRow.id}-body`);
    await answerBody.fill(
      'Les mostramos las cuentas de otro fondo que ya funcionaba en El Alto, y la universidad ofreció hacer el seguimiento.',
    );
    await krPage.locator(`#answer-${questionRow.id}-lang`).selectOption('es');
    await krPage.getByRole('button', { name: 'Enviar respuesta' }).click();
    await expect.poll(() => krPage.locator(`#post-${questionRow.id}`).count(), { timeout: 20_000 }).toBe(0);
    await shoot(krPage, '10-kr-answered');
    const marked = await db
      .selectFrom('posts')
      .select(['answered_at', 'answer_post_id'])
      .where('id', '=', questionRow.id)
      .executeTakeFirstOrThrow();
    expect(marked.answered_at).not.toBeNull();
    expect(marked.answer_post_id).not.toBeNull();

    // 5. The participant's open page shows the question answered, live.
    await expect.poll(() => asked.getAttribute('data-answered'), { timeout: 30_000 }).toBe('true');
    expect(await asked.locator('.answer .prose[lang="es"]').textContent()).toContain('El Alto');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator('.questions .badge-answered').first().textContent()).toBe('1 question answered');
    await shoot(page, '11-participant-answered-live');

    // 6. "This week": where each of them lands.
    await page.goto(site.url);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('This week');
    await page.locator('.home-forum').first().waitFor({ timeout: 30_000 });
    await shoot(page, '12-participant-home');
    await krPage.goto(site.url);
    await expect.poll(() => krPage.locator('h1').textContent(), { timeout: 30_000 }).toBe('Esta semana');
    await krPage.locator('.home-forum').first().waitFor({ timeout: 30_000 });
    await shoot(krPage, '13-kr-home');

    await Promise.all([krPage.close(), orgPage.close(), page.close()]);
  }, 400_000);

  it('shows a case study approved in an open week on open week pages at once, without a reload', async () => {
    const db = site.testDatabase.database.db;
    const [kr, organizer, participant] = await Promise.all([
      createUser(db, {
        name: 'Tomás Quispe',
        interfaceLang: 'es',
        readingLangs: ['es'],
        roles: [
          { forumSlug: FORUM, role: 'participant' },
          { forumSlug: FORUM, role: 'key_respondent' },
        ],
      }),
      createUser(db, {
        name: 'Marc Gagnon',
        interfaceLang: 'fr',
        readingLangs: ['fr', 'en'],
        roles: [{ forumSlug: FORUM, role: 'organizer' }],
      }),
      createUser(db, {
        name: 'Liam Chen',
        interfaceLang: 'en',
        readingLangs: ['en'],
        roles: [{ forumSlug: FORUM, role: 'participant' }],
      }),
    ]);
    const openWeek = await db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.number'])
      .where('forums.slug', '=', FORUM)
      .where('weeks.opens_at', '<=', currentTime())
      .orderBy('weeks.number', 'desc')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('memberships')
      .set({ week_id: openWeek.id })
      .where('user_id', '=', kr.id)
      .where('role', '=', 'key_respondent')
      .execute();
    const [krCookie, orgCookie] = await Promise.all([siteSessionCookie(site, kr), siteSessionCookie(site, organizer)]);
    const created = await request(site.url)
      .post(`/api/forums/${FORUM}/case-studies`)
      .set('Origin', site.url)
      .set('Cookie', krCookie)
      .send({
        weekNumber: openWeek.number,
        title: 'La feria de Sucre',
        bodyMd: 'Cada sábado, veinte cooperativas venden juntas en la plaza.',
        lang: 'es',
        region: 'hispanic-america',
        theme: 'Mercados',
        idempotencyKey: crypto.randomUUID(),
      })
      .expect(201);
    const id = created.body.caseStudy.id as number;
    await request(site.url)
      .post(`/api/case-studies/${id}/submit`)
      .set('Origin', site.url)
      .set('Cookie', krCookie)
      .send({})
      .expect(200);

    await signInBrowser(site, browsers[2]!.context, participant);
    const page = await browsers[2]!.context.newPage();
    await page.setViewportSize(DESKTOP);
    await page.goto(`${site.url}/forums/${FORUM}/weeks/${openWeek.number}`);
    await page.locator('#discussion-heading').waitFor({ timeout: 30_000 });
    expect(await page.locator(`#case-study-${id}`).count()).toBe(0);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // Approved after its week opened: published at once, and pushed to the open page.
    await request(site.url)
      .post(`/api/case-studies/${id}/approve`)
      .set('Origin', site.url)
      .set('Cookie', orgCookie)
      .send({})
      .expect(200);
    const card = page.locator(`#case-study-${id}`);
    await expect.poll(() => card.count(), { timeout: 30_000 }).toBe(1);
    expect(await card.locator('h3 a[lang="es"]').textContent()).toBe('La feria de Sucre');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await shoot(page, '14-week-live-case-study');
    await page.close();
  }, 200_000);
});
