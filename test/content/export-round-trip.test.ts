// A forum exported to files and imported into an empty database comes back row for row; the
// same export imported over the forum it came from changes nothing; only the forum's organizers
// and admins may download it from the console.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../server/db/schema.ts';
import { importContent } from '../../server/content/import.service.ts';
import { writeProgrammeFiles } from '../../server/content/content-writer.ts';
import { tarGz } from '../../server/content/content-archive.ts';
import { exportForumFiles } from '../../server/content/export.service.ts';
import { projectRoot } from '../../server/project-root.ts';
import { attachmentPath, storeAttachment } from '../../server/attachments/attachment-store.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/test-database.ts';
import { fixtureContent, LIVE } from '../helpers/forum-fixture.ts';
import { dayFromToday, newForumBody, signedUser, weekBody } from '../forums/console-helpers.ts';

const run = promisify(execFile);
const demoContent = path.join(projectRoot, 'content');
const engine = onPostgres ? 'PostgreSQL' : 'PGlite';

let t: TestApp;
let empty: TestDatabase;
const temp: string[] = [];
/** The attachments folders of the two sites. */
let filesA: string;
let filesB: string;

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tertulia-export-'));
  temp.push(dir);
  return dir;
}

beforeAll(async () => {
  [filesA, filesB] = [tempDir(), tempDir()];
  t = await createTestApp({ attachmentsDir: filesA });
  empty = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
  await empty?.drop();
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** Everything the programme is made of, without ids, timestamps or revision counters. */
async function programmeRows(db: Kysely<DB>, slug: string) {
  const forum = await db.selectFrom('forums').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
  const { id: forumId, created_at: _c, updated_at: _u, ...settings } = forum;
  const weeks = await db.selectFrom('weeks').select(['id', 'number', 'starts_on', 'opens_at', 'closes_at', 'original_lang', 'writing_closes_at_end', 'key_respondent_limit', 'key_respondents_per_region'])
    .where('forum_id', '=', forumId).orderBy('number').execute();
  const list = async (table: 'forum_regions' | 'forum_sectors' | 'forum_prerequisites') => db.selectFrom(table)
    .select(['key', 'position', 'en', 'es', 'fr', (eb) => eb('archived_at', 'is not', null).as('archived')]).where('forum_id', '=', forumId).orderBy('position').execute();
  const numberOf = new Map(weeks.map((week) => [week.id, week.number]));
  // `IN ()` is not SQL: a forum without weeks asks for week 0, which no forum has.
  const weekIds = weeks.length ? weeks.map((week) => week.id) : [0];
  const readings = await db.selectFrom('readings').select(['id', 'week_id', 'slug', 'position', 'original_lang', (eb) => eb('unpublished_at', 'is not', null).as('unpublished')]).where('week_id', 'in', weekIds).orderBy('week_id').orderBy('position').orderBy('slug').execute();
  const readingKey = new Map(readings.map((reading) => [reading.id, `${numberOf.get(reading.week_id)}/${reading.slug}`]));
  return {
    forum: settings,
    forumTexts: await db.selectFrom('forum_texts').select(['lang', 'title', 'summary', 'call_md', 'call_html']).where('forum_id', '=', forumId).orderBy('lang').execute(),
    translationRules: await db.selectFrom('translation_rules').select(['source_lang', 'target_lang']).where('forum_id', '=', forumId).orderBy('source_lang').orderBy('target_lang').execute(),
    weeks: weeks.map(({ id: _id, ...week }) => week),
    weekTexts: (await db.selectFrom('week_texts').select(['week_id', 'lang', 'title', 'summary_md', 'summary_html']).where('week_id', 'in', weekIds).execute())
      .map(({ week_id, ...text }) => ({ week: numberOf.get(week_id), ...text })).sort((a, b) => `${a.week}${a.lang}`.localeCompare(`${b.week}${b.lang}`)),
    readings: readings.map(({ id: _id, week_id, ...reading }) => ({ week: numberOf.get(week_id), ...reading })),
    readingTexts: readings.length === 0 ? [] : (await db.selectFrom('reading_texts').select(['reading_id', 'lang', 'title', 'body_md', 'body_html']).where('reading_id', 'in', readings.map((r) => r.id)).execute())
      .map(({ reading_id, ...text }) => ({ reading: readingKey.get(reading_id), ...text })).sort((a, b) => `${a.reading}${a.lang}`.localeCompare(`${b.reading}${b.lang}`)),
    attachments: readings.length === 0 ? [] : (await db.selectFrom('reading_attachments').select(['reading_id', 'sha256', 'media_type', 'size_bytes', 'file_name', 'position']).where('reading_id', 'in', readings.map((r) => r.id)).execute())
      .map(({ reading_id, ...attachment }) => ({ reading: readingKey.get(reading_id), ...attachment })).sort((a, b) => `${a.reading}${a.position}`.localeCompare(`${b.reading}${b.position}`)),
    regions: await list('forum_regions'),
    sectors: await list('forum_sectors'),
    prerequisites: await list('forum_prerequisites'),
    glossary: await db.selectFrom('glossary_terms').select(['en', 'es', 'fr', 'note']).where('forum_id', '=', forumId).orderBy('en').orderBy('es').orderBy('fr').execute(),
  };
}

async function exportTo(db: Kysely<DB>, slug: string): Promise<string> {
  const dir = tempDir();
  writeProgrammeFiles(path.join(dir, 'forums', slug), (await exportForumFiles(db, slug, { attachmentsDir: db === t.db ? filesA : filesB }))!);
  return dir;
}

describe(`export → import round trip (${engine})`, () => {
  beforeAll(async () => {
    await importContent(t.db, demoContent);
    // What the console may hold that the demo files do not: punctuation YAML and CSV must
    // quote, a term a spreadsheet would take for a formula, accents and commas everywhere.
    const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', 'sse-policy-2009').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('glossary_terms').values([
      { forum_id: forumId, en: '=social value', es: 'valor social, "comunitario"', fr: 'valeur sociale', note: 'Accents: é, ñ, ç; commas, "quotes"\nand a second line.' },
      { forum_id: forumId, en: 'co-op', es: 'cooperativa', fr: 'coopérative', note: '' },
    ]).execute();
    const reading = await t.db.selectFrom('reading_texts').innerJoin('readings', 'readings.id', 'reading_texts.reading_id').innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select(['reading_texts.reading_id', 'reading_texts.lang']).where('weeks.forum_id', '=', forumId).where('reading_texts.lang', '=', 'fr').executeTakeFirstOrThrow();
    await t.db.updateTable('reading_texts').set({ title: 'Économie « sociale » : "citations", #1 — et: plus' })
      .where('reading_id', '=', reading.reading_id).where('lang', '=', reading.lang).execute();
    // Settings the console edits that the demo files do not state, and a reading taken down.
    await t.db.updateTable('forums').set({ invitation_only: true, open_enrolment: false, key_respondent_limit: 7, key_respondents_per_week: 2, description_word_limit: 120 })
      .where('id', '=', forumId).execute();
    await t.db.updateTable('readings').set({ unpublished_at: new Date() }).where('id', '=', reading.reading_id).execute();
    // A region organizers archived, with a name YAML must quote, and a week's own seats.
    await t.db.insertInto('forum_regions').values({ forum_id: forumId, key: 'andes', position: 5, en: 'Andes: "highlands"', es: 'Andes', fr: 'Andes', archived_at: new Date() }).execute();
    await t.db.updateTable('weeks').set({ key_respondent_limit: 3, key_respondents_per_region: null }).where('forum_id', '=', forumId).where('number', '=', 5).execute();
    // Two attachments of one reading, uploaded from the console: a PDF and a PNG.
    const pdf = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const attached = await t.db.selectFrom('readings').innerJoin('weeks', 'weeks.id', 'readings.week_id').select('readings.id')
      .where('weeks.forum_id', '=', forumId).where('weeks.number', '=', 2).orderBy('readings.position').executeTakeFirstOrThrow();
    await t.db.insertInto('reading_attachments').values([
      { reading_id: attached.id, sha256: await storeAttachment(filesA, pdf), media_type: 'application/pdf', size_bytes: pdf.length, file_name: 'Guía de lectura, 2009.pdf', position: 1 },
      { reading_id: attached.id, sha256: await storeAttachment(filesA, png), media_type: 'image/png', size_bytes: png.length, file_name: 'mapa.png', position: 2 },
    ]).execute();
  });

  for (const slug of ['sse-policy-2009', 'sse-policy-live']) {
    it(`reproduces ${slug} row for row in an empty database`, async () => {
      const dir = await exportTo(t.db, slug);
      const result = await importContent(empty.database.db, dir, { attachmentsDir: filesB });
      expect(result.forums).toEqual([slug]);
      const [original, copy] = [await programmeRows(t.db, slug), await programmeRows(empty.database.db, slug)];
      expect(copy).toEqual(original);
      // The comparison is not vacuous.
      expect(original.weeks).toHaveLength(6);
      expect(original.readings.length).toBeGreaterThanOrEqual(10);
      expect(original.forumTexts.map((text) => text.lang)).toEqual(['en', 'es', 'fr']);
      if (slug === 'sse-policy-2009') {
        expect(original.forum).toMatchObject({ invitation_only: true, key_respondent_limit: 7, key_respondents_per_week: 2, description_word_limit: 120 });
        expect(original.readings.filter((reading) => reading.unpublished)).toHaveLength(1);
        expect(original.regions.map((region) => [region.key, region.archived])).toEqual([
          ['english-canada', false], ['quebec', false], ['brazil', false], ['hispanic-america', false], ['andes', true],
        ]);
        expect(original.sectors).toHaveLength(4);
        expect(original.prerequisites).toHaveLength(4);
        expect(original.weeks.filter((week) => week.key_respondent_limit !== null).map((week) => [week.number, week.key_respondent_limit, week.key_respondents_per_region]))
          .toEqual([[4, 4, 2], [5, 3, null]]);
        expect(original.attachments.map((attachment) => attachment.file_name)).toEqual(['Guía de lectura, 2009.pdf', 'mapa.png']);
        for (const { sha256 } of original.attachments) expect(readFileSync(attachmentPath(filesB, sha256))).toEqual(readFileSync(attachmentPath(filesA, sha256)));
      }
      console.log(`${slug}: ${original.weeks.length} weeks, ${original.readings.length} readings, ${original.readingTexts.length} reading texts, ${original.glossary.length} glossary terms, ${result.changedRows} rows written`);
    });
  }

  it('imported over the forum it came from, changes nothing', async () => {
    const dir = await exportTo(t.db, 'sse-policy-2009');
    expect((await importContent(t.db, dir, { attachmentsDir: filesA })).changedRows).toBe(0);
    // And the copy, exported and imported again, is still equal (a fixed point).
    const again = await exportTo(empty.database.db, 'sse-policy-2009');
    expect((await importContent(empty.database.db, again, { attachmentsDir: filesB })).changedRows).toBe(0);
  });

  it('re-imported over a reading edited in the console, makes no new revision of it', async () => {
    // The console stores a body as typed; the files end it with one newline.
    const reading = await t.db.selectFrom('readings').innerJoin('weeks', 'weeks.id', 'readings.week_id').innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['readings.id', 'readings.original_lang', 'readings.revision']).where('forums.slug', '=', 'sse-policy-2009').where('weeks.number', '=', 3)
      .orderBy('readings.position').executeTakeFirstOrThrow();
    await t.db.updateTable('reading_texts').set({ body_md: 'Edited in the console, without a final newline.' })
      .where('reading_id', '=', reading.id).where('lang', '=', reading.original_lang).execute();
    const tasksBefore = await t.db.selectFrom('translation_tasks').select('id').where('item_type', '=', 'reading').where('item_id', '=', reading.id).execute();
    const dir = await exportTo(t.db, 'sse-policy-2009');
    expect((await importContent(t.db, dir, { attachmentsDir: filesA })).changedRows).toBe(1);
    const after = await t.db.selectFrom('readings').select('revision').where('id', '=', reading.id).executeTakeFirstOrThrow();
    expect(after.revision).toBe(reading.revision);
    expect(await t.db.selectFrom('translation_tasks').select('id').where('item_type', '=', 'reading').where('item_id', '=', reading.id).execute()).toEqual(tasksBefore);
    expect((await importContent(t.db, dir, { attachmentsDir: filesA })).changedRows).toBe(0);
  });

  it('writes the layout the import reads', async () => {
    const dir = await exportTo(t.db, 'sse-policy-2009');
    const root = path.join(dir, 'forums', 'sse-policy-2009');
    expect(readdirSync(root).sort()).toEqual(['call.en.md', 'call.es.md', 'call.fr.md', 'forum.yaml', 'glossary.csv', 'weeks']);
    expect(readdirSync(path.join(root, 'weeks'))).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(readdirSync(path.join(root, 'weeks', '01', 'readings'))).toContain('1-what-counts-as-social-economy.es.md');
    const yaml = readFileSync(path.join(root, 'forum.yaml'), 'utf8');
    expect(yaml).toContain('time_zone: America/Toronto');
    // Weeks on the 7-day rhythm, all in the programme's language: no per-week keys.
    expect(yaml).not.toContain('week_starts_on');
    expect(yaml).not.toContain('week_original_lang');
    expect(yaml).toMatch(/starts_on: "?2009-10-26"?/);
    expect(yaml).toMatch(/application_deadline: "?2009-09-30"?/);
    expect(readFileSync(path.join(root, 'glossary.csv'), 'utf8')).toContain(`'=social value`);
    const files = readdirSync(path.join(root, 'weeks', '02', 'readings')).filter((name) => name.endsWith('.files'));
    expect(files).toHaveLength(1);
    expect(readdirSync(path.join(root, 'weeks', '02', 'readings', files[0]!)).sort()).toEqual(['1-Guía de lectura, 2009.pdf', '2-mapa.png']);
  });

  it('the CLI prints its usage without arguments and refuses a folder that holds files', async () => {
    const cli = path.join(projectRoot, 'server/content/export.cli.ts');
    const tsx = path.join(projectRoot, 'node_modules/.bin/tsx');
    await expect(run(tsx, [cli], { cwd: projectRoot })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run content:export -- <forum-slug> <dir>') });
    const dir = tempDir();
    mkdirSync(path.join(dir, 'forums', 'anything'), { recursive: true });
    writeFileSync(path.join(dir, 'forums', 'anything', 'forum.yaml'), 'x');
    await expect(run(tsx, [cli, 'anything', dir], { cwd: projectRoot })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('already holds files') });
  }, 90_000);
});

describe(`the console's export download (${engine})`, () => {
  let organizerCookie: string;
  beforeAll(async () => {
    await importContent(t.db, fixtureContent);
    organizerCookie = await signIn(t, await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'organizer' }] }));
  });

  it('refuses everyone but the forum’s organizers and admins', async () => {
    const as = async (roles: { forumSlug: string; role: 'participant' | 'key_respondent' | 'translator' | 'organizer' }[], isAdmin = false) =>
      signIn(t, await createUser(t.db, { roles, isAdmin }));
    const cases: [string, string | null, number, string][] = [
      ['visitor', null, 401, 'sign_in_required'],
      ['participant', await as([{ forumSlug: LIVE, role: 'participant' }]), 403, 'forbidden'],
      ['key respondent', await as([{ forumSlug: LIVE, role: 'key_respondent' }]), 403, 'forbidden'],
      ['translator', await as([{ forumSlug: LIVE, role: 'translator' }]), 403, 'forbidden'],
      ['organizer of another forum', await as([{ forumSlug: 'fixture-2009', role: 'organizer' }]), 403, 'forbidden'],
    ];
    for (const [who, cookie, status, code] of cases) {
      const request = t.get(`/api/forums/${LIVE}/export`);
      const response = await (cookie ? request.set('Cookie', cookie) : request);
      expect([who, response.status, response.body.error?.code]).toEqual([who, status, code]);
    }
    for (const cookie of [organizerCookie, await as([], true)]) {
      const response = await t.get(`/api/forums/${LIVE}/export`).set('Cookie', cookie).expect(200);
      expect(response.headers['content-type']).toBe('application/gzip');
    }
    const missing = await t.get('/api/forums/no-such-forum/export').set('Cookie', organizerCookie).expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('is a .tar.gz of the forum’s folder that imports back to the same rows', async () => {
    const response = await t.get(`/api/forums/${LIVE}/export`).set('Cookie', organizerCookie)
      .buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
    expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${LIVE}-content-\\d{4}-\\d{2}-\\d{2}\\.tar\\.gz"$`));
    const dir = tempDir();
    const archive = path.join(dir, 'export.tar.gz');
    writeFileSync(archive, response.body as Buffer);
    const listing = (await run('tar', ['-tzf', archive])).stdout.split('\n').filter(Boolean);
    expect(listing).toContain(`${LIVE}/forum.yaml`);
    expect(listing).toContain(`${LIVE}/weeks/01/readings/1-solidarity.es.md`);
    mkdirSync(path.join(dir, 'forums'));
    await run('tar', ['-xzf', archive, '-C', path.join(dir, 'forums')]);
    const target = await createTestDatabase();
    try {
      await importContent(target.database.db, dir);
      expect(await programmeRows(target.database.db, LIVE)).toEqual(await programmeRows(t.db, LIVE));
    } finally {
      await target.drop();
    }
  });

  it('carries attachments, accented names and paths longer than ustar’s 100 bytes', async () => {
    const dir = tempDir();
    const archive = path.join(dir, 'long.tar.gz');
    const long = `forum/${'a-very-long-folder-name/'.repeat(8)}${'é'.repeat(120)}.md`;
    writeFileSync(archive, tarGz([{ path: long, content: 'texto' }, { path: 'forum/weeks/02/readings/1-x.files/1-Guía de lectura, 2009.pdf', content: Buffer.from('%PDF-1.4') }]));
    mkdirSync(path.join(dir, 'out'));
    await run('tar', ['-xzf', archive, '-C', path.join(dir, 'out')]);
    expect(readFileSync(path.join(dir, 'out', long), 'utf8')).toBe('texto');
    expect(readFileSync(path.join(dir, 'out', 'forum/weeks/02/readings/1-x.files/1-Guía de lectura, 2009.pdf'), 'utf8')).toBe('%PDF-1.4');
  });
});

describe(`a forum run from the console round-trips (${engine})`, () => {
  const SLUG = 'console-export';
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase();
    const admin = await signedUser(t, { isAdmin: true });
    const organizer = await signedUser(t);
    // Auckland, far from UTC: a week opens at its local midnight, the day before in UTC.
    await t.post('/api/forums').set('Cookie', admin.cookie).send(newForumBody(SLUG, [organizer.email], {
      timeZone: 'Pacific/Auckland', languages: ['en', 'es', 'fr'],
    })).expect(201);
    const base = `/api/forums/${SLUG}`;
    // Every setting away from its default.
    await t.patch(`${base}/settings`).set('Cookie', organizer.cookie).send({
      published: true, enrolment: 'invitation', publicArchive: true, weeksCloseAtEnd: true,
      keyRespondentLimit: 9, keyRespondentsPerWeek: 3, descriptionWordLimit: 150,
      caseStudyMinWords: 300, caseStudyMaxWords: 1200, questionTargetHours: 72,
      translation: { pairs: [{ from: 'es', to: 'fr' }, { from: 'fr', to: 'en' }], targetHours: 36, claimMinutes: 45, reviewRequired: true },
      texts: [{ lang: 'fr', title: 'Économie sociale : politiques', summary: 'Trois semaines.', callMd: 'Rejoignez-**nous**.' }],
    }).expect(200);
    await t.post(`${base}/weeks`).set('Cookie', organizer.cookie).send(weekBody(dayFromToday(60), { writingClosesAtEnd: false })).expect(201);
    await t.post(`${base}/weeks`).set('Cookie', organizer.cookie).send(weekBody(dayFromToday(67))).expect(201);
    await t.post(`${base}/weeks`).set('Cookie', organizer.cookie).send(weekBody(dayFromToday(74), {
      originalLang: 'fr', texts: [{ lang: 'fr', title: 'Finance solidaire', summaryMd: 'Comment elle se **finance**.' }],
    })).expect(201);
    // Week 2 re-dated in the schedule editor, two days later: off the 7-day rhythm.
    const changed = await t.patch(`${base}/weeks/2`).set('Cookie', organizer.cookie).send({ startsOn: dayFromToday(69) }).expect(200);
    expect(changed.body.schedule.weeks.map((week: { startsOn: string }) => week.startsOn)).toEqual([dayFromToday(60), dayFromToday(69), dayFromToday(74)]);
  }, 120_000);
  afterAll(async () => {
    await target?.drop();
  });

  /**
   * The console stores Markdown as typed; the files end every body with one newline (the house
   * rule: whitespace at the ends of a document is not a new version of it). Everything else, the
   * rendered HTML included, must be equal as it is.
   */
  async function consoleRows(db: Kysely<DB>) {
    const rows = await programmeRows(db, SLUG);
    return {
      ...rows,
      forumTexts: rows.forumTexts.map((text) => ({ ...text, call_md: text.call_md.trimEnd() })),
      weekTexts: rows.weekTexts.map((text) => ({ ...text, summary_md: text.summary_md.trimEnd() })),
    };
  }

  it('comes back row for row in an empty database, and again changes nothing', async () => {
    const dir = await exportTo(t.db, SLUG);
    const yaml = readFileSync(path.join(dir, 'forums', SLUG, 'forum.yaml'), 'utf8');
    // Only the re-dated week is listed, and only the week whose text is in another language.
    expect(yaml).toMatch(new RegExp(`week_starts_on:\\n\\s+"2": "?${dayFromToday(69)}"?\\n`));
    expect(yaml).toMatch(/week_original_lang:\n\s+"3": fr\n/);
    await importContent(target.database.db, dir, { attachmentsDir: filesB });
    const [original, copy] = [await consoleRows(t.db), await consoleRows(target.database.db)];
    expect(copy).toEqual(original);
    // The comparison is not vacuous: every setting is off its default, week 2 off the rhythm.
    expect(original.forum).toMatchObject({
      time_zone: 'Pacific/Auckland', published: true, open_enrolment: false, invitation_only: true, public_archive: true, weeks_close_at_end: true,
      key_respondent_limit: 9, key_respondents_per_week: 3, description_word_limit: 150,
      case_study_min_words: 300, case_study_max_words: 1200, question_target_hours: 72,
      translation_target_hours: 36, translation_claim_minutes: 45, translation_review_required: true,
    });
    expect(original.translationRules).toEqual([{ source_lang: 'es', target_lang: 'fr' }, { source_lang: 'fr', target_lang: 'en' }]);
    expect(original.weeks.map((week) => [week.number, week.starts_on, week.original_lang, week.writing_closes_at_end])).toEqual([
      [1, dayFromToday(60), 'es', false], [2, dayFromToday(69), 'es', null], [3, dayFromToday(74), 'fr', null],
    ]);
    expect(original.weeks[0]!.closes_at).toEqual(original.weeks[1]!.opens_at);
    expect(original.forumTexts.map((text) => text.lang)).toEqual(['en', 'fr']);
    // Imported again over the copy: nothing to change; over the original: the same rows (no date, setting or revision moves).
    expect((await importContent(target.database.db, dir, { attachmentsDir: filesB })).changedRows).toBe(0);
    const revisions = () => t.db.selectFrom('weeks').innerJoin('forums', 'forums.id', 'weeks.forum_id').select('weeks.revision').where('forums.slug', '=', SLUG).orderBy('weeks.number').execute();
    const revisionsBefore = await revisions();
    await importContent(t.db, dir, { attachmentsDir: filesA });
    expect(await consoleRows(t.db)).toEqual(original);
    expect(await revisions()).toEqual(revisionsBefore);
    const again = await exportTo(target.database.db, SLUG);
    expect(readFileSync(path.join(again, 'forums', SLUG, 'forum.yaml'), 'utf8').split('\n').slice(1)).toEqual(yaml.split('\n').slice(1));
  });

  it('a forum just created, without weeks yet, round-trips too', async () => {
    const [admin, organizer] = [await signedUser(t, { isAdmin: true }), await signedUser(t)];
    await t.post('/api/forums').set('Cookie', admin.cookie).send(newForumBody(`${SLUG}-new`, [organizer.email])).expect(201);
    const dir = await exportTo(t.db, `${SLUG}-new`);
    expect(readFileSync(path.join(dir, 'forums', `${SLUG}-new`, 'forum.yaml'), 'utf8')).toMatch(/^weeks: 0$/m);
    await importContent(target.database.db, dir);
    const [original, copy] = [await programmeRows(t.db, `${SLUG}-new`), await programmeRows(target.database.db, `${SLUG}-new`)];
    expect({ ...copy, forumTexts: copy.forumTexts.map((text) => ({ ...text, call_md: text.call_md.trimEnd() })) }).toEqual(original);
    expect(original.weeks).toEqual([]);
  });

  it('refuses week dates out of order or outside the forum, and bounds out of order, naming the file', async () => {
    const dir = await exportTo(t.db, SLUG);
    const file = path.join(dir, 'forums', SLUG, 'forum.yaml');
    const yaml = readFileSync(file, 'utf8');
    const cases: [string, RegExp][] = [
      [yaml.replace(new RegExp(`("2": )"?${dayFromToday(69)}"?`), `$1"${dayFromToday(60)}"`), /week 2 starts on .* not after week 1/],
      [yaml.replace(new RegExp(`("2": )"?${dayFromToday(69)}"?`), `$1"${dayFromToday(101)}"`), /week 2 starts on .* outside the forum's dates/],
      [yaml.replace(new RegExp(`"2": ("?${dayFromToday(69)}"?)`), '"9": $1'), /"week_starts_on" maps week numbers/],
      [yaml.replace(/case_study_min_words: 300/, 'case_study_min_words: 1300'), /"case_study_min_words" cannot be above "case_study_max_words"/],
      [yaml.replace(/question_target_hours: 72/, 'question_target_hours: 0'), /"question_target_hours" must be from 1 to 720/],
    ];
    for (const [text, problem] of cases) {
      expect(text).not.toBe(yaml);
      writeFileSync(file, text);
      await expect(importContent(target.database.db, dir)).rejects.toThrow(problem);
    }
  });
});
