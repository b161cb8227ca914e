// Browser journey of account recovery in Spanish: from the sign-in page to "¿Olvidó su
// contraseña?", the emailed link (read from the outbox), a new password that signs in here and
// ends the session on another device, and the same link refused a second time. Also the
// console's export tab for an organizer. Screenshots at 390 px and desktop go to
// /tmp/team/shots-g/ for a human look.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/team/shots-g';
const WAIT = { timeout: 30_000 };

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startSite();
  browser = await launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
}

async function resetLink(email: string): Promise<URL> {
  const row = await site.testDatabase.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('to_email', '=', email)
    .where('template', '=', 'reset_password')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return new URL(String(row.payload.resetUrl));
}

describe('recovering an account in Spanish', () => {
  it('asks for a link, sets a new password, signs in here and out elsewhere, and refuses the link again', async () => {
    const email = 'rocio.mamani@example.org';
    await ensureAccount(site.testDatabase.database.db, {
      email,
      password: 'la contraseña olvidada',
      displayName: 'Rocío Mamani',
      interfaceLang: 'es',
      roles: [{ forumSlug: FORUM, role: 'participant' }],
    });
    // Another device, signed in with the old password.
    const other = await browser.context.request.post(`${site.url}/api/auth/sign-in`, {
      headers: { origin: site.url },
      data: { email, password: 'la contraseña olvidada' },
    });
    expect(other.status()).toBe(200);
    const otherCookie = (await browser.context.cookies()).find((cookie) => cookie.name === 'tertulia_session')!;
    await browser.context.clearCookies();

    const page = await browser.context.newPage();
    await page.goto(`${site.url}/sign-in`);
    await page.locator('#email').fill(email);
    await shots(page, '01-sign-in-with-forgot-link');
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('¿Olvidó su contraseña?');
    // The address typed on the sign-in page came along.
    expect(await page.locator('#email').inputValue()).toBe(email);
    await shots(page, '02-forgot-password');
    await page.getByRole('button', { name: 'Enviarme un enlace' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Revise su correo');
    expect(await page.getByText(`Si alguna cuenta usa ${email}`).count()).toBe(1);
    await shots(page, '03-check-email');

    const link = await resetLink(email);
    await page.goto(`${site.url}${link.pathname}${link.search}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT)
      .toBe('Elija una contraseña nueva');
    await page.locator('#password').fill('una frase nueva y larga');
    await page.locator('#repeat').fill('una frase distinta');
    await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();
    await expect.poll(() => page.getByText('Las dos contraseñas no coinciden').count(), WAIT).toBe(1);
    await shots(page, '04-reset-mismatch');
    await page.locator('#repeat').fill('una frase nueva y larga');
    await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();

    await expect.poll(() => new URL(page.url()).pathname, WAIT).toBe('/');
    await expect.poll(() => page.getByRole('button', { name: 'Cerrar sesión' }).count(), WAIT).toBe(1);

    // The other device's session is over.
    const me = await fetch(`${site.url}/api/me`, { headers: { cookie: `tertulia_session=${otherCookie.value}` } });
    expect((await me.json()).user).toBeNull();

    // The link a second time: a clear refusal and a way to ask for another.
    await page.goto(`${site.url}${link.pathname}${link.search}`);
    await page.locator('#password').fill('otra frase más larga');
    await page.locator('#repeat').fill('otra frase más larga');
    await page.getByRole('button', { name: 'Guardar la contraseña nueva' }).click();
    await expect.poll(() => page.getByText('ya se utilizó').count(), WAIT).toBe(1);
    expect(await page.getByRole('link', { name: 'Pedir otro enlace' }).count()).toBe(1);
    await shots(page, '05-reset-link-used');
    await page.close();
  }, 180_000);
});

describe('the console export tab', () => {
  it('offers an organizer the archive of the forum', async () => {
    await browser.context.clearCookies();
    const email = 'organizadora@example.org';
    await ensureAccount(site.testDatabase.database.db, {
      email,
      password: 'organizar el foro',
      displayName: 'Ana Organizadora',
      interfaceLang: 'es',
      roles: [{ forumSlug: FORUM, role: 'organizer' }],
    });
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/sign-in`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('organizar el foro');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Cerrar sesión' }).count(), WAIT).toBe(1);
    await page.goto(`${site.url}/forums/${FORUM}/console/export`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Exportar el foro');
    await shots(page, '06-console-export');
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('link', { name: 'Descargar el archivo (.tar.gz)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${FORUM}-content-\\d{4}-\\d{2}-\\d{2}\\.tar\\.gz$`));
    await page.close();
  }, 120_000);
});
