// Browser journey of the proceedings: a Montréal organizer with a French interface opens the
// console's proceedings tab of the closed 2009 forum, whose synthesis is built, generates the
// Spanish edition of the threads its elements cite, sees it ready, downloads the web page and
// the PDF, and publishes it; a visitor with a Spanish interface then finds it on the forum page,
// under "Actas", and opens it. axe finds nothing serious or critical on the proceedings and
// analytics tabs. Screenshots go to /tmp/shots-proceedings/.
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUserByEmail } from '../../server/demo/demo-accounts.ts';
import { seedDemoArchive } from '../../server/demo/demo-archive.ts';
import { seedArchiveElements } from '../../server/demo/demo-synthesis.ts';
import { runDueEditions } from '../../server/proceedings/proceedings-job.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { seriousViolations } from '../helpers/page-checks.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { createUser, type TestUser } from '../helpers/test-app.ts';

const ARCHIVE = 'sse-policy-2009';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-proceedings';
const WAIT = { timeout: 20_000 };

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let site: RunningSite;
let proceedingsDir: string;
let organizer: TestUser;
let french: Browser;
let spanish: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  proceedingsDir = await mkdtemp(path.join(tmpdir(), 'e2e-proceedings-'));
  site = await startSite({ proceedingsDir });
  const db = site.testDatabase.database.db;
  organizer = await createUser(db, {
    interfaceLang: 'fr',
    readingLangs: ['fr', 'en'],
    name: 'Geneviève Tremblay',
    roles: [{ forumSlug: ARCHIVE, role: 'organizer' }],
  });
  const archive = await seedDemoArchive(db, ARCHIVE);
  if (!archive) throw new Error('the archive forum is missing from content/');
  await seedArchiveElements(db, ARCHIVE, archive, (await sessionUserByEmail(db, organizer.email))!);
  [french, spanish] = await Promise.all([
    launchBrowser({ locale: 'fr-CA', timezoneId: 'America/Toronto' }),
    launchBrowser({ locale: 'es-BO', timezoneId: 'America/La_Paz' }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([french?.close(), spanish?.close()]);
  await site?.close();
});

async function download(page: Page, linkName: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  const saved = await file.path();
  return readFile(saved);
}

describe('the proceedings of the 2009 forum', () => {
  it('are generated in Spanish by a French-speaking organizer, downloaded, published and found by a Spanish visitor', async () => {
    const db = site.testDatabase.database.db;
    await signInBrowser(site, french.context, organizer);
    const page = await french.context.newPage();
    await page.goto(`${site.url}/forums/${ARCHIVE}/console/proceedings`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Actes');
    // By default every thread an accepted element cites is chosen.
    const threads = page.locator('.proceedings-threads input[type=checkbox]');
    await expect.poll(() => threads.count(), WAIT).toBeGreaterThan(0);
    const checked = await threads.evaluateAll((boxes) => boxes.filter((box) => (box as HTMLInputElement).checked));
    expect(checked.length).toBeGreaterThan(0);
    expect(await page.locator('.proceedings-threads [lang]').first().getAttribute('lang')).toMatch(/^(en|es|fr)$/);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Langue de l’édition').selectOption({ label: 'espagnol' });
    await page.getByRole('button', { name: 'Produire l’édition en espagnol' }).click();
    const edition = page.locator('.proceedings-edition').first();
    await expect.poll(() => edition.locator('.badge').first().textContent(), WAIT).toBe('En attente');
    // The scheduler's tick is off in tests: the test runs the job it would run.
    expect(await runDueEditions(db, { proceedingsDir, now: () => new Date() })).toBe(1);
    // The page asks again while an edition is being made.
    await expect.poll(() => edition.locator('.badge').first().textContent(), WAIT).toBe('Prête');
    await page.screenshot({ path: `${SHOTS}/console-ready-fr.png`, fullPage: true });

    const html = (await download(page, 'Page web (HTML)')).toString('utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('Fondos de garantía');
    // Carla chose not to appear: her words are not in any edition.
    expect(html).not.toContain('Carla Souza');
    const pdf = await download(page, 'PDF');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);

    await edition.getByRole('button', { name: 'Publier' }).click();
    await expect.poll(() => edition.locator('.badge').allTextContents(), WAIT).toEqual(['Prête', 'Publiée']);
    const publicUrl = await edition.locator('a[href*="/proceedings/es"]').getAttribute('href');
    expect(publicUrl).toMatch(/\/forums\/sse-policy-2009\/proceedings\/es/);

    await page.goto(`${site.url}/forums/${ARCHIVE}/console/analytics`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count(), WAIT).toBe(1);
    await expect.poll(() => page.locator('main').textContent(), WAIT).not.toContain('Chargement');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/console-analytics-fr.png`, fullPage: true });
    await page.close();

    const visitor = await spanish.context.newPage();
    await visitor.goto(`${site.url}/forums/${ARCHIVE}`);
    const list = visitor.locator('section[aria-labelledby=proceedings-heading]');
    await expect.poll(() => list.getByRole('heading').textContent(), WAIT).toBe('Actas');
    expect(await list.locator('li').first().textContent()).toContain('Edición en español, publicada el');
    await visitor.screenshot({ path: `${SHOTS}/forum-proceedings-es.png`, fullPage: true });
    const link = list.getByRole('link', { name: 'Página web (HTML)' });
    expect(await link.getAttribute('hreflang')).toBe('es');
    const opened = await visitor.request.get(`${site.url}${await link.getAttribute('href')}`);
    expect(opened.status()).toBe(200);
    expect(await opened.text()).toContain('<html lang="es"');
    await visitor.close();
  });
});
