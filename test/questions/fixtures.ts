// Case studies to ask about: a key respondent appointed to a week of the fixture's live edition
// and a published case study with its thread, written straight to the tables the case-studies
// feature fills (its contract: status 'published', a thread of kind 'case_study').
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../../server/db/schema.ts';
import { createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, type Member } from '../helpers/forum-fixture.ts';

export async function weekId(db: Kysely<DB>, slug: string, number: number): Promise<number> {
  const row = await db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .select('weeks.id')
    .where('forums.slug', '=', slug)
    .where('weeks.number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A member appointed key respondent of week `number` (signed in). */
export async function keyRespondent(
  t: TestApp,
  number = 2,
  options: { slug?: string; lang?: Lang; name?: string } = {},
): Promise<Member> {
  const slug = options.slug ?? LIVE;
  const user = await createUser(t.db, {
    interfaceLang: options.lang ?? 'es',
    name: options.name,
    roles: [{ forumSlug: slug, role: 'key_respondent' }],
  });
  await t.db
    .updateTable('memberships')
    .set({ week_id: await weekId(t.db, slug, number) })
    .where('user_id', '=', user.id)
    .where('role', '=', 'key_respondent')
    .execute();
  return { ...user, cookie: await signIn(t, user) };
}

export interface CaseStudyFixture {
  id: number;
  threadId: number;
  weekId: number;
  forumId: number;
}

/** A case study by `author` in week `number`; published (with its thread) unless told otherwise. */
export async function caseStudy(
  t: TestApp,
  author: { id: number },
  number = 2,
  options: { slug?: string; published?: boolean; title?: string; lang?: Lang } = {},
): Promise<CaseStudyFixture> {
  const slug = options.slug ?? LIVE;
  const week = await t.db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .select(['weeks.id', 'weeks.forum_id'])
    .where('forums.slug', '=', slug)
    .where('weeks.number', '=', number)
    .executeTakeFirstOrThrow();
  const lang = options.lang ?? 'es';
  const title = options.title ?? 'Cooperativas de vivienda en Montevideo';
  const published = options.published ?? true;
  const now = new Date();
  let threadId: number | null = null;
  if (published) {
    const thread = await t.db
      .insertInto('threads')
      .values({
        forum_id: week.forum_id,
        week_id: week.id,
        kind: 'case_study',
        title,
        original_lang: lang,
        author_id: author.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    threadId = thread.id;
  }
  const row = await t.db
    .insertInto('case_studies')
    .values({
      forum_id: week.forum_id,
      week_id: week.id,
      author_id: author.id,
      status: published ? 'published' : 'approved',
      title,
      body_md: 'Una experiencia de **ayuda mutua**.',
      body_html: '<p>Una experiencia de <strong>ayuda mutua</strong>.</p>',
      original_lang: lang,
      word_count: 4,
      idempotency_key: newKey(),
      thread_id: threadId,
      submitted_at: now,
      approved_at: now,
      published_at: published ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, threadId: threadId ?? 0, weekId: week.id, forumId: week.forum_id };
}

export function ask(t: TestApp, asker: Member, caseStudyId: number, extra: Record<string, unknown> = {}) {
  return t
    .post(`/api/case-studies/${caseStudyId}/questions`)
    .set('Cookie', asker.cookie)
    .send({ bodyMd: 'How did the **cooperatives** find land?', lang: 'en', idempotencyKey: newKey(), ...extra });
}

export interface QuestionScene {
  kr: Member;
  asker: Member;
  organizer: Member;
  study: CaseStudyFixture;
}

/**
 * The fixture's content imported, then on its live edition: a key respondent of week 2 with a
 * published case study, a participant (English) to ask, and an organizer — all signed in.
 */
export async function questionScene(t: TestApp, options: { krName?: string } = {}): Promise<QuestionScene> {
  await importFixture(t);
  const kr = await keyRespondent(t, 2, { name: options.krName });
  const asker = await member(t, 'participant', 'en');
  const organizer = await member(t, 'organizer');
  return { kr, asker, organizer, study: await caseStudy(t, kr) };
}
