// Glossary CSV import and export: an empty file never empties the glossary, merging is the
// default, replacing is confirmed with the count a dry run reported; cells obey the API's
// rules, and exported cells cannot run as spreadsheet formulas.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let organizer: Member;
let translator: Member;
let participant: Member;
const HEADER = 'en,es,fr,note\n';

function importCsv(csv: string, query = '', who = organizer) {
  return t
    .put(`/api/forums/${LIVE}/glossary.csv${query}`)
    .set('Cookie', who.cookie)
    .set('Content-Type', 'text/csv')
    .send(csv);
}

async function terms() {
  return (await t.get(`/api/forums/${LIVE}/glossary`).set('Cookie', organizer.cookie).expect(200)).body.terms as {
    id: number;
    en: string;
    es: string;
    fr: string;
    note: string;
  }[];
}

async function replaceAll(csv: string) {
  const preview = (await importCsv(csv, '?mode=replace&dryRun=true').expect(200)).body;
  await importCsv(csv, `?mode=replace&confirm=${preview.removed}`).expect(200);
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [organizer, translator, participant] = [
    await member(t, 'organizer'),
    await member(t, 'participant'),
    await member(t, 'participant'),
  ];
  await t.put(`/api/forums/${LIVE}/translators/${translator.id}`).set('Cookie', organizer.cookie).expect(200);
});
afterAll(async () => {
  await t?.close();
});

describe('an empty file', () => {
  it('is refused in every mode, with a clear message, and the glossary keeps its terms', async () => {
    await replaceAll(
      `${HEADER}social economy,economía social,économie sociale,\npublic procurement,compras públicas,marchés publics,\n`,
    );
    const before = await terms();
    expect(before).toHaveLength(2);
    for (const csv of ['', HEADER, '\uFEFFen,es,fr\n\n\n']) {
      for (const query of [
        '',
        '?mode=merge',
        '?mode=replace',
        '?mode=replace&confirm=2',
        '?mode=replace&dryRun=true',
      ]) {
        const refused = await importCsv(csv, query).set('Accept-Language', 'es').expect(400);
        expect(refused.body.error.code).toBe('csv_empty');
        expect(refused.body.error.message).toMatch(/^El archivo CSV no contiene ningún término/);
      }
    }
    expect(await terms()).toEqual(before);
  });
});

describe('merging and replacing', () => {
  it('merges by default: adds and updates, keeps what the file does not name, and a dry run changes nothing', async () => {
    await replaceAll(
      `${HEADER}social economy,economía social,économie sociale,\npublic procurement,compras públicas,marchés publics,\n`,
    );
    const file = `${HEADER}Social Economy,economía social,économie sociale,Agreed in week 1\nsolidarity finance,finanzas solidarias,finance solidaire,\n`;
    const preview = (await importCsv(file, '?dryRun=true').expect(200)).body;
    expect(preview).toEqual({ mode: 'merge', dryRun: true, terms: 2, added: 1, changed: 1, removed: 0, unchanged: 0 });
    expect((await terms()).map((term) => term.en)).toEqual(['public procurement', 'social economy']);

    expect((await importCsv(file).expect(200)).body).toEqual({
      mode: 'merge',
      dryRun: false,
      terms: 2,
      added: 1,
      changed: 1,
      removed: 0,
      unchanged: 0,
    });
    expect((await terms()).map((term) => [term.en, term.note]).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
      ['public procurement', ''],
      ['Social Economy', 'Agreed in week 1'],
      ['solidarity finance', ''],
    ]);
    // The same file again, as a retry would send it: nothing to do.
    expect((await importCsv(file).expect(200)).body).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: 2 });
  });

  it('replaces only once the number of terms to remove is confirmed, as the dry run reported it', async () => {
    await replaceAll(`${HEADER}a,a-es,a-fr,\nb,b-es,b-fr,\nc,c-es,c-fr,\n`);
    const file = `${HEADER}c,c-es,c-fr,\nd,d-es,d-fr,\n`;
    const preview = (await importCsv(file, '?mode=replace&dryRun=true').expect(200)).body;
    expect(preview).toEqual({
      mode: 'replace',
      dryRun: true,
      terms: 2,
      added: 1,
      changed: 0,
      removed: 2,
      unchanged: 1,
    });

    for (const query of ['?mode=replace', '?mode=replace&confirm=1', '?mode=replace&confirm=3']) {
      const refused = await importCsv(file, query).set('Accept-Language', 'fr').expect(409);
      expect(refused.body.error.code).toBe('glossary_replace_unconfirmed');
      expect(refused.body.error.message).toMatch(/^Remplacer le glossaire supprimerait 2 de ses termes /);
    }
    expect((await terms()).map((term) => term.en)).toEqual(['a', 'b', 'c']);

    // Someone adds a term after the preview: the old count no longer confirms the replace.
    await t.post(`/api/forums/${LIVE}/glossary`).set('Cookie', organizer.cookie).send({ en: 'e' }).expect(201);
    expect((await importCsv(file, '?mode=replace&confirm=2').expect(409)).body.error.code).toBe(
      'glossary_replace_unconfirmed',
    );
    expect((await importCsv(file, '?mode=replace&confirm=3').expect(200)).body).toMatchObject({
      added: 1,
      removed: 3,
      unchanged: 1,
    });
    expect((await terms()).map((term) => term.en)).toEqual(['c', 'd']);
    // A double submit of the confirmed replace finds nothing left to remove.
    expect((await importCsv(file, '?mode=replace&confirm=3').expect(200)).body).toMatchObject({
      added: 0,
      removed: 0,
      unchanged: 2,
    });
  });

  it('lets exactly one of two concurrent confirmed replaces remove the terms', async () => {
    await replaceAll(`${HEADER}a,,,\nb,,,\n`);
    const [first, second] = await Promise.all([
      importCsv(`${HEADER}x,,,\n`, '?mode=replace&confirm=2'),
      importCsv(`${HEADER}y,,,\n`, '?mode=replace&confirm=2'),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect(await terms()).toHaveLength(1);
  });

  it('refuses a file that repeats a term, naming the line', async () => {
    const refused = await importCsv(
      `${HEADER}cooperative,cooperativa,coopérative,\nfund,fondo,fonds,\nCooperative,,,\n`,
    ).expect(400);
    expect(refused.body.error).toEqual({
      code: 'csv_duplicate_term',
      message: 'Line 4 repeats the term “Cooperative” from an earlier line. Keep one row per term and import again.',
    });
  });

  it('is the organizers’: translators read and export, nobody else imports', async () => {
    await importCsv(`${HEADER}x,,,\n`, '', translator).expect(403);
    await importCsv(`${HEADER}x,,,\n`, '?dryRun=true', translator).expect(403);
    await t.get(`/api/forums/${LIVE}/glossary.csv`).set('Cookie', translator.cookie).expect(200);
    await t.get(`/api/forums/${LIVE}/glossary.csv`).set('Cookie', participant.cookie).expect(403);
    await t.put(`/api/forums/${LIVE}/glossary.csv`).set('Content-Type', 'text/csv').send(`${HEADER}x,,,\n`).expect(401);
  });
});

describe('cells', () => {
  it('exports cells a spreadsheet would run as formulas with a leading quote, and imports them back unchanged', async () => {
    await replaceAll(`${HEADER}plain,,,\n`);
    const risky = [
      { en: '=HYPERLINK("http://evil.test","click")', es: '+34 600 000 000', fr: '-ish', note: '@SUM(A1:A2)' },
      { en: "'=already quoted", es: 'cmd|calc', fr: 'économie', note: 'Tab\tinside' },
    ];
    for (const term of risky)
      await t.post(`/api/forums/${LIVE}/glossary`).set('Cookie', organizer.cookie).send(term).expect(201);
    const csv = (await t.get(`/api/forums/${LIVE}/glossary.csv`).set('Cookie', translator.cookie).expect(200)).text;
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(rows).toContainEqual({
      en: '\'=HYPERLINK("http://evil.test","click")',
      es: "'+34 600 000 000",
      fr: "'-ish",
      note: "'@SUM(A1:A2)",
    });
    expect(rows).toContainEqual({ en: "''=already quoted", es: 'cmd|calc', fr: 'économie', note: 'Tab\tinside' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const before = await terms();
    expect((await importCsv(csv, '?mode=replace').expect(200)).body).toMatchObject({
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: 3,
    });
    expect(await terms()).toEqual(before);
  });

  it('applies the API’s limits and text rules to every cell, naming the line and column, and stores nothing', async () => {
    await replaceAll(`${HEADER}kept,,,\n`);
    const before = await terms();
    const cases: [string, { code: string; message: string }][] = [
      [
        `${HEADER}ok,,,\n${'x'.repeat(5000)},,,\n`,
        { code: 'csv_cell_too_long', message: 'Line 3: the “en” column is too long (at most 200 characters).' },
      ],
      [
        `${HEADER}ok,,,note\nfine,,,${'n'.repeat(1001)}\n`,
        { code: 'csv_cell_too_long', message: 'Line 3: the “note” column is too long (at most 1000 characters).' },
      ],
      [
        `${HEADER}bad\u0000term,,,\n`,
        {
          code: 'csv_cell_invalid',
          message:
            'Line 2: the “en” column contains control characters, which cannot be stored. Remove them and import again.',
        },
      ],
      [
        `${HEADER},"two\nlines",,\n`,
        {
          code: 'csv_cell_invalid',
          message:
            'Line 3: the “es” column contains control characters, which cannot be stored. Remove them and import again.',
        },
      ],
      [
        `${HEADER}ok,,,bell\u0007\n`,
        {
          code: 'csv_cell_invalid',
          message:
            'Line 2: the “note” column contains control characters, which cannot be stored. Remove them and import again.',
        },
      ],
    ];
    for (const [csv, error] of cases) {
      expect((await importCsv(csv).expect(400)).body.error).toEqual(error);
      expect((await importCsv(csv, '?dryRun=true').expect(400)).body.error.code).toBe(error.code);
    }
    expect(await terms()).toEqual(before);
    // The API's own rules, for comparison.
    expect(
      (
        await t
          .post(`/api/forums/${LIVE}/glossary`)
          .set('Cookie', organizer.cookie)
          .send({ en: 'x'.repeat(201) })
      ).status,
    ).toBeGreaterThanOrEqual(400);
    await t
      .post(`/api/forums/${LIVE}/glossary`)
      .set('Cookie', organizer.cookie)
      .send({ en: 'bad\u0000term' })
      .expect(400);
    await t
      .put(`/api/forums/${LIVE}/glossary/${before[0]!.id}`)
      .set('Cookie', organizer.cookie)
      .send({ en: 'two\nlines' })
      .expect(400);
    await t
      .put(`/api/forums/${LIVE}/glossary/2147483648`)
      .set('Cookie', organizer.cookie)
      .send({ en: 'x' })
      .expect(400);
    expect(await terms()).toEqual(before);
  });
});
