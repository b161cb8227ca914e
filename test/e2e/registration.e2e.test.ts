// Browser journey of a new account in Spanish: register from a forum's page, be asked to check
// the mailbox, fail to sign in before verifying (with a hint why), then open the emailed link
// from the outbox, confirm, and land signed in on the forum the registration started from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { verificationLink } from '../helpers/verification.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('registering, then following the emailed link', () => {
  it('asks to check the mailbox, refuses sign-in until the link is followed, then signs in on the forum', async () => {
    const email = 'rocio.mamani@example.org';
    const password = 'economia-solidaria';
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/register?next=${encodeURIComponent(`/forums/${FORUM}`)}`);
    await page.locator('#email').fill(email);
    await page.locator('#displayName').fill('Rocío Mamani');
    await page.locator('#password').fill(password);
    await page.locator('#acceptTerms').check();
    await page.getByRole('button', { name: 'Crear cuenta' }).click();

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Revise su correo');
    expect(await page.getByText(`Le enviamos un enlace a ${email}.`).count()).toBe(1);

    await page.goto(`${site.url}/sign-in`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => page.getByText('¿Acaba de registrarse?').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0);

    // The link as the email carries it, on this test site's address.
    const link = await verificationLink(site.testDatabase.database.db, email);
    expect(link.searchParams.get('next')).toBe(`/forums/${FORUM}`);
    await page.goto(`${site.url}${link.pathname}${link.search}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Confirme su dirección de correo');
    await page.getByRole('button', { name: 'Confirmar e iniciar sesión' }).click();

    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe(`/forums/${FORUM}`);
    await expect.poll(() => page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(1);
    await page.close();
  });
});
