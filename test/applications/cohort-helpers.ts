// What the cohort tests share: a valid application body, a forum whose deadline is a given
// day in a given zone, an app opened for applications, and the link a visitor's verification email carries.
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { addDays, startOfLocalDay } from '../../server/forums/forum-calendar.ts';

export function applicationBody(extra: Record<string, unknown> = {}) {
  return {
    kind: 'participant',
    description: 'I coordinate a network of housing co-operatives in Québec.',
    organisation: 'Réseau coop',
    region: 'canada',
    country: 'Canada',
    langs: ['fr', 'en'],
    heardFrom: 'A colleague',
    publicationConsent: 'named',
    ...extra,
  };
}

export function candidateBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return applicationBody({
    kind: 'key_respondent',
    region: 'andean',
    country: 'Perú',
    langs: ['es'],
    statement: 'Nuestra cooperativa de ahorro financia a productores rurales desde 1998.',
    fitsWeek: 1,
    ...extra,
  });
}

/** Moves the live fixture's deadline to the end of `lastDay` in `timeZone`. */
export async function setDeadline(t: TestApp, lastDay: string, timeZone: string, slug = LIVE): Promise<void> {
  await t.db
    .updateTable('forums')
    .set({ time_zone: timeZone, application_deadline: startOfLocalDay(addDays(lastDay, 1), timeZone) })
    .where('slug', '=', slug)
    .execute();
}

export async function forumId(t: TestApp, slug = LIVE): Promise<number> {
  return (await t.db.selectFrom('forums').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** The token in the newest email of `template` sent to `email`, read from the outbox as a mail reader would. */
export async function tokenFromOutbox(t: TestApp, email: string, template: string, urlKey: string): Promise<string> {
  const row = await t.db
    .selectFrom('outbox')
    .select('payload')
    .where('to_email', '=', email)
    .where('template', '=', template)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const url = new URL(String(row.payload[urlKey]));
  return url.searchParams.get('token') ?? url.pathname.split('/').pop()!;
}

/** A test app with the fixture forums, the live edition open for applications, and one of its organizers. */
export async function openForApplications(): Promise<{ t: TestApp; organizer: Member }> {
  const t = await createTestApp();
  await importFixture(t);
  await setDeadline(t, '2099-01-01', 'America/Toronto');
  return { t, organizer: await member(t, 'organizer') };
}
