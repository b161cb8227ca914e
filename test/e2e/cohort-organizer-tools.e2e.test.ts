// The organizers' cohort tools in a real browser: the country filter with its counts, the
// description word limit beside the key-respondent limits, and the invitations sent, revoked
// from the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { signInBrowser, siteSessionCookie } from '../helpers/site-sign-in.ts';
import supertest from 'supertest';

let site: RunningSite;
let applicantBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let organizerBrowser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  applicantBrowser = await launchBrowser({ locale: 'es-CL' });
  organizerBrowser = await launchBrowser({ locale: 'en-CA', timezoneId: 'America/Toronto' });
}, 180_000);
afterAll(async () => {
  await applicantBrowser?.close();
  await organizerBrowser?.close();
  await site?.close();
});

const LIVE = 'sse-policy-live';

describe("an organizer's cohort tools", () => {
  it('filters by country with counts, sets the description word limit, and revokes an invitation', async () => {
    const db = site.testDatabase.database.db;
    const request = applicantBrowser.context.request;
    const applicant = await createUser(db, { interfaceLang: 'es' });
    await request.post(`${site.url}/api/auth/sign-in`, {
      data: { email: applicant.email, password: applicant.password },
      headers: { Origin: site.url },
    });
    const applied = await request.post(`${site.url}/api/forums/${LIVE}/application`, {
      headers: { Origin: site.url },
      data: {
        kind: 'participant',
        description: 'Coordino una red de cooperativas de vivienda en Montevideo.',
        organisation: 'Red coop',
        region: 'hispanic-america',
        sector: 'ngo',
        prerequisites: ['internet', 'reads-english', 'interest', 'hours'],
        country: 'Uruguay',
        langs: ['es'],
        publicationConsent: 'named',
      },
    });
    expect(applied.status()).toBe(201);

    const organizer = await createUser(db, { interfaceLang: 'en', roles: [{ forumSlug: LIVE, role: 'organizer' }] });
    await organizerBrowser.context.request.post(`${site.url}/api/auth/sign-in`, {
      data: { email: organizer.email, password: organizer.password },
      headers: { Origin: site.url },
    });
    const review = await organizerBrowser.context.newPage();
    await review.goto(`${site.url}/forums/${LIVE}/applications`);
    const country = review.locator('select[name=country]');
    await expect.poll(() => country.locator('option', { hasText: 'Uruguay (1)' }).count(), { timeout: 10_000 }).toBe(1);
    await country.selectOption('Uruguay');
    await expect.poll(() => review.locator('li[data-application]').count(), { timeout: 10_000 }).toBe(1);
    expect(review.url()).toContain('country=Uruguay');

    await review.getByLabel('Words in the description').fill('60');
    await review.locator('form', { hasText: 'Words in the description' }).getByRole('button').click();
    await expect
      .poll(
        async () =>
          (await (await organizerBrowser.context.request.get(`${site.url}/api/forums/${LIVE}/application`)).json()).call
            .descriptionWordLimit,
        { timeout: 10_000 },
      )
      .toBe(60);

    await review.locator('input[type=email]').fill('invitee@example.test');
    await review.locator('form', { hasText: 'Add or invite by email' }).getByRole('button').click();
    const row = review.locator('table.sent-invitations tr', { hasText: 'invitee@example.test' });
    await expect.poll(() => row.locator('[data-status]').textContent(), { timeout: 10_000 }).toBe('Pending');
    await row.getByRole('button', { name: 'Revoke the invitation to invitee@example.test' }).click();
    await expect.poll(() => row.locator('[data-status]').textContent(), { timeout: 10_000 }).toBe('Revoked');
    await review.close();
  });
});

describe('deciding in bulk, in Spanish', () => {
  it('leaves an accepted key respondent as they are and says so, and demotes one only when confirmed', async () => {
    const db = site.testDatabase.database.db;
    const organizer = await createUser(db, { interfaceLang: 'es', roles: [{ forumSlug: LIVE, role: 'organizer' }] });
    const organizerCookie = await siteSessionCookie(site, organizer);
    const send = (path: string, body: object, cookie: string) =>
      supertest(site.url).post(path).set('Origin', site.url).set('Cookie', cookie).send(body);
    const apply = async (name: string, body: object) => {
      const person = await createUser(db, { interfaceLang: 'es', name });
      const response = await send(
        `/api/forums/${LIVE}/application`,
        {
          organisation: 'Red',
          region: 'hispanic-america',
          sector: 'grassroots',
          prerequisites: ['internet', 'reads-english', 'interest', 'hours'],
          country: 'Cuba',
          langs: ['es'],
          publicationConsent: 'named',
          ...body,
        },
        await siteSessionCookie(site, person),
      ).expect(201);
      return response.body.application.id as number;
    };
    const keyRespondent = await apply('Yaimara Pérez', {
      kind: 'key_respondent',
      description: 'Cooperativas agropecuarias.',
      statement: 'Una experiencia de crédito cooperativo.',
      fitsWeek: 3,
    });
    const pending = await apply('Osvaldo Díaz', { kind: 'participant', description: 'Huertos urbanos.' });
    await send(
      `/api/forums/${LIVE}/applications/${keyRespondent}/decision`,
      { decision: 'accept', role: 'key_respondent', week: 3 },
      organizerCookie,
    ).expect(200);

    const browser = await launchBrowser({ locale: 'es-CU', timezoneId: 'America/Havana' });
    try {
      await signInBrowser(site, browser.context, organizer);
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.accept();
      });
      await page.goto(`${site.url}/forums/${LIVE}/applications?country=Cuba`);
      await expect.poll(() => page.locator('li[data-application]').count(), { timeout: 10_000 }).toBe(2);
      await page.getByLabel('Seleccionar todas las mostradas').check();
      await page.locator('.bulk').getByRole('button', { name: 'Aceptar como participante' }).click();
      const skipped = page.locator(`[data-skipped="${keyRespondent}"]`);
      await expect.poll(() => skipped.count(), { timeout: 10_000 }).toBe(1);
      expect(await skipped.textContent()).toBe('Yaimara Pérez: Aceptada · ponente clave de la semana 3');
      expect(await page.locator('main').textContent()).toContain('Decisión registrada para 1 solicitud.');
      await page.screenshot({ path: '/tmp/bulk-skipped-es.png', fullPage: true });
      const roles = async (id: number) =>
        db
          .selectFrom('memberships')
          .innerJoin('applications', (join) => join.onRef('applications.user_id', '=', 'memberships.user_id'))
          .select('memberships.role')
          .where('applications.id', '=', id)
          .orderBy('memberships.role')
          .execute();
      expect((await roles(keyRespondent)).map((r) => r.role)).toEqual(['key_respondent', 'participant']);
      expect((await roles(pending)).map((r) => r.role)).toEqual(['participant']);

      // One by one, accepting the key respondent as a participant asks first, in words, then takes the seat away.
      const item = page.locator(`li[data-application="${keyRespondent}"]`);
      await item.getByRole('button', { name: 'Aceptar como participante' }).click();
      await expect.poll(() => dialogs.length, { timeout: 10_000 }).toBe(1);
      expect(dialogs[0]).toContain('Yaimara Pérez es ponente clave de la semana 3');
      await expect
        .poll(async () => (await roles(keyRespondent)).map((r) => r.role), { timeout: 10_000 })
        .toEqual(['participant']);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
