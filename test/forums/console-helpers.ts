// What the console tests share: an admin, a forum created through the API with its organizer,
// members in each role, and an organizer of another forum, all signed in.
import { addDays, localDate } from '../../server/forums/forum-calendar.ts';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import type { ForumRole, Lang } from '../../server/db/schema.ts';

export interface Signed {
  id: number;
  email: string;
  cookie: string;
}

export async function signedUser(
  t: TestApp,
  options: { isAdmin?: boolean; lang?: Lang; roles?: { forumSlug: string; role: ForumRole }[] } = {},
): Promise<Signed> {
  const user = await createUser(t.db, { isAdmin: options.isAdmin, interfaceLang: options.lang, roles: options.roles });
  return { id: user.id, email: user.email, cookie: await signIn(t, user) };
}

/** A day `days` from today in a zone. */
export function dayFromToday(days: number, timeZone = 'UTC'): string {
  return addDays(localDate(new Date(), timeZone), days);
}

export function newForumBody(slug: string, organizerEmails: string[], extra: Record<string, unknown> = {}) {
  return {
    slug,
    timeZone: 'America/Bogota',
    languages: ['en', 'es'],
    startsOn: dayFromToday(60),
    endsOn: dayFromToday(100),
    applicationDeadlineOn: dayFromToday(50),
    text: { lang: 'en', title: 'Social economy policy', summary: 'Six weeks on policy.', callMd: 'Join **us**.' },
    organizerEmails,
    ...extra,
  };
}

export interface Cast {
  admin: Signed;
  organizer: Signed;
  otherOrganizer: Signed;
  participant: Signed;
  keyRespondent: Signed;
  translator: Signed;
}

/** Creates `slug` (published, so members get 403 rather than 404) with a member in every role, and another forum with its own organizer. */
export async function castForum(t: TestApp, slug: string, admin?: Signed): Promise<Cast> {
  const theAdmin = admin ?? (await signedUser(t, { isAdmin: true }));
  const organizer = await signedUser(t);
  const otherOrganizer = await signedUser(t);
  await t
    .post('/api/forums')
    .set('Cookie', theAdmin.cookie)
    .send(newForumBody(slug, [organizer.email]))
    .expect(201);
  await t
    .post('/api/forums')
    .set('Cookie', theAdmin.cookie)
    .send(newForumBody(`${slug}-other`, [otherOrganizer.email]))
    .expect(201);
  await t.patch(`/api/forums/${slug}/settings`).set('Cookie', organizer.cookie).send({ published: true }).expect(200);
  const [participant, keyRespondent, translator] = await Promise.all(
    (['participant', 'key_respondent', 'translator'] as const).map((role) =>
      signedUser(t, { roles: [{ forumSlug: slug, role }] }),
    ),
  );
  return {
    admin: theAdmin,
    organizer,
    otherOrganizer,
    participant: participant!,
    keyRespondent: keyRespondent!,
    translator: translator!,
  };
}

export function weekBody(startsOn: string, extra: Record<string, unknown> = {}) {
  return {
    startsOn,
    originalLang: 'es',
    texts: [{ lang: 'es', title: 'Finanzas solidarias', summaryMd: 'Cómo se **financian**.' }],
    ...extra,
  };
}
