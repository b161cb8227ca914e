// Browser journey of readings: an organizer adds a reading with a PDF from the console's
// readings tab (every control found by its label), then a participant finds it in the week
// page's short table of contents, opens its own page and downloads the PDF as a PDF. A refused
// file saves nothing, and the corrected form adds one reading with its file.
// Screenshots (phone width and desktop) go to SCREENSHOTS_DIR or a temporary folder.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

const FORUM = 'sse-policy-live';
const shots = process.env.SCREENSHOTS_DIR ?? path.join(os.tmpdir(), 'tertulia-e2e-readings');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let site: RunningSite;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  await mkdir(shots, { recursive: true });
  site = await startSite();
  browser = await launchBrowser({ locale: 'en-CA' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('readings from the console to the reader', () => {
  it('an organizer adds a reading with a PDF; a participant finds it in the table of contents and opens it', async () => {
    const db = site.testDatabase.database.db;
    const [organizer, participant] = await Promise.all([
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'organizer' }],
        interfaceLang: 'en',
        readingLangs: ['en'],
        name: 'Marie Tremblay',
      }),
      createUser(db, {
        roles: [{ forumSlug: FORUM, role: 'participant' }],
        interfaceLang: 'en',
        readingLangs: ['en'],
        name: 'Sam Okafor',
      }),
    ]);
    const title = `Community land trusts ${Date.now()}`;

    await signInBrowser(site, browser.context, organizer);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}/forums/${FORUM}/console/readings?week=2`);
    await page.getByRole('button', { name: 'Add a reading' }).click({ timeout: 30_000 });
    await page.getByLabel('Original language').selectOption('en');
    await page.getByLabel('Title (English)').fill(title);
    await page
      .getByLabel('Text (English, Markdown)')
      .fill('A short introduction to **community land trusts**, and why cooperatives use them.');
    await page.getByRole('button', { name: 'Show preview' }).click();
    await expect
      .poll(() => page.locator('.reading-preview strong').textContent(), { timeout: 15_000 })
      .toBe('community land trusts');
    await page
      .getByLabel('Attach files')
      .setInputFiles({ name: 'land-trusts.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.screenshot({ path: path.join(shots, 'console-form-desktop.png'), fullPage: true });
    await page.getByRole('button', { name: 'Add the reading' }).click();
    await expect.poll(() => page.getByText('The reading was added.').count(), { timeout: 30_000 }).toBe(1);
    const row = page.locator('.reading-row', { hasText: title });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('1 attachment');
    await page.screenshot({ path: path.join(shots, 'console-list-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Add a reading' }).click();
    await page.screenshot({ path: path.join(shots, 'console-form-phone.png'), fullPage: true });
    await page.close();

    await signInBrowser(site, browser.context, participant);
    const reader = await browser.context.newPage();
    await reader.setViewportSize({ width: 390, height: 844 });
    await reader.goto(`${site.url}/forums/${FORUM}/weeks/2`);
    const entry = reader.locator('.reading-toc li', { hasText: title });
    await expect.poll(() => entry.count(), { timeout: 30_000 }).toBe(1);
    expect(await entry.textContent()).toContain('1 attachment');
    await reader.screenshot({ path: path.join(shots, 'week-toc-phone.png'), fullPage: true });
    // The discussion is no longer buried: its heading starts within the first few screens on a phone.
    const discussionTop = await reader
      .locator('#main h2')
      .last()
      .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(discussionTop).toBeLessThan(4000);

    await entry.getByRole('link', { name: title }).click();
    await expect.poll(() => reader.locator('h1').textContent(), { timeout: 15_000 }).toBe(title);
    const attachment = reader.getByRole('link', { name: 'land-trusts.pdf' });
    await expect.poll(() => attachment.count(), { timeout: 15_000 }).toBe(1);
    await reader.screenshot({ path: path.join(shots, 'reading-phone.png'), fullPage: true });
    await reader.setViewportSize({ width: 1280, height: 900 });
    await reader.screenshot({ path: path.join(shots, 'reading-desktop.png'), fullPage: true });
    const href = await attachment.getAttribute('href');
    const download = await reader.request.get(`${site.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(download.headers()['x-content-type-options']).toBe('nosniff');
    await reader.goto(`${site.url}/forums/${FORUM}/weeks/2`);
    await expect.poll(() => reader.locator('.reading-toc li', { hasText: title }).count(), { timeout: 30_000 }).toBe(1);
    await reader.screenshot({ path: path.join(shots, 'week-toc-desktop.png'), fullPage: false });
    await reader.close();

    // The same console in French on a phone: the labels come from the locale files.
    const french = await createUser(db, {
      roles: [{ forumSlug: FORUM, role: 'organizer' }],
      interfaceLang: 'fr',
      readingLangs: ['fr'],
      name: 'Julie Gagnon',
    });
    await signInBrowser(site, browser.context, french);
    const frPage = await browser.context.newPage();
    await frPage.setViewportSize({ width: 390, height: 844 });
    await frPage.goto(`${site.url}/forums/${FORUM}/console/readings?week=2`);
    await frPage.getByRole('button', { name: 'Ajouter une lecture' }).click({ timeout: 30_000 });
    await frPage.getByRole('button', { name: 'Ajouter une version en espagnol' }).click();
    expect(await frPage.getByLabel('Titre (espagnol)').count()).toBe(1);
    await frPage.screenshot({ path: path.join(shots, 'console-form-phone-fr.png'), fullPage: true });
    await frPage.close();
  }, 180_000);

  it('a refused file saves nothing; the corrected form then adds one reading with its file', async () => {
    const db = site.testDatabase.database.db;
    const organizer = await createUser(db, {
      roles: [{ forumSlug: FORUM, role: 'organizer' }],
      interfaceLang: 'es',
      readingLangs: ['es'],
      name: 'Lucía Quispe',
    });
    const title = `Fondos rotatorios ${Date.now()}`;
    const readingsTitled = () =>
      db.selectFrom('reading_texts').select('reading_id').where('title', '=', title).execute();
    await signInBrowser(site, browser.context, organizer);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}/forums/${FORUM}/console/readings?week=2`);
    await page.getByRole('button', { name: 'Agregar una lectura' }).click({ timeout: 30_000 });
    await page.getByLabel('Idioma original').selectOption('es');
    await page.getByLabel('Título (español)').fill(title);
    await page
      .getByLabel('Texto (español, Markdown)')
      .fill('Cómo financian las cooperativas sus **fondos rotatorios**.');
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    await page.getByLabel('Adjuntar archivos').setInputFiles([
      { name: 'fondos.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'falso.pdf', mimeType: 'application/pdf', buffer: html },
    ]);
    await page.getByRole('button', { name: 'Agregar la lectura' }).click();
    const alert = page.locator('[role="alert"], [role="status"]', { hasText: 'falso.pdf' });
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toContain('No se guardó nada');
    await page.screenshot({ path: path.join(shots, 'console-refused-file-es.png'), fullPage: true });
    expect(await readingsTitled()).toEqual([]);
    // The form is still open with the text: the bad file goes, the save is sent again, once, twice.
    await page
      .getByLabel('Adjuntar archivos')
      .setInputFiles([{ name: 'fondos.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await page.getByRole('button', { name: 'Agregar la lectura' }).click();
    await expect.poll(() => page.getByText('Se agregó la lectura.').count(), { timeout: 30_000 }).toBe(1);
    const row = page.locator('.reading-row', { hasText: title });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('1 adjunto');
    expect(await readingsTitled()).toHaveLength(1);
    await page.close();
  }, 180_000);
});
