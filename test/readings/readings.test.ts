// Organizers keep a week's readings from the console: who may add, edit, reorder, unpublish
// them; what is refused; how the translation queue follows; and who reads them on their page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, LIVE, type Member } from '../helpers/forum-fixture.ts';
import { addReading, readingBody, readingsWorld, type ReadingsWorld } from './readings-fixture.ts';

let w: ReadingsWorld;
beforeAll(async () => {
  w = await readingsWorld();
});
afterAll(async () => {
  await w?.close();
});

const base = `/api/forums/${LIVE}/weeks`;

async function tasksOf(readingId: number) {
  return w.t.db
    .selectFrom('translation_tasks')
    .select(['id', 'status', 'target_lang', 'source_revision'])
    .where('item_type', '=', 'reading')
    .where('item_id', '=', readingId)
    .orderBy('id')
    .execute();
}

async function readingCount() {
  return Number(
    (
      await w.t.db
        .selectFrom('readings')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

type Who = keyof ReadingsWorld['people'] | 'visitor';
const refusedEditors: [Who, number, string][] = [
  ['visitor', 401, 'sign_in_required'],
  ['participant', 403, 'forbidden'],
  ['keyRespondent', 403, 'forbidden'],
  ['translator', 403, 'forbidden'],
  ['otherOrganizer', 403, 'forbidden'],
];
const cookie = (who: Who) => (who === 'visitor' ? [] : (['Cookie', w.people[who].cookie] as const));
function as<T extends { set(name: string, value: string): T }>(request: T, who: Who): T {
  const pair = cookie(who);
  return pair.length ? request.set(pair[0], pair[1]) : request;
}

describe('the readings editor: who may use it', () => {
  it('lets the organizer and a site admin list, add, edit, reorder, unpublish and republish, and refuses everyone else', async () => {
    const reading = await addReading(w, 2);
    const edit = (r: { updatedAt: string }) => ({
      ...readingBody(),
      idempotencyKey: undefined,
      baseVersion: r.updatedAt,
    });
    for (const [who, status, code] of refusedEditors) {
      const calls = [
        as(w.t.get(`${base}/2/readings`), who),
        as(w.t.post(`${base}/2/readings`), who).send(readingBody()),
        as(w.t.put(`/api/readings/${reading.id}`), who).send(edit(reading)),
        as(w.t.put(`${base}/2/readings/order`), who).send({ ids: [reading.id] }),
        as(w.t.post(`/api/readings/${reading.id}/unpublish`), who),
        as(w.t.post(`/api/readings/${reading.id}/publish`), who),
      ];
      for (const call of calls) {
        const response = await call;
        expect([who, response.status, response.body.error?.code]).toEqual([who, status, code]);
      }
    }
    for (const who of ['organizer', 'admin'] as const) {
      const list = await as(w.t.get(`${base}/2/readings`), who).expect(200);
      const mine = list.body.readings.find((r: { id: number }) => r.id === reading.id);
      const created = await as(w.t.post(`${base}/2/readings`), who)
        .send(readingBody())
        .expect(201);
      const edited = await as(w.t.put(`/api/readings/${reading.id}`), who)
        .send(edit(mine))
        .expect(200);
      expect(edited.body.reading.texts[0]).toMatchObject({ lang: 'es', title: 'Economía solidaria en Quebec' });
      const ids = (await as(w.t.get(`${base}/2/readings`), who).expect(200)).body.readings.map(
        (r: { id: number }) => r.id,
      );
      await as(w.t.put(`${base}/2/readings/order`), who)
        .send({ ids })
        .expect(200);
      expect(
        (await as(w.t.post(`/api/readings/${created.body.reading.id}/unpublish`), who).expect(200)).body.reading
          .published,
      ).toBe(false);
      expect(
        (await as(w.t.post(`/api/readings/${created.body.reading.id}/publish`), who).expect(200)).body.reading
          .published,
      ).toBe(true);
    }
    // A reading or week that does not exist.
    await w.t.put('/api/readings/999999').set('Cookie', w.people.organizer.cookie).send(edit(reading)).expect(404);
    await w.t.get(`${base}/9/readings`).set('Cookie', w.people.organizer.cookie).expect(404);
  });
});

describe('validation', () => {
  it('refuses an empty or overlong title, an unknown language, a missing original and a repeated language, and adds nothing', async () => {
    const before = await readingCount();
    const organizer = w.people.organizer.cookie;
    const post = (body: object) =>
      w.t.post(`${base}/2/readings`).set('Cookie', organizer).set('Accept-Language', 'fr').send(body);
    const text = { lang: 'es', title: 'Título', bodyMd: 'Texto' };
    const empty = await post(readingBody({ texts: [{ ...text, title: '   ' }] })).expect(400);
    expect(empty.body.error).toMatchObject({ code: 'validation' });
    expect(empty.body.error.message).toContain('Titre');
    const long = await post(readingBody({ texts: [{ ...text, title: 'x'.repeat(201) }] })).expect(413);
    expect(long.body.error.code).toBe('too_long');
    expect(long.body.error.message).toMatch(/200\s?caractères/u);
    expect((await post(readingBody({ texts: [{ ...text, lang: 'de' }] })).expect(400)).body.error.code).toBe(
      'validation',
    );
    expect((await post(readingBody({ originalLang: 'de' })).expect(400)).body.error.code).toBe('validation');
    const noOriginal = await post(readingBody({ originalLang: 'en' })).expect(400);
    expect(noOriginal.body.error.message).toContain('Langue d’origine');
    expect((await post(readingBody({ texts: [text, text] })).expect(400)).body.error.code).toBe('validation');
    expect((await post(readingBody({ texts: [{ ...text, bodyMd: '' }] })).expect(400)).body.error.code).toBe(
      'validation',
    );
    expect((await post(readingBody({ texts: [] })).expect(400)).body.error.code).toBe('validation');
    expect((await post({ ...readingBody(), idempotencyKey: 'not-a-uuid' }).expect(400)).body.error.code).toBe(
      'validation',
    );
    expect(await readingCount()).toBe(before);
  });

  it('makes one reading of a create sent twice, and a readable slug that another reading of the week does not hold', async () => {
    const key = randomUUID();
    const send = () =>
      w.t
        .post(`${base}/1/readings`)
        .set('Cookie', w.people.organizer.cookie)
        .send(readingBody({ idempotencyKey: key }));
    const first = await send().expect(201);
    const again = await send().expect(200);
    expect(again.body.reading.id).toBe(first.body.reading.id);
    expect(first.body.reading.slug).toBe('economia-solidaria-en-quebec');
    const other = await addReading(w, 1);
    expect(other.slug).toBe('economia-solidaria-en-quebec-2');
  });

  it('keeps a reading added in the console when the content files are imported again, as every demo start does', async () => {
    const added = await addReading(w, 1);
    await importFixture(w.t);
    const kept = await w.t.db
      .selectFrom('readings')
      .select(['id', 'slug'])
      .where('id', '=', added.id)
      .executeTakeFirst();
    expect(kept).toEqual({ id: added.id, slug: added.slug });
  });

  it('refuses an edit made from an older version of the reading, and changes nothing', async () => {
    const reading = await addReading(w, 2);
    const body = { originalLang: 'es', texts: [{ lang: 'es', title: 'Primera', bodyMd: 'Uno' }] };
    await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send({ ...body, baseVersion: reading.updatedAt })
      .expect(200);
    const stale = await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send({
        originalLang: 'es',
        texts: [{ lang: 'es', title: 'Segunda', bodyMd: 'Dos' }],
        baseVersion: reading.updatedAt,
      })
      .expect(409);
    expect(stale.body.error.code).toBe('reading_changed');
    const list = await w.t.get(`${base}/2/readings`).set('Cookie', w.people.organizer.cookie).expect(200);
    expect(list.body.readings.find((r: { id: number }) => r.id === reading.id).texts[0].title).toBe('Primera');
  });
});

describe('order and publication', () => {
  it("puts the week page's table of contents in the order the organizer sets, and refuses a list that is not the week's readings", async () => {
    const week = async () =>
      (await w.t.get(`${base}/3`).set('Cookie', w.people.organizer.cookie).expect(200)).body.week.readings as {
        id: number;
      }[];
    const a = await addReading(w, 3, { texts: [{ lang: 'es', title: 'Primera lectura', bodyMd: 'A' }] });
    const b = await addReading(w, 3, { texts: [{ lang: 'es', title: 'Segunda lectura', bodyMd: 'B' }] });
    expect((await week()).map((r) => r.id)).toEqual([a.id, b.id]);
    const reordered = await w.t
      .put(`${base}/3/readings/order`)
      .set('Cookie', w.people.organizer.cookie)
      .send({ ids: [b.id, a.id] })
      .expect(200);
    expect(reordered.body.readings.map((r: { id: number; position: number }) => [r.id, r.position])).toEqual([
      [b.id, 1],
      [a.id, 2],
    ]);
    expect((await week()).map((r) => r.id)).toEqual([b.id, a.id]);
    for (const ids of [[b.id], [a.id, b.id, b.id], [a.id, 999999]]) {
      expect(
        (await w.t.put(`${base}/3/readings/order`).set('Cookie', w.people.organizer.cookie).send({ ids }).expect(400))
          .body.error.code,
      ).toBe('validation');
    }
    expect((await week()).map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it('hides an unpublished reading from members (week page, its page) and withdraws its tasks; republishing brings both back', async () => {
    const reading = await addReading(w, 2, { texts: [{ lang: 'es', title: 'Retirada', bodyMd: 'Texto' }] });
    const onWeek = async (m: Member) =>
      (await w.t.get(`${base}/2`).set('Cookie', m.cookie).expect(200)).body.week.readings.some(
        (r: { id: number }) => r.id === reading.id,
      );
    expect(await onWeek(w.people.participant)).toBe(true);
    expect(await tasksOf(reading.id)).toEqual([
      expect.objectContaining({ status: 'open', target_lang: 'en', source_revision: 1 }),
    ]);

    await w.t.post(`/api/readings/${reading.id}/unpublish`).set('Cookie', w.people.organizer.cookie).expect(200);
    await w.t.post(`/api/readings/${reading.id}/unpublish`).set('Cookie', w.people.organizer.cookie).expect(200);
    expect(await onWeek(w.people.participant)).toBe(false);
    expect(await onWeek(w.people.organizer)).toBe(false);
    expect(
      (await w.t.get(`${base}/2/readings/${reading.slug}`).set('Cookie', w.people.participant.cookie).expect(404)).body
        .error.code,
    ).toBe('not_found');
    const preview = await w.t
      .get(`${base}/2/readings/${reading.slug}`)
      .set('Cookie', w.people.organizer.cookie)
      .expect(200);
    expect(preview.body.reading.published).toBe(false);
    expect((await tasksOf(reading.id)).map((task) => task.status)).toEqual(['withdrawn']);

    await w.t.post(`/api/readings/${reading.id}/publish`).set('Cookie', w.people.organizer.cookie).expect(200);
    expect(await onWeek(w.people.participant)).toBe(true);
    await w.t.get(`${base}/2/readings/${reading.slug}`).set('Cookie', w.people.participant.cookie).expect(200);
    expect((await tasksOf(reading.id)).map((task) => task.status)).toEqual(['withdrawn', 'open']);
  });
});

describe('translation tasks', () => {
  it("queues the policy's languages that no version gives by hand, and none for English originals", async () => {
    const spanishOnly = await addReading(w, 2);
    expect(await tasksOf(spanishOnly.id)).toEqual([
      expect.objectContaining({ status: 'open', target_lang: 'en', source_revision: 1 }),
    ]);
    const withEnglish = await addReading(w, 2, {
      texts: [
        { lang: 'es', title: 'Con inglés', bodyMd: 'Texto' },
        { lang: 'en', title: 'With English', bodyMd: 'Text' },
      ],
    });
    expect(await tasksOf(withEnglish.id)).toEqual([]);
    const english = await addReading(w, 2, {
      originalLang: 'en',
      texts: [{ lang: 'en', title: 'In English', bodyMd: 'Text' }],
    });
    expect(await tasksOf(english.id)).toEqual([]);
  });

  it('makes an edited original a new revision with a new task and an outdated translation; a hand version withdraws the task', async () => {
    const reading = await addReading(w, 2);
    const [task] = await tasksOf(reading.id);
    const organizer = w.people.organizer.cookie;
    await w.t.post(`/api/translation-tasks/${task!.id}/claim`).set('Cookie', organizer).expect(200);
    await w.t
      .post(`/api/translation-tasks/${task!.id}/publish`)
      .set('Cookie', organizer)
      .send({ bodyMd: 'A short text on cooperatives.' })
      .expect(200);
    const english = w.people.participant.cookie;
    const page = async () =>
      (await w.t.get(`${base}/2/readings/${reading.slug}`).set('Cookie', english).expect(200)).body.reading;
    expect(await page()).toMatchObject({
      body: { lang: 'es' },
      translation: { lang: 'en', outdated: false, translator: { role: 'organizer' } },
    });

    // A new title alone is no new revision.
    let current = (
      await w.t
        .put(`/api/readings/${reading.id}`)
        .set('Cookie', organizer)
        .send({
          originalLang: 'es',
          texts: [{ lang: 'es', title: 'Otro título', bodyMd: 'Un texto **breve** sobre cooperativas.' }],
          baseVersion: reading.updatedAt,
        })
        .expect(200)
    ).body.reading;
    expect(current.revision).toBe(1);
    current = (
      await w.t
        .put(`/api/readings/${reading.id}`)
        .set('Cookie', organizer)
        .send({
          originalLang: 'es',
          texts: [{ lang: 'es', title: 'Otro título', bodyMd: 'Texto revisado.' }],
          baseVersion: current.updatedAt,
        })
        .expect(200)
    ).body.reading;
    expect(current.revision).toBe(2);
    expect(await page()).toMatchObject({ translation: { outdated: true } });
    expect((await tasksOf(reading.id)).map((t) => [t.status, t.source_revision])).toEqual([
      ['published', 1],
      ['open', 2],
    ]);

    await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', organizer)
      .send({
        originalLang: 'es',
        texts: [
          { lang: 'es', title: 'Otro título', bodyMd: 'Texto revisado.' },
          { lang: 'en', title: 'Another title', bodyMd: 'Revised text.' },
        ],
        baseVersion: current.updatedAt,
      })
      .expect(200);
    expect((await tasksOf(reading.id)).map((t) => t.status)).toEqual(['published', 'withdrawn']);
  });
});

describe("a reading's own page", () => {
  const readers: [Who, number, number, string | undefined][] = [
    // who, status in the open week 2, status in week 3 before it opens, week-3 error code
    ['visitor', 401, 401, 'sign_in_required'],
    ['participant', 200, 403, 'week_not_open'],
    ['keyRespondent', 200, 200, undefined],
    ['translator', 200, 403, 'week_not_open'],
    ['otherOrganizer', 403, 403, 'not_a_member'],
    ['organizer', 200, 200, undefined],
    ['admin', 200, 200, undefined],
  ];

  it('is readable by whoever may read the week: members once it opens, its key respondent before, organizers always', async () => {
    const open = await addReading(w, 2, { texts: [{ lang: 'es', title: 'Lectura abierta', bodyMd: 'Abierta' }] });
    const early = await addReading(w, 3, { texts: [{ lang: 'es', title: 'Lectura temprana', bodyMd: 'Temprana' }] });
    for (const [who, openStatus, earlyStatus, earlyCode] of readers) {
      const a = await as(w.t.get(`${base}/2/readings/${open.slug}`), who);
      const b = await as(w.t.get(`${base}/3/readings/${early.slug}`), who);
      expect([who, a.status, b.status, b.body.error?.code]).toEqual([who, openStatus, earlyStatus, earlyCode]);
    }
    await w.t.get(`${base}/2/readings/no-such-reading`).set('Cookie', w.people.participant.cookie).expect(404);
    // A reading's slug does not open it through another week.
    await w.t.get(`${base}/1/readings/${open.slug}`).set('Cookie', w.people.participant.cookie).expect(404);
  });

  it('shows the reading rule with the week and the other readings, and the week page lists titles with attachment counts', async () => {
    const reading = await addReading(w, 2, {
      texts: [
        { lang: 'es', title: 'Finanzas solidarias', bodyMd: 'Texto *original*.' },
        { lang: 'fr', title: 'Finance solidaire', bodyMd: 'Texte.' },
      ],
    });
    const french = await w.t
      .get(`${base}/2/readings/${reading.slug}`)
      .set('Cookie', w.people.participant.cookie)
      .set('Accept-Language', 'fr')
      .expect(200);
    expect(french.body.reading).toMatchObject({
      slug: 'finanzas-solidarias',
      originalLang: 'es',
      title: { lang: 'fr', value: 'Finance solidaire' },
      body: { lang: 'fr', html: '<p>Texte.</p>' },
      published: true,
      attachments: [],
      week: { number: 2 },
    });
    expect(french.body.reading.siblings).toContainEqual({
      slug: 'finanzas-solidarias',
      title: { lang: 'fr', value: 'Finance solidaire' },
    });
    const english = await w.t
      .get(`${base}/2/readings/${reading.slug}`)
      .set('Cookie', w.people.participant.cookie)
      .expect(200);
    expect(english.body.reading).toMatchObject({
      title: { lang: 'es' },
      body: { lang: 'es', html: '<p>Texto <em>original</em>.</p>' },
      translationPending: true,
    });
    const week = await w.t.get(`${base}/2`).set('Cookie', w.people.participant.cookie).expect(200);
    expect(week.body.week.readings.find((r: { id: number }) => r.id === reading.id)).toMatchObject({
      slug: 'finanzas-solidarias',
      originalLang: 'es',
      title: { lang: 'es', value: 'Finanzas solidarias' },
      attachmentCount: 0,
    });
  });
});
