// Smoke journey in a real browser: a Spanish-speaking visitor opens the live forum's landing
// page, reads it in Spanish with the right lang attributes, and signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ locale: 'es-BO' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('landing page in Spanish, then sign-in', () => {
  it('shows the call for participation and schedule in Spanish and signs a participant in', async () => {
    const user = await createUser(site.testDatabase.database.db, {
      interfaceLang: 'es',
      roles: [{ forumSlug: 'sse-policy-live', role: 'participant' }],
    });
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/forums/sse-policy-live`);

    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toContain('Foro Canadá–América Latina');
    expect(await page.locator('[lang="es"]', { hasText: 'economía social y solidaria' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Abierta ahora').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Iniciar sesión' }).first().click();
    await page.locator('input[type=email]').fill(user.email);
    await page.locator('input[type=password]').fill(user.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Cerrar sesión' }).count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });
});
