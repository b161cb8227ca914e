// Every route of the SPA walked in a real browser, as an organizer (and site admin) in French and
// Spanish and as a participant: each page ends with a real tab title (its heading, never
// "Loading…"), the browser console shows no error (no 403 for a week that has not opened), and
// the checks axe calls `heading-order` and `label-content-name-mismatch` hold.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../helpers/test-app.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { signInBrowser } from '../helpers/site-sign-in.ts';
import { pageProblems } from '../helpers/page-checks.ts';
import { notify } from '../../server/notifications/notify.ts';

type Browser = Awaited<ReturnType<typeof launchBrowser>>;
let site: RunningSite;
let organizer: TestUser;
let participant: TestUser;
let routes: string[];
const SLUG = 'sse-policy-live';
const shots = process.env.SHOTS_DIR ?? '/tmp/team/shots-words';
// What a participant may open: the rest is for organizers, translators or admins.
const MEMBER_ROUTES = [
  /^\/$/,
  /^\/forums$/,
  /^\/forums\/[^/]+$/,
  /\/weeks\//,
  /\/directory$/,
  /\/glossary$/,
  /\/my-reports$/,
  /^\/profile$/,
  /^\/notifications/,
  /^\/no-such-page$/,
];
const LOADING = ['Loading…', 'Chargement…', 'Cargando…'];

beforeAll(async () => {
  site = await startSite();
  const db = site.testDatabase.database.db;
  organizer = await createUser(db, {
    isAdmin: true,
    interfaceLang: 'fr',
    name: 'Claire Organisatrice',
    roles: [{ forumSlug: SLUG, role: 'organizer' }],
  });
  participant = await createUser(db, {
    interfaceLang: 'es',
    name: 'Ana Pérez',
    roles: [{ forumSlug: SLUG, role: 'participant' }],
  });
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
  // An unread notification each, so the header's link carries its badge on every page.
  const week2 = await db
    .selectFrom('weeks')
    .select('id')
    .where('forum_id', '=', forum.id)
    .where('number', '=', 2)
    .executeTakeFirstOrThrow();
  await db.transaction().execute((trx) =>
    notify(trx, {
      type: 'week.opened',
      userIds: [organizer.id, participant.id],
      forumId: forum.id,
      weekId: week2.id,
      payload: { weekId: week2.id, weekNumber: 2 },
    }),
  );
  const reading = await db
    .selectFrom('readings')
    .innerJoin('weeks', 'weeks.id', 'readings.week_id')
    .select(['readings.slug', 'weeks.number'])
    .where('weeks.forum_id', '=', forum.id)
    .where('weeks.number', '=', 1)
    .executeTakeFirstOrThrow();
  const base = `/forums/${SLUG}`;
  routes = [
    '/',
    '/forums',
    base,
    `${base}/weeks/1`,
    `${base}/weeks/2`,
    `${base}/weeks/3`,
    `${base}/weeks/1/readings/${reading.slug}`,
    `${base}/apply`,
    `${base}/applications`,
    `${base}/directory`,
    `${base}/case-studies`,
    `${base}/questions/waiting`,
    `${base}/questions/overdue`,
    `${base}/translate`,
    `${base}/glossary`,
    `${base}/translation-dashboard`,
    `${base}/my-reports`,
    `${base}/console`,
    `${base}/console/schedule`,
    `${base}/console/readings`,
    `${base}/console/people`,
    `${base}/console/moderation`,
    `${base}/console/audit`,
    `${base}/console/export`,
    '/profile',
    '/notifications',
    '/notifications/preferences',
    '/admin/outbox',
    '/admin/forums/new',
    '/no-such-page',
  ];
  await mkdir(shots, { recursive: true });
}, 120_000);
afterAll(async () => {
  await site?.close();
});

/** Opens a route and waits (a while) until its title and heading no longer say it is loading. */
async function visit(page: Page, route: string) {
  await page.goto(`${site.url}${route}`, { waitUntil: 'networkidle' });
  const loading = new RegExp(LOADING.join('|'));
  await page
    .waitForFunction(
      (source) =>
        !new RegExp(source).test(
          document.title + [...document.querySelectorAll('h1')].map((h) => h.textContent).join(' '),
        ),
      loading.source,
      { timeout: 8_000 },
    )
    .catch(() => undefined);
}

async function walk(browser: Browser, user: TestUser, only?: (route: string) => boolean) {
  await signInBrowser(site, browser.context, user);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  const problems: string[] = [];
  for (const route of routes.filter(only ?? (() => true))) {
    await visit(page, route);
    const title = await page.title();
    const heading = (await page.locator('h1').first().textContent())?.trim();
    if (title !== `${heading} · Tertulia`) problems.push(`${route}: title “${title}”, heading “${heading}”`);
    if ((await page.locator('h1').count()) !== 1)
      problems.push(`${route}: ${await page.locator('h1').count()} h1 elements`);
    for (const problem of await pageProblems(page)) problems.push(`${route}: ${problem}`);
    if (route === '/') await page.screenshot({ path: path.join(shots, `home-${user.email.split('@')[0]}.png`) });
  }
  await page.close();
  return { errors, problems };
}

describe('every page of the SPA, once loaded', () => {
  it('has a real title, a sound heading order, link names that match their text and no console error, for an organizer in French', async () => {
    const browser = await launchBrowser({ locale: 'fr-FR', timezoneId: 'America/Toronto' });
    try {
      const { errors, problems } = await walk(browser, organizer);
      expect({ problems, errors }).toEqual({ problems: [], errors: [] });
    } finally {
      await browser.close();
    }
  }, 240_000);

  it('the same for a participant in Spanish, with a week that has not opened yet', async () => {
    const browser = await launchBrowser({ locale: 'es-ES', timezoneId: 'America/Bogota' });
    try {
      const { errors, problems } = await walk(browser, participant, (route) =>
        MEMBER_ROUTES.some((pattern) => pattern.test(route)),
      );
      expect({ problems, errors }).toEqual({ problems: [], errors: [] });
    } finally {
      await browser.close();
    }
  }, 240_000);
});
