// The cohort in a real browser: a Spanish-speaking visitor applies as key-respondent candidate,
// opening their account in the same form, choosing the forum's region and sector by name,
// telling their experience and confirming the call's prerequisites (the form says which is
// missing), and the live counter refuses the 301st word; an organizer filters by region and
// sector, reads the experience, and accepts them as key respondent for week 4; the candidate
// then sees their status and their week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { wordLimitCases } from '../../web/src/text/word-count.cases.ts';

let site: RunningSite;
let visitor: Awaited<ReturnType<typeof launchBrowser>>;
let organizerBrowser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  visitor = await launchBrowser({ locale: 'es-PE', timezoneId: 'America/Lima' });
  organizerBrowser = await launchBrowser({ locale: 'en-CA' });
}, 180_000);
afterAll(async () => {
  await visitor?.close();
  await organizerBrowser?.close();
  await site?.close();
});

const LIVE = 'sse-policy-live';

describe('applying, selecting and seeing the decision', () => {
  it('takes a Spanish candidate from the form to key respondent of week 4', async () => {
    const db = site.testDatabase.database.db;
    const page = await visitor.context.newPage();
    await page.goto(`${site.url}/forums/${LIVE}`);
    await page.getByRole('link', { name: 'Solicitar participación' }).click();

    await page.getByLabel('Candidato o candidata a ponente clave').check();
    await page.getByLabel('Descripción de su trabajo').fill('Coordino una red de cooperativas de ahorro en Cusco.');
    const statement = wordLimitCases.find((c) => c.lang === 'es')!.text;
    const statementBox = page.locator('#statement');
    await statementBox.fill(statement);
    await expect.poll(() => page.locator('#statement-count').textContent()).toBe('300 de 300 palabras');
    await statementBox.press('End');
    await statementBox.pressSequentially(' más');
    await expect.poll(() => page.locator('#statement-count').textContent()).toContain('301 palabras');
    const submit = page.getByRole('button', { name: 'Enviar mi solicitud' });
    expect(await submit.isDisabled()).toBe(true);
    await statementBox.fill(statement);
    expect(await submit.isDisabled()).toBe(false);

    await page.locator('#fitsWeek').selectOption('4');
    await page.locator('#organisation').fill('Red de cajas rurales');
    expect(await page.locator('#region option').allTextContents()).toEqual([
      'Elija…',
      'Canadá anglófono',
      'Quebec',
      'Brasil',
      'Hispanoamérica',
    ]);
    await page.locator('#region').selectOption({ label: 'Hispanoamérica' });
    await page.locator('#sector').selectOption({ label: 'Activista de base' });
    await page
      .getByLabel('Trabajo de terreno en la economía social, identificando necesidades de política')
      .fill('Acompaño a 14 cajas rurales de Cusco.');
    await page.locator('#country').fill('Perú');
    await page.getByLabel('Con mi nombre').check();
    await page.locator('#email').fill('candidata@example.test');
    await page.locator('#displayName').fill('Rosa Huamán');
    await page.locator('#password').fill('una clave bastante larga');
    await page.locator('#acceptTerms').check();
    // The form names what is missing before sending anything.
    await submit.click();
    await expect
      .poll(() =>
        page.getByRole('alert').filter({ hasText: 'Confirme cada uno de los requisitos de la convocatoria.' }).count(),
      )
      .toBe(1);
    expect(await db.selectFrom('users').select('id').where('email', '=', 'candidata@example.test').execute()).toEqual(
      [],
    );
    for (const box of await page.locator('#prerequisites input[type=checkbox]').all()) await box.check();
    await submit.click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'candidata@example.test' }).count(), { timeout: 10_000 })
      .toBe(1);

    // The emailed link verifies the address and signs in.
    const mail = await db
      .selectFrom('outbox')
      .select('payload')
      .where('to_email', '=', 'candidata@example.test')
      .where('template', '=', 'verify_email')
      .executeTakeFirstOrThrow();
    const token = new URL(String(mail.payload.verifyUrl)).searchParams.get('token');
    await visitor.context.request.post(`${site.url}/api/auth/verify-email`, {
      data: { token },
      headers: { Origin: site.url },
    });

    const organizer = await createUser(db, { interfaceLang: 'en', roles: [{ forumSlug: LIVE, role: 'organizer' }] });
    await organizerBrowser.context.request.post(`${site.url}/api/auth/sign-in`, {
      data: { email: organizer.email, password: organizer.password },
      headers: { Origin: site.url },
    });
    const review = await organizerBrowser.context.newPage();
    await review.goto(`${site.url}/forums/${LIVE}/applications`);
    await review.locator('select[name=region]').selectOption('hispanic-america');
    await review.locator('select[name=sector]').selectOption('grassroots');
    expect(await review.locator('select[name=sector] option:checked').textContent()).toBe('Grassroots activist (1)');
    const item = review.locator('li[data-application]', { hasText: 'Rosa Huamán' });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    // The filtered list replaces the full one when its answer arrives: wait for that, not the first match.
    await expect.poll(() => review.locator('li[data-application]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await item.locator('.meta').textContent()).toContain('Hispanic America · Grassroots activist');
    await item.locator('summary').click();
    expect(await item.locator('.candidate-experience').textContent()).toContain(
      'Work on the ground in the social economy, identifying policy needsAcompaño a 14 cajas rurales de Cusco.',
    );
    await item.getByLabel('Week whose theme your statement fits').selectOption('4');
    await item.getByRole('button', { name: 'Accept as key respondent for' }).click();
    await expect.poll(() => review.getByText('Decision recorded.').count(), { timeout: 10_000 }).toBe(1);

    await page.goto(`${site.url}/forums/${LIVE}`);
    await expect
      .poll(() => page.locator('.cohort-panel [data-status]').textContent(), { timeout: 10_000 })
      .toBe('Aceptada');
    expect(await page.locator('.cohort-panel [data-week="4"]').textContent()).toContain('semana 4');
    // Week 4 has not opened, but its key respondent may read its material to prepare.
    const week = await visitor.context.request.get(`${site.url}/api/forums/${LIVE}/weeks/4`);
    expect(week.status()).toBe(200);
    expect((await week.json()).week.state).toBe('upcoming');
    await page.close();
    await review.close();
  });
});

describe('withdrawing and applying again', () => {
  it('asks before withdrawing, shows the withdrawn state, and sends the old answers again once', async () => {
    const db = site.testDatabase.database.db;
    const person = await createUser(db, { interfaceLang: 'es', readingLangs: ['es'], name: 'Elena Vargas' });
    const browser = await launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' });
    try {
      await signInBrowser(site, browser.context, person);
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      let acceptDialog = false;
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void (acceptDialog ? dialog.accept() : dialog.dismiss());
      });
      await page.goto(`${site.url}/forums/${LIVE}/apply`);
      const description = 'Acompaño a cooperativas de vivienda por ayuda mutua en Cochabamba.';
      await page.locator('#description').fill(description);
      await page.locator('#organisation').fill('Federación de cooperativas de vivienda');
      await page.locator('#region').selectOption({ label: 'Hispanoamérica' });
      await page.locator('#sector').selectOption({ label: 'Activista de base' });
      await page.locator('#country').fill('Bolivia');
      await page.getByLabel('Con mi nombre').check();
      for (const box of await page.locator('#prerequisites input[type=checkbox]').all()) await box.check();
      await page.getByRole('button', { name: 'Enviar mi solicitud' }).click();
      const status = page.locator('.application-status [data-status]');
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');

      // Withdrawing asks first; saying no changes nothing.
      await page.getByRole('button', { name: 'Retirar mi solicitud' }).click();
      await expect.poll(() => dialogs.length).toBe(1);
      expect(dialogs[0]).toContain('¿Retirar su solicitud?');
      expect(await status.getAttribute('data-status')).toBe('pending');
      acceptDialog = true;
      await page.getByRole('button', { name: 'Retirar mi solicitud' }).click();
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('withdrawn');
      expect(await page.locator('main').textContent()).not.toContain('No encontramos');
      await page.screenshot({ path: '/tmp/apply-withdrawn-es.png', fullPage: true });

      // After a reload the same: the withdrawn state and a way back, no form whose save would fail.
      await page.reload();
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('withdrawn');
      expect(await page.getByRole('button', { name: 'Guardar mis cambios' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Volver a presentar la solicitud' }).click();
      expect(await page.locator('#description').inputValue()).toBe(description);
      expect(await page.locator('#country').inputValue()).toBe('Bolivia');
      // The publication choice on record is offered again rather than asked twice.
      expect(await page.getByLabel('Con mi nombre').isChecked()).toBe(true);
      await page.screenshot({ path: '/tmp/apply-again-es.png', fullPage: true });
      const again = page.getByRole('button', { name: 'Enviar de nuevo mi solicitud' });
      await again.dblclick();
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
      expect(await page.locator('.application-status [role=alert]').textContent()).toBe('');
      const rows = await db
        .selectFrom('applications')
        .select(['status', 'description'])
        .where('user_id', '=', person.id)
        .execute();
      expect(rows).toEqual([{ status: 'pending', description }]);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
