// Case-study journeys the tests repeat: a key respondent appointed to a week, a case study
// written through the API, and the session user a service call takes with an injected clock.
import type { Kysely } from 'kysely';
import { sessionUserOf, type SessionUser } from '../../server/auth/session.ts';
import type { DB, Lang } from '../../server/db/schema.ts';
import { newKey, type Member } from '../helpers/forum-fixture.ts';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';

export const STUDY_ES = [
  'La cooperativa de productores de quinua de Oruro nació en 2003 con doce familias.',
  '',
  'Hoy **vende** en conjunto y comparte un fondo rotatorio. Más detalles: [informe](https://example.org/informe).',
].join('\n');

export async function forumWeek(db: Kysely<DB>, slug: string, number: number) {
  return db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .selectAll('weeks')
    .where('forums.slug', '=', slug)
    .where('weeks.number', '=', number)
    .executeTakeFirstOrThrow();
}

/** A key respondent of `slug` appointed to week `number`, signed in. */
export async function keyRespondent(
  t: TestApp,
  slug: string,
  number: number,
  lang: Lang = 'es',
  readingLangs: Lang[] = [lang],
): Promise<Member> {
  const user = await createUser(t.db, {
    interfaceLang: lang,
    readingLangs,
    roles: [{ forumSlug: slug, role: 'key_respondent' }],
  });
  const week = await forumWeek(t.db, slug, number);
  await t.db
    .updateTable('memberships')
    .set({ week_id: week.id })
    .where('user_id', '=', user.id)
    .where('role', '=', 'key_respondent')
    .where('forum_id', '=', week.forum_id)
    .execute();
  return { ...user, cookie: await signIn(t, user) };
}

export async function writeCaseStudy(
  t: TestApp,
  slug: string,
  author: Member,
  weekNumber: number,
  extra: Record<string, unknown> = {},
) {
  const response = await t
    .post(`/api/forums/${slug}/case-studies`)
    .set('Cookie', author.cookie)
    .send({
      weekNumber,
      title: 'Red de productores de Oruro',
      bodyMd: STUDY_ES,
      lang: 'es',
      region: 'andean',
      theme: 'Finanzas',
      idempotencyKey: newKey(),
      ...extra,
    })
    .expect(201);
  return response.body.caseStudy as { id: number; revision: number; status: string };
}

export async function submitted(
  t: TestApp,
  slug: string,
  author: Member,
  weekNumber: number,
  extra: Record<string, unknown> = {},
) {
  const study = await writeCaseStudy(t, slug, author, weekNumber, extra);
  await t.post(`/api/case-studies/${study.id}/submit`).set('Cookie', author.cookie).send().expect(200);
  return study;
}

/** The signed-in user as services take it, for calls with an injected clock. */
export async function sessionUser(db: Kysely<DB>, id: number): Promise<SessionUser> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return sessionUserOf(row);
}
