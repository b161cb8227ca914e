// Browser journey of the admins' outbox without SMTP: a French admin opens a queued message and
// reads both parts — the HTML part in a sandboxed frame (no script, no access to the page), the
// text part beside it — with the labels in French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../server/mail/outbox.queries.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { createUser } from '../helpers/test-app.ts';

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser({ locale: 'fr-CA' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the outbox page', () => {
  it('shows a message’s HTML part in a sandboxed frame and its text part', async () => {
    const db = site.testDatabase.database.db;
    const admin = await createUser(db, {
      interfaceLang: 'fr',
      readingLangs: ['fr'],
      isAdmin: true,
      name: 'Adèle Admin',
    });
    await queueEmail(db, {
      toEmail: 'quelqu-un@example.test',
      lang: 'es',
      template: 'registration_attempt_on_existing_account',
    });
    await signInBrowser(site, browser.context, admin);

    const page = await browser.context.newPage();
    await page.goto(`${site.url}/admin/outbox`);
    const message = page.locator('[data-testid=outbox-message]', { hasText: 'quelqu-un@example.test' });
    await message.locator('summary').click();
    await expect.poll(() => message.getByText('Partie HTML', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await message.getByText('Partie texte', { exact: true }).count()).toBe(1);

    const frame = message.locator('iframe[data-testid=outbox-html]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('lang')).toBe('es');
    expect(await frame.getAttribute('title')).toMatch(/^Partie HTML de «\s*Alguien intentó registrarse/);
    const inside = page.frameLocator('iframe[data-testid=outbox-html]').first();
    await expect.poll(() => inside.locator('html').getAttribute('lang'), { timeout: 10_000 }).toBe('es');
    expect(await inside.locator('body').innerText()).toContain('Alguien');
    // The frame's document is opaque to the page: sandboxed without allow-same-origin.
    expect(await frame.evaluate((element) => (element as HTMLIFrameElement).contentDocument)).toBeNull();
    expect(await message.locator('pre.outbox-text').innerText()).toContain('Alguien');
    await page.close();
  });
});
