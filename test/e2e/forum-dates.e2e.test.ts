// In a real browser, in Spanish: a forum's days read the same in São Paulo and in Auckland
// (they are the forum's calendar days, not instants), and a participant finds and picks a
// time zone by typing its city and using the keyboard.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let site: RunningSite;
let saoPaulo: Browser;
let auckland: Browser;
const screenshots = path.join(os.tmpdir(), 'tertulia-e2e-forum-dates');

beforeAll(async () => {
  site = await startSite();
  saoPaulo = await launchBrowser({ locale: 'es-BO', timezoneId: 'America/Sao_Paulo' });
  auckland = await launchBrowser({ locale: 'es-BO', timezoneId: 'Pacific/Auckland' });
  await mkdir(screenshots, { recursive: true });
});
afterAll(async () => {
  await saoPaulo?.close();
  await auckland?.close();
  await site?.close();
});

/** Every date span on the page as a reader sees it, with the days its <time> elements carry. */
async function dateSpans(page: Page, selector: string) {
  await expect.poll(() => page.locator(selector).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return page.locator(selector).evaluateAll((spans) =>
    spans.map((span) => ({
      text: span.textContent?.replace(/\s+/g, ' ').trim(),
      days: [...span.querySelectorAll('time')].map((time) => time.getAttribute('datetime')),
    })),
  );
}

async function forumDates(browser: Browser, name: string) {
  const page = await browser.context.newPage();
  await page.goto(`${site.url}/`);
  const list = await dateSpans(page, '.card .date-range');
  await page.screenshot({ path: path.join(screenshots, `${name}-list.png`), fullPage: true });
  await page.goto(`${site.url}/forums/sse-policy-2009`);
  const archive = await dateSpans(page, '.meta .date-range');
  const archiveWeeks = await dateSpans(page, 'td .date-range');
  const archiveCaption = await page.locator('caption').textContent();
  await page.screenshot({ path: path.join(screenshots, `${name}-2009.png`), fullPage: true });
  await page.goto(`${site.url}/forums/sse-policy-live`);
  const live = await dateSpans(page, '.meta .date-range');
  const liveWeeks = await dateSpans(page, 'td .date-range');
  const liveCaption = await page.locator('caption').textContent();
  await page.close();
  return { dates: { list, archive, archiveWeeks, live, liveWeeks }, captions: [archiveCaption, liveCaption] };
}

describe('forum dates in Spanish, read from two zones', () => {
  it('are the same calendar days in São Paulo and in Auckland', async () => {
    const [saoPauloPages, aucklandPages] = await Promise.all([
      forumDates(saoPaulo, 'sao-paulo'),
      forumDates(auckland, 'auckland'),
    ]);
    const fromSaoPaulo = saoPauloPages.dates;
    expect(aucklandPages.dates).toEqual(fromSaoPaulo);
    // The days are Toronto's; the live edition's coming weeks open at a time given in the reader's zone.
    expect(saoPauloPages.captions[0]).toMatch(/^Los días corresponden al calendario del foro: Toronto — .+\.$/);
    expect(saoPauloPages.captions[1]).toContain('su zona horaria: São Paulo — ');
    expect(aucklandPages.captions[1]).toContain('su zona horaria: Auckland — ');
    expect(fromSaoPaulo.archive).toEqual([{ text: '26 oct 2009 – 4 dic 2009', days: ['2009-10-26', '2009-12-04'] }]);
    expect(fromSaoPaulo.archiveWeeks[0]).toEqual({
      text: 'lun, 26 oct – dom, 1 nov',
      days: ['2009-10-26', '2009-11-01'],
    });
    expect(fromSaoPaulo.archiveWeeks[5]).toEqual({
      text: 'lun, 30 nov – vie, 4 dic',
      days: ['2009-11-30', '2009-12-04'],
    });
    expect(fromSaoPaulo.list).toContainEqual(fromSaoPaulo.archive[0]);
    expect(fromSaoPaulo.list).toContainEqual(fromSaoPaulo.live[0]);
    expect(fromSaoPaulo.liveWeeks).toHaveLength(6);
  });
});

describe('the time-zone picker in Spanish', () => {
  it('finds Bogotá by typing, chooses it with the keyboard and saves it', async () => {
    const user = await createUser(site.testDatabase.database.db, {
      interfaceLang: 'es',
      roles: [{ forumSlug: 'sse-policy-live', role: 'participant' }],
    });
    const page = await saoPaulo.context.newPage();
    await page.goto(`${site.url}/sign-in`);
    await page.locator('input[type=email]').fill(user.email);
    await page.locator('input[type=password]').fill(user.password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Cerrar sesión' }).count(), { timeout: 10_000 }).toBe(1);

    await page.goto(`${site.url}/profile`);
    const field = page.getByRole('combobox', { name: 'Zona horaria' });
    await expect.poll(() => field.inputValue(), { timeout: 10_000 }).toMatch(/^Toronto — .+ \(UTC−[45]\)$/);
    await field.focus();
    await page.keyboard.press('ArrowDown');
    expect(await field.getAttribute('aria-expanded')).toBe('true');
    // The reader's current zone first, then the browser's.
    const suggested = page.getByRole('group', { name: 'Sugerencias' }).getByRole('option');
    expect((await suggested.nth(0).textContent())?.startsWith('Toronto — ')).toBe(true);
    expect((await suggested.nth(1).textContent())?.startsWith('São Paulo — ')).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'picker-open.png'), fullPage: true });

    await page.keyboard.press('Escape');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    await field.pressSequentially('bogotá');
    const options = page.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.first().textContent()).toMatch(/^Bogotá — .*Colombia \(UTC−5\)$/);
    expect(await field.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
    await page.screenshot({ path: path.join(screenshots, 'picker-filtered.png'), fullPage: true });
    await page.keyboard.press('Enter');
    expect(await field.inputValue()).toMatch(/^Bogotá — /);

    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect.poll(() => page.getByText('Se guardó su perfil.').count(), { timeout: 10_000 }).toBe(1);
    const saved = await site.testDatabase.database.db
      .selectFrom('users')
      .select('time_zone')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(saved.time_zone).toBe('America/Bogota');
    await page.screenshot({ path: path.join(screenshots, 'profile-saved.png'), fullPage: true });
    await page.close();
  });
});
