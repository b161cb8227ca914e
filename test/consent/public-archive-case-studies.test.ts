// The public archive's case studies, questions and translation marks honour the same choices as
// its threads: Helen (anonymous) presents a case study shown as "a participant from English
// Canada" without her organisation; Carla (not at all) has hers left out and her question
// withheld in its place; a translator is named only once they chose to be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUserByEmail } from '../../server/demo/demo-accounts.ts';
import { seedDemoArchive, type SeededArchive } from '../../server/demo/demo-archive.ts';
import { seedArchiveElements } from '../../server/demo/demo-synthesis.ts';
import { importContent } from '../../server/content/import.service.ts';
import { askQuestion } from '../../server/questions/questions.service.ts';
import { recordConsent } from '../../server/consent/consent.queries.ts';
import { createTestApp, createUser, signIn, testConfig, type TestApp } from '../helpers/test-app.ts';
import { newKey } from '../helpers/forum-fixture.ts';
import { caseStudy, type CaseStudyFixture } from '../questions/fixtures.ts';

const ARCHIVE = 'sse-policy-2009';
let t: TestApp;
let archive: SeededArchive;
let helens: CaseStudyFixture;
let carlas: CaseStudyFixture;
let translatorId: number;
let forumId: number;

const visitor = (path: string, lang = 'es') => t.get(path).set('Accept-Language', lang);
const person = (key: string) => archive.users.get(key)!;

beforeAll(async () => {
  t = await createTestApp();
  await importContent(t.db, testConfig.contentDir);
  archive = (await seedDemoArchive(t.db, ARCHIVE))!;
  // The demo's elements record each 2009 author's choice, as the demo does on first start.
  const organizer = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'organizer' }] });
  await seedArchiveElements(t.db, ARCHIVE, archive, (await sessionUserByEmail(t.db, organizer.email))!);
  helens = await caseStudy(t, person('helen'), 2, {
    slug: ARCHIVE,
    title: 'Community loan funds in Ontario',
    lang: 'en',
  });
  carlas = await caseStudy(t, person('carla'), 2, {
    slug: ARCHIVE,
    title: 'Compras públicas de alimentos',
    lang: 'es',
  });
  forumId = helens.forumId;
  // Helen was the week's key respondent: questions go to her.
  await t.db
    .insertInto('memberships')
    .values({ forum_id: forumId, user_id: person('helen').id, role: 'key_respondent', week_id: helens.weekId })
    .execute();
  const week = await t.db
    .selectFrom('weeks')
    .select('opens_at')
    .where('id', '=', helens.weekId)
    .executeTakeFirstOrThrow();
  const during = new Date(week.opens_at.getTime() + 3_600_000);
  for (const [key, body] of [
    ['ana', '¿Quién garantizaba los préstamos?'],
    ['carla', '¿Y las compras públicas?'],
  ] as const) {
    const asker = (await sessionUserByEmail(t.db, person(key).email))!;
    await askQuestion(t.db, asker, helens.id, { bodyMd: body, lang: 'es', idempotencyKey: newKey() }, during);
  }
  // A volunteer translator of the 2009 edition, who has made no choice yet, puts Ana's thread into French.
  const translator = await createUser(t.db, {
    name: 'Inès Translator',
    roles: [{ forumSlug: ARCHIVE, role: 'translator' }],
  });
  translatorId = translator.id;
  const ana = archive.posts.get('guarantees')!;
  await t.db
    .insertInto('translations')
    .values({
      forum_id: forumId,
      item_type: 'post',
      item_id: ana,
      source_lang: 'es',
      target_lang: 'fr',
      source_revision: 1,
      body_md: 'Nos coopératives de producteurs n’obtiennent pas de crédit.',
      body_html: '<p>Nos coopératives de producteurs n’obtiennent pas de crédit.</p>',
      translator_id: translatorId,
      translator_role: 'translator',
    })
    .execute();
}, 120_000);
afterAll(async () => t?.close());

describe('a visitor reading the archive’s case studies', () => {
  it('reads an anonymous author’s case study by region, without her name or organisation', async () => {
    const shown = await visitor(`/api/case-studies/${helens.id}`).expect(200);
    expect(shown.body.caseStudy.author).toMatchObject({
      id: 0,
      displayName: 'Una persona participante de Canadá anglófono',
      organisation: null,
    });
    expect(JSON.stringify(shown.body)).not.toContain('Helen Ward');
  });

  it('does not find the case study of an author who chose not to appear, nor list it in the week', async () => {
    await visitor(`/api/case-studies/${carlas.id}`).expect(404);
    const week = await visitor(`/api/forums/${ARCHIVE}/weeks/2`).expect(200);
    const titles = week.body.week.caseStudies.map((study: { title: { value: string } }) => study.title.value);
    expect(titles).toEqual(['Community loan funds in Ontario']);
    expect(JSON.stringify(week.body)).not.toContain('Carla');
  });

  it('sees the questions with the withheld asker’s words left out in their place', async () => {
    const listed = await visitor(`/api/case-studies/${helens.id}/questions`).expect(200);
    const askers = listed.body.questions.map(
      (q: { post: { author: { displayName: string } } }) => q.post.author.displayName,
    );
    expect(askers).toEqual(['Ana Quispe', 'Una persona participante']);
    expect(listed.body.questions[1].post).toMatchObject({ withheld: true, html: null });
    expect(JSON.stringify(listed.body)).not.toContain('compras públicas');
  });

  it('lets a member read every case study and question as written', async () => {
    const member = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'participant' }] });
    const cookie = await signIn(t, member);
    await visitor(`/api/case-studies/${carlas.id}`).set('Cookie', cookie).expect(200);
    const listed = await visitor(`/api/case-studies/${helens.id}/questions`).set('Cookie', cookie).expect(200);
    expect(JSON.stringify(listed.body)).toContain('Carla Souza');
  });
});

describe('the translation mark in the archive', () => {
  const translationOfAna = async () => {
    const thread = await t.db
      .selectFrom('posts')
      .select('thread_id')
      .where('id', '=', archive.posts.get('guarantees')!)
      .executeTakeFirstOrThrow();
    const page = await visitor(`/api/threads/${thread.thread_id}`, 'fr').expect(200);
    return page.body.posts[0].translation;
  };

  it('names no translator who has not chosen to be named, then names them once they have', async () => {
    expect(await translationOfAna()).toMatchObject({ lang: 'fr', translator: { id: 0, displayName: '' } });
    await t.db
      .transaction()
      .execute((trx) => recordConsent(trx, { forumId, userId: translatorId, choice: 'named', source: 'profile' }));
    expect(await translationOfAna()).toMatchObject({
      translator: { id: translatorId, displayName: 'Inès Translator', role: 'translator' },
    });
  });
});
