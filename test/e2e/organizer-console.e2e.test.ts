// In a real browser, in French: a site admin creates a forum in French and appoints its
// organizer; the organizer publishes it from the console, adds three weeks and a reading with a
// PDF (the Readings tab), moves the start by
// a week after looking at the side-by-side preview; a participant in Auckland then sees the new
// days, the same days the organizer sees in Paris. Screenshots at 390 px and desktop widths.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../server/forums/forum-calendar.ts';
import { createUser, type TestUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let site: RunningSite;
let paris: Browser;
let auckland: Browser;
let admin: TestUser;
let organizer: TestUser;
const shots = process.env.SHOTS_DIR ?? '/tmp/team/shots-d';
const SLUG = 'economie-sociale-2027';
const WAIT = { timeout: 30_000 };
const today = localDate(new Date(), 'America/Bogota');
const day = (n: number) => addDays(today, n);

beforeAll(async () => {
  site = await startSite();
  const db = site.testDatabase.database.db;
  admin = await createUser(db, { isAdmin: true, interfaceLang: 'fr', name: 'Admin Site' });
  organizer = await createUser(db, { interfaceLang: 'fr', name: 'Claire Organisatrice' });
  await db.updateTable('users').set({ time_zone: 'Europe/Paris' }).where('id', '=', organizer.id).execute();
  paris = await launchBrowser({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  auckland = await launchBrowser({ locale: 'fr-FR', timezoneId: 'Pacific/Auckland' });
  await mkdir(shots, { recursive: true });
}, 120_000);
afterAll(async () => {
  await paris?.close();
  await auckland?.close();
  await site?.close();
});

async function signIn(page: Page, user: TestUser) {
  await page.goto(`${site.url}/sign-in`);
  await page.locator('input[type=email]').fill(user.email);
  await page.locator('input[type=password]').fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Se déconnecter' }).count(), WAIT).toBe(1);
}

async function shoot(page: Page, name: string) {
  for (const [suffix, width] of [
    ['390', 390],
    ['desktop', 1280],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shots, `${name}-${suffix}.png`), fullPage: true });
  }
}

/** Every date span under a selector, as text and as the days its <time> elements carry. */
async function dateSpans(page: Page, selector: string) {
  await expect.poll(() => page.locator(selector).count(), WAIT).toBeGreaterThan(0);
  return page.locator(selector).evaluateAll((spans) =>
    spans.map((span) => ({
      text: span.textContent?.replace(/\s+/g, ' ').trim(),
      days: [...span.querySelectorAll('time')].map((time) => time.getAttribute('datetime')),
    })),
  );
}

describe('an organizer console journey in French', () => {
  it('creates, schedules and moves a forum; a participant in Auckland sees the new days', async () => {
    // The admin creates the forum in French and appoints the organizer.
    const adminPage = await paris.context.newPage();
    await signIn(adminPage, admin);
    await adminPage.getByRole('link', { name: 'Nouveau forum' }).click();
    await adminPage.getByLabel('Adresse', { exact: true }).fill(SLUG);
    await adminPage.getByLabel('Langue de cette version').selectOption('fr');
    await adminPage.getByLabel('Titre', { exact: true }).fill('Politiques de l’économie sociale 2027');
    await adminPage
      .getByLabel('Résumé (une ou deux phrases)')
      .fill('Six semaines d’échanges entre le Canada et l’Amérique latine.');
    await adminPage
      .getByLabel('Appel à participation')
      .fill('Nous cherchons des **praticiennes** et des *chercheurs*.');
    await adminPage.getByRole('button', { name: 'Afficher l’aperçu' }).click();
    await expect.poll(() => adminPage.locator('.markdown-preview-box strong').textContent(), WAIT).toBe('praticiennes');
    const zone = adminPage.getByRole('combobox', { name: 'Fuseau horaire du forum' });
    await zone.focus();
    await zone.pressSequentially('bogot');
    await expect.poll(() => adminPage.getByRole('listbox').getByRole('option').count(), WAIT).toBe(1);
    await adminPage.keyboard.press('Enter');
    expect(await zone.inputValue()).toMatch(/^Bogotá — heure normale de Colombie \(UTC−5\)$/);
    await adminPage.getByLabel('Premier jour', { exact: true }).fill(day(30));
    await adminPage.getByLabel('Dernier jour', { exact: true }).fill(day(50));
    await adminPage.getByLabel('Dernier jour pour candidater').fill(day(20));
    await adminPage.getByLabel('Premières personnes organisatrices').fill(organizer.email);
    await shoot(adminPage, '01-new-forum');
    await adminPage.getByRole('button', { name: 'Créer le forum' }).click();
    await expect.poll(() => adminPage.url(), WAIT).toBe(`${site.url}/forums/${SLUG}/console`);
    await adminPage.close();

    // The organizer opens the console from the forum page and publishes the forum, open to all.
    const page = await paris.context.newPage();
    await signIn(page, organizer);
    await page.goto(`${site.url}/forums/${SLUG}`);
    await page.getByRole('link', { name: 'Console', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Paramètres du forum');
    expect(await page.getByRole('combobox', { name: 'Fuseau horaire du forum' }).inputValue()).toMatch(/^Bogotá — /);
    await page.getByLabel('Ouvert : toute personne connectée peut rejoindre').check();
    await page.getByLabel(/^Publié/).check();
    await shoot(page, '02-settings');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await expect.poll(() => page.getByText('Enregistré.').count(), WAIT).toBe(1);

    // A wrong date is refused in French, next to the form, and nothing is saved.
    await page.getByLabel('Dernier jour pour candidater').fill(day(35));
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toContain('Le dernier jour pour candidater doit précéder le premier jour du forum.');
    expect(await page.getByLabel('Dernier jour pour candidater').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Dernier jour pour candidater').fill(day(20));

    // What the page can tell is told before anything is sent: an empty limit, days out of order.
    let patches = 0;
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches += 1;
    });
    const limit = page.locator('#keyRespondentLimit');
    await limit.fill('');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    const limitLabel = (await page.locator('label[for=keyRespondentLimit]').textContent())!.trim();
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toContain(`«\u00a0${limitLabel}\u00a0» est vide`);
    expect(await limit.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('keyRespondentLimit');
    await limit.fill('6');
    await page.getByLabel('Dernier jour', { exact: true }).fill(day(29));
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), WAIT)
      .toContain('Le dernier jour doit venir après le premier.');
    expect(patches).toBe(0);
    await page.getByLabel('Dernier jour', { exact: true }).fill(day(50));

    // Three weeks in the schedule editor.
    await page
      .getByRole('navigation', { name: 'Console d’organisation' })
      .getByRole('link', { name: 'Calendrier' })
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe('Calendrier');
    const themes = ['Finance solidaire', 'Réseaux et territoires', 'Politiques publiques'];
    for (const [index, theme] of themes.entries()) {
      await page.getByRole('button', { name: 'Ajouter une semaine' }).click();
      const form = page.locator('.week-form');
      await form.getByLabel('Premier jour de la semaine').fill(day(30 + 7 * index));
      await form.getByLabel('Langue originale').selectOption('fr');
      await form.getByLabel('Thème ou titre').first().fill(theme);
      await form
        .getByLabel('Résumé')
        .first()
        .fill(`Semaine ${index + 1} : *${theme.toLowerCase()}*.`);
      await form.getByRole('button', { name: 'Ajouter une semaine' }).click();
      await expect.poll(() => page.locator('.week-card').count(), WAIT).toBe(index + 1);
    }
    expect(await page.locator('.week-card h3').allTextContents()).toEqual(
      themes.map((theme, i) => `Semaine ${i + 1} · ${theme}`),
    );
    await shoot(page, '03-schedule');

    // A reading with a PDF in week 1, from the console's Readings tab (helper E's page).
    await page
      .getByRole('navigation', { name: 'Console d’organisation' })
      .getByRole('link', { name: 'Lectures' })
      .click();
    await page.getByRole('button', { name: 'Ajouter une lecture' }).click();
    const readingForm = page.locator('form.reading-form');
    await readingForm.getByLabel('Langue originale').selectOption('fr');
    await readingForm.getByLabel('Titre (français)').fill('Le financement des coopératives');
    await readingForm.getByLabel('Texte (français, Markdown)').fill('Un **panorama** des outils de finance solidaire.');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await readingForm
      .locator('#reading-files')
      .setInputFiles({ name: 'guide-financement.pdf', mimeType: 'application/pdf', buffer: pdf });
    await readingForm.getByRole('button', { name: 'Ajouter la lecture' }).click();
    await expect.poll(() => page.getByText('La lecture a été ajoutée.').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByText('Le financement des coopératives').count(), WAIT).toBeGreaterThan(0);
    await shoot(page, '03b-reading');
    const attachments = await site.testDatabase.database.db
      .selectFrom('reading_attachments')
      .select('file_name')
      .execute();
    expect(attachments.map((row) => row.file_name)).toContain('guide-financement.pdf');
    await page
      .getByRole('navigation', { name: 'Console d’organisation' })
      .getByRole('link', { name: 'Calendrier' })
      .click();
    await expect.poll(() => page.locator('.week-card').count(), WAIT).toBe(3);

    // Move the start one week later: preview first, nothing saved until confirmed.
    await page.getByLabel('Nouveau premier jour').fill(day(37));
    await page.getByRole('button', { name: 'Prévisualiser les nouvelles dates' }).click();
    const preview = page.locator('.move-preview');
    await expect
      .poll(() => preview.locator('caption').textContent(), WAIT)
      .toMatch(/^Tout est décalé de 7 jours plus tard\. Jours en Bogotá — /);
    const rows = await dateSpans(page, '.move-preview tbody td .date-range');
    expect(rows.map((row) => row.days)).toEqual([
      [day(30), day(50)],
      [day(37), day(57)],
      [day(30), day(36)],
      [day(37), day(43)],
      [day(37), day(43)],
      [day(44), day(50)],
      [day(44), day(50)],
      [day(51), day(57)],
    ]);
    await shoot(page, '04-move-preview');
    expect(
      (
        await site.testDatabase.database.db
          .selectFrom('forums')
          .select('starts_on')
          .where('slug', '=', SLUG)
          .executeTakeFirstOrThrow()
      ).starts_on,
    ).toBe(day(30));
    await page.getByRole('button', { name: 'Déplacer le calendrier' }).click();
    await expect.poll(() => page.getByText('Le calendrier a été déplacé.').count(), WAIT).toBe(1);
    expect(await dateSpans(page, '.week-card .meta .date-range')).toEqual([
      expect.objectContaining({ days: [day(37), day(43)] }),
      expect.objectContaining({ days: [day(44), day(50)] }),
      expect.objectContaining({ days: [day(51), day(57)] }),
    ]);
    await shoot(page, '05-schedule-moved');

    // The organizer in Paris and a participant in Auckland read the same new days.
    const participant = await createUser(site.testDatabase.database.db, {
      interfaceLang: 'fr',
      name: 'Aroha Participante',
      roles: [{ forumSlug: SLUG, role: 'participant' }],
    });
    await site.testDatabase.database.db
      .updateTable('users')
      .set({ time_zone: 'Pacific/Auckland' })
      .where('id', '=', participant.id)
      .execute();
    const reader = await auckland.context.newPage();
    await signIn(reader, participant);
    await reader.goto(`${site.url}/forums/${SLUG}`);
    const fromAuckland = {
      forum: await dateSpans(reader, '.meta .date-range'),
      weeks: await dateSpans(reader, 'td .date-range'),
    };
    await shoot(reader, '06-participant-auckland');
    await page.goto(`${site.url}/forums/${SLUG}`);
    const fromParis = {
      forum: await dateSpans(page, '.meta .date-range'),
      weeks: await dateSpans(page, 'td .date-range'),
    };
    expect(fromAuckland).toEqual(fromParis);
    expect(fromAuckland.forum[0]!.days).toEqual([day(37), day(57)]);
    expect(fromAuckland.weeks.map((week) => week.days)).toEqual([
      [day(37), day(43)],
      [day(44), day(50)],
      [day(51), day(57)],
    ]);
    // Opening times, unlike days, are the reader's: Auckland's for the participant.
    expect(await reader.locator('caption').first().textContent()).toContain('Auckland');
    expect(await reader.getByRole('link', { name: 'Console', exact: true }).count()).toBe(0);
    await reader.close();
    await page.close();
  }, 300_000);
});
