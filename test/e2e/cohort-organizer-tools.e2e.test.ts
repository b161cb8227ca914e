// The organizers' cohort tools in a real browser: the country filter with its counts, the
// description word limit beside the key-respondent limits, and the invitations sent, revoked
// from the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';

let site: RunningSite;
let applicantBrowser: Awaited<ReturnType<typeof launchBrowser>>;
let organizerBrowser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  site = await startSite();
  applicantBrowser = await launchBrowser({ locale: 'es-CL' });
  organizerBrowser = await launchBrowser({ locale: 'en-CA', timezoneId: 'America/Toronto' });
}, 180_000);
afterAll(async () => {
  await applicantBrowser?.close();
  await organizerBrowser?.close();
  await site?.close();
});

const LIVE = 'sse-policy-live';

describe('an organizer\'s cohort tools', () => {
  it('filters by country with counts, sets the description word limit, and revokes an invitation', async () => {
    const db = site.testDatabase.database.db;
    const request = applicantBrowser.context.request;
    const applicant = await createUser(db, { interfaceLang: 'es' });
    await request.post(`${site.url}/api/auth/sign-in`, { data: { email: applicant.email, password: applicant.password }, headers: { Origin: site.url } });
    const applied = await request.post(`${site.url}/api/forums/${LIVE}/application`, {
      headers: { Origin: site.url },
      data: { kind: 'participant', description: 'Coordino una red de cooperativas de vivienda en Montevideo.', organisation: 'Red coop', region: 'hispanic-america', sector: 'ngo', prerequisites: ['internet', 'reads-english', 'interest', 'hours'], country: 'Uruguay', langs: ['es'] },
    });
    expect(applied.status()).toBe(201);

    const organizer = await createUser(db, { interfaceLang: 'en', roles: [{ forumSlug: LIVE, role: 'organizer' }] });
    await organizerBrowser.context.request.post(`${site.url}/api/auth/sign-in`, { data: { email: organizer.email, password: organizer.password }, headers: { Origin: site.url } });
    const review = await organizerBrowser.context.newPage();
    await review.goto(`${site.url}/forums/${LIVE}/applications`);
    const country = review.locator('select[name=country]');
    await expect.poll(() => country.locator('option', { hasText: 'Uruguay (1)' }).count(), { timeout: 10_000 }).toBe(1);
    await country.selectOption('Uruguay');
    await expect.poll(() => review.locator('li[data-application]').count(), { timeout: 10_000 }).toBe(1);
    expect(review.url()).toContain('country=Uruguay');

    await review.getByLabel('Words in the description').fill('60');
    await review.locator('form', { hasText: 'Words in the description' }).getByRole('button').click();
    await expect.poll(async () => (await (await organizerBrowser.context.request.get(`${site.url}/api/forums/${LIVE}/application`)).json()).call.descriptionWordLimit,
      { timeout: 10_000 }).toBe(60);

    await review.locator('input[type=email]').fill('invitee@example.test');
    await review.locator('form', { hasText: 'Add or invite by email' }).getByRole('button').click();
    const row = review.locator('table.sent-invitations tr', { hasText: 'invitee@example.test' });
    await expect.poll(() => row.locator('[data-status]').textContent(), { timeout: 10_000 }).toBe('Pending');
    await row.getByRole('button', { name: 'Revoke the invitation to invitee@example.test' }).click();
    await expect.poll(() => row.locator('[data-status]').textContent(), { timeout: 10_000 }).toBe('Revoked');
    await review.close();
  });
});
