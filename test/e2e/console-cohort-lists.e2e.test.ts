// In a real browser, in Spanish: an organizer opens the console's Cohort tab, adds a region with
// its name in the three languages, moves it up, archives one in use, and gives week 4 its own
// seats with two per region; the application form then offers the regions, sectors and
// prerequisites by their Spanish names. A participant who opens the tab is refused.
// Screenshots of the tab and of the form in Spanish at 390 px and desktop widths.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let visitor: Awaited<ReturnType<typeof launchBrowser>>;
let organizer: TestUser;
const LIVE = 'sse-policy-live';
const WAIT = { timeout: 20_000 };
const shots = process.env.SHOTS_DIR ?? '/tmp/team/shots-regions';

beforeAll(async () => {
  site = await startSite();
  organizer = await createUser(site.testDatabase.database.db, {
    interfaceLang: 'es',
    roles: [{ forumSlug: LIVE, role: 'organizer' }],
  });
  browser = await launchBrowser({ locale: 'es-MX', timezoneId: 'America/Mexico_City' });
  visitor = await launchBrowser({ locale: 'es-MX', timezoneId: 'America/Mexico_City' });
  await signInBrowser(site, browser.context, organizer);
  await mkdir(shots, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await visitor?.close();
  await site?.close();
});

async function shoot(page: Page, name: string) {
  for (const [suffix, width] of [
    ['390', 390],
    ['desktop', 1280],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shots, `${name}-${suffix}.png`), fullPage: true });
  }
}

describe('the console’s cohort tab in Spanish', () => {
  it('keeps the forum’s regions and seats, and the form offers them by name', async () => {
    const db = site.testDatabase.database.db;
    // A key respondent from Quebec already holds a seat in week 4.
    const forum = await db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
    const kr = await createUser(db, { roles: [{ forumSlug: LIVE, role: 'key_respondent' }] });
    const week4 = await db
      .selectFrom('weeks')
      .select('id')
      .where('forum_id', '=', forum.id)
      .where('number', '=', 4)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('memberships')
      .set({ week_id: week4.id })
      .where('user_id', '=', kr.id)
      .where('role', '=', 'key_respondent')
      .execute();
    const quebec = await db
      .selectFrom('forum_regions')
      .select('id')
      .where('forum_id', '=', forum.id)
      .where('key', '=', 'quebec')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('forum_member_regions')
      .values({ forum_id: forum.id, user_id: kr.id, region_id: quebec.id })
      .execute();
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/forums/${LIVE}/console`);
    await page
      .getByRole('navigation', { name: 'Consola de organización' })
      .getByRole('link', { name: 'Cohorte' })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT)
      .toBe('Regiones, sectores, convocatoria y temas');
    const regions = page.locator('section[aria-labelledby=regions-heading]');
    await expect
      .poll(() => regions.locator('.list-entry-name').allTextContents(), WAIT)
      .toEqual(['Canadá anglófono', 'Quebec', 'Brasil', 'Hispanoamérica']);

    // A new region, named in each language.
    await regions.getByLabel('Nombre en inglés').fill('Caribbean');
    await regions.getByLabel('Nombre en español').fill('Caribe');
    await regions.getByLabel('Nombre en francés').fill('Caraïbes');
    await regions.getByRole('button', { name: 'Añadir', exact: true }).click();
    await expect
      .poll(() => regions.locator('.list-entry-name').allTextContents(), WAIT)
      .toEqual(['Canadá anglófono', 'Quebec', 'Brasil', 'Hispanoamérica', 'Caribe']);
    await regions.getByRole('button', { name: 'Subir «Caribe»' }).click();
    await expect
      .poll(() => regions.locator('.list-entry-name').allTextContents(), WAIT)
      .toEqual(['Canadá anglófono', 'Quebec', 'Brasil', 'Caribe', 'Hispanoamérica']);
    const row = await db
      .selectFrom('forum_regions')
      .innerJoin('forums', 'forums.id', 'forum_regions.forum_id')
      .select(['forum_regions.key', 'forum_regions.en', 'forum_regions.fr', 'forum_regions.position'])
      .where('forums.slug', '=', LIVE)
      .where('forum_regions.es', '=', 'Caribe')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'caribbean', en: 'Caribbean', fr: 'Caraïbes', position: 4 });

    // Brazil is archived: it stays for those who chose it, and nobody new is offered it.
    await regions.locator('li', { hasText: 'Brasil' }).getByRole('button', { name: 'Archivar' }).click();
    await expect
      .poll(() => regions.locator('li.archived .list-entry-name').allTextContents(), WAIT)
      .toEqual(['Brasil']);

    // Week 4: four seats, two per region.
    const seats = page.locator('section[aria-labelledby=seats-heading]');
    await expect
      .poll(() => seats.locator('tr', { hasText: 'Semana 4' }).locator('td').last().textContent(), WAIT)
      .toBe('1 (Quebec 1)');
    await seats.getByLabel('Cupos de la semana 4').fill('4');
    await seats.getByLabel('Máximo de ponentes clave por región en la semana 4').fill('2');
    await seats.getByLabel('Máximo de ponentes clave por región en la semana 3').fill('1');
    await seats.getByRole('button', { name: 'Guardar cupos' }).click();
    await expect.poll(() => seats.getByText('Cupos guardados.').count(), WAIT).toBe(1);
    const weeks = await db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.number', 'weeks.key_respondent_limit', 'weeks.key_respondents_per_region'])
      .where('forums.slug', '=', LIVE)
      .where((eb) =>
        eb.or([
          eb('weeks.key_respondent_limit', 'is not', null),
          eb('weeks.key_respondents_per_region', 'is not', null),
        ]),
      )
      .orderBy('weeks.number')
      .execute();
    expect(weeks).toEqual([
      { number: 3, key_respondent_limit: null, key_respondents_per_region: 1 },
      { number: 4, key_respondent_limit: 4, key_respondents_per_region: 2 },
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'console-cohort-es');

    // The application form, in Spanish, for a visitor.
    const form = await visitor.context.newPage();
    await form.goto(`${site.url}/forums/${LIVE}/apply`);
    await expect
      .poll(() => form.locator('#region option').allTextContents(), WAIT)
      .toEqual(['Elija…', 'Canadá anglófono', 'Quebec', 'Caribe', 'Hispanoamérica']);
    expect(await form.locator('#sector option').allTextContents()).toEqual([
      'Elija…',
      'Funcionario/a de gobierno (de cualquier nivel)',
      'Personal o voluntariado de una ONG',
      'Académico/a o investigador/a',
      'Activista de base',
    ]);
    expect(await form.locator('#prerequisites label').allTextContents()).toContain(
      ' Puedo dedicar al foro de 2 a 5 horas por semana.',
    );
    await form.getByLabel('Candidato o candidata a ponente clave').check();
    await form
      .getByLabel('Experiencia de investigación sobre la economía social')
      .fill('Estudié el crédito cooperativo en Oaxaca.');
    await shoot(form, 'apply-form-es');

    // A participant who finds the tab is told it is for organizers; the API refuses them too.
    const participant = await createUser(db, {
      interfaceLang: 'es',
      roles: [{ forumSlug: LIVE, role: 'participant' }],
    });
    const other = await launchBrowser({ locale: 'es-MX' });
    try {
      await signInBrowser(site, other.context, participant);
      const refused = await other.context.newPage();
      await refused.goto(`${site.url}/forums/${LIVE}/console/cohort`);
      await expect.poll(() => refused.locator('.notice-error').count(), WAIT).toBe(1);
      expect(await refused.locator('section[aria-labelledby=regions-heading]').count()).toBe(0);
      expect((await other.context.request.get(`${site.url}/api/forums/${LIVE}/lists/regions`)).status()).toBe(403);
    } finally {
      await other.close();
    }
  });
});
