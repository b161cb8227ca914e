// Browser journey of a participant with a Spanish interface leaving the site: from the profile's
// "Mis datos" they download their data as a readable page, then delete their account keeping
// their posts under a neutral name, and land signed out. axe checks each new page.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { seriousViolations } from '../helpers/page-checks.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { createUser } from '../helpers/test-app.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('taking one’s data and leaving', () => {
  it('downloads the readable export in Spanish, deletes the account and lands signed out', async () => {
    const db = site.testDatabase.database.db;
    const person = await createUser(db, {
      interfaceLang: 'es',
      readingLangs: ['es'],
      name: 'Rocío Mamani',
      roles: [{ forumSlug: FORUM, role: 'participant' }],
    });
    await signInBrowser(site, browser.context, person);
    const page = await browser.context.newPage();

    await page.goto(`${site.url}/legal/privacy`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Aviso de privacidad');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/privacy-legal-es.png', fullPage: true });

    await page.goto(`${site.url}/profile`);
    await expect.poll(() => page.getByRole('heading', { name: 'Mis datos', exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Mis datos', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/privacy-my-data-es.png', fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Descargar como página legible' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tertulia-my-data-\d{4}-\d{2}-\d{2}\.html$/);
    const html = await readFile(await download.path(), 'utf8');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>Sus datos en Tertulia</h1>');
    expect(html).toContain(person.email);

    // The readable export is itself a page people open: it must be accessible too.
    const exported = await browser.context.newPage();
    await exported.setContent(html);
    expect(await seriousViolations(exported)).toEqual([]);
    await exported.screenshot({ path: '/tmp/privacy-export-es.png', fullPage: true });
    await exported.close();

    // Sending without a choice names what is missing, and changes nothing.
    await page.getByRole('button', { name: 'Eliminar mi cuenta definitivamente' }).click();
    await expect.poll(() => page.getByText('Elija qué pasa con sus intervenciones.').count()).toBe(1);
    await page.getByLabel('Mantener mis intervenciones con el nombre «Antiguo participante»').check();
    await page.getByLabel('Su contraseña, para confirmar').fill('not my password');
    await page.getByRole('button', { name: 'Eliminar mi cuenta definitivamente' }).click();
    await expect.poll(() => page.getByText('La contraseña no es correcta. No se ha cambiado nada.').count()).toBe(1);
    await page.screenshot({ path: '/tmp/privacy-delete-refused-es.png', fullPage: true });

    await page.getByLabel('Su contraseña, para confirmar').fill(person.password);
    await page.getByRole('button', { name: 'Eliminar mi cuenta definitivamente' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/account-deleted');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Su cuenta ha sido eliminada');
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/privacy-deleted-es.png', fullPage: true });

    const account = await db
      .selectFrom('users')
      .select(['email', 'erased_at'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(account.erased_at).not.toBeNull();
    expect(account.email).not.toBe(person.email);
    // The old cookie no longer opens anything.
    await page.goto(`${site.url}/profile`);
    await expect.poll(() => page.getByRole('heading', { name: 'Mis datos', exact: true }).count()).toBe(0);
    await page.close();
  });
});
