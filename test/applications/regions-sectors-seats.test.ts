// What the model call asks of an application: a region and a sector from the forum's own lists,
// every prerequisite confirmed, a key respondent's experience side by side for reviewers, and
// key-respondent seats limited per week and per region, holding under concurrent acceptance
// (on PostgreSQL the two requests really run at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { applicationBody, candidateBody, forumId, openForApplications } from './cohort-helpers.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';
import { atOnce } from '../helpers/test-database.ts';

let t: TestApp;
let organizer: Member;
const base = `/api/forums/${LIVE}`;
const names = (en: string, es: string, fr: string) => ({ en, es, fr });

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

async function add(list: string, key: string, name: { en: string; es: string; fr: string }) {
  await t.post(`${base}/lists/${list}`).set('Cookie', organizer.cookie).send({ key, name }).expect(201);
}

async function applicant(body: Record<string, unknown>, lang: 'en' | 'es' | 'fr' = 'en') {
  const person = await member(t, null, lang);
  const response = await t.post(`${base}/application`).set('Cookie', person.cookie).send(body).expect(201);
  return { ...person, applicationId: response.body.application.id as number };
}

const accept = (id: number, week: number, cookie = organizer.cookie) =>
  t
    .post(`${base}/applications/${id}/decision`)
    .set('Cookie', cookie)
    .send({ decision: 'accept', role: 'key_respondent', week });

describe('an application under the forum’s lists', () => {
  it('needs a region and a sector of this forum once it lists them, and says their names in each language', async () => {
    const person = await member(t, null);
    // The fixture lists regions but no sectors: a sector is not asked.
    await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ region: '' }))
      .expect(400)
      .expect((r) => expect(r.body.error).toMatchObject({ code: 'validation' }));
    await add(
      'sectors',
      'ngo',
      names('NGO staff or volunteer', 'Personal o voluntariado de ONG', 'Personnel ou bénévole d’OSBL'),
    );
    await add(
      'sectors',
      'academia',
      names('Academic or researcher', 'Académico/a o investigador/a', 'Universitaire ou chercheur·e'),
    );
    const noSector = await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody())
      .expect(400);
    expect(noSector.body.error.message).toContain('Sector');
    // Another forum's region (or a made-up one) is not this forum's.
    await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ sector: 'ngo', region: 'atlantis' }))
      .expect(400);
    expect(await t.db.selectFrom('applications').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
    const created = await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ sector: 'ngo' }))
      .expect(201);
    expect(created.body.application).toMatchObject({
      region: 'canada',
      regionName: { en: 'Canada', es: 'Canadá', fr: 'Canada' },
      sector: 'ngo',
      sectorName: { en: 'NGO staff or volunteer', es: 'Personal o voluntariado de ONG' },
    });
  });

  it('refuses an application that does not confirm every prerequisite, and stores nothing', async () => {
    await add(
      'prerequisites',
      'reads-english',
      names('I can read English.', 'Puedo leer en inglés.', 'Je peux lire l’anglais.'),
    );
    await add(
      'prerequisites',
      'hours',
      names(
        'I can give 2 to 5 hours a week.',
        'Puedo dedicar de 2 a 5 horas por semana.',
        'Je peux y consacrer de 2 à 5 heures par semaine.',
      ),
    );
    const call = (await t.get(`${base}/application`).expect(200)).body.call;
    expect(call.prerequisites.map((p: { key: string }) => p.key)).toEqual(['reads-english', 'hours']);
    expect(call.sectors.map((p: { key: string }) => p.key)).toEqual(['ngo', 'academia']);
    const person = await member(t, null, 'es');
    const partial = await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .set('Accept-Language', 'es')
      .send(applicationBody({ sector: 'ngo', prerequisites: ['hours'] }))
      .expect(400);
    expect(partial.body.error).toEqual({
      code: 'prerequisites_unconfirmed',
      message: formatErrorMessage('es', 'UTC', 'prerequisites_unconfirmed'),
    });
    await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ sector: 'ngo', prerequisites: ['hours', 'reads-english', 'internet'] }))
      .expect(400);
    expect(await t.db.selectFrom('applications').select('id').where('user_id', '=', person.id).execute()).toEqual([]);
    const ok = await t
      .post(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ sector: 'ngo', prerequisites: ['hours', 'reads-english'] }))
      .expect(201);
    expect(ok.body.application.prerequisitesConfirmed).toEqual(['reads-english', 'hours']);
    // An edit confirms them again.
    await t
      .put(`${base}/application`)
      .set('Cookie', person.cookie)
      .send(applicationBody({ sector: 'ngo', prerequisites: [] }))
      .expect(400);
  });

  it('keeps a key respondent’s research, ground and policy experience, each within 100 words, for reviewers to read side by side', async () => {
    const confirmed = { sector: 'academia', prerequisites: ['reads-english', 'hours'] };
    const tooLong = await t
      .post(`${base}/application`)
      .set('Cookie', (await member(t, null)).cookie)
      .send(candidateBody({ ...confirmed, groundExperience: 'palabra '.repeat(101) }))
      .expect(400);
    expect(tooLong.body.error.code).toBe('too_many_words');
    const candidate = await applicant(
      candidateBody({
        ...confirmed,
        researchExperience: 'Estudio el crédito cooperativo rural.',
        groundExperience: 'Coordino 12 cooperativas.',
        policyExperience: 'Asesoré una ley regional.',
      }),
    );
    const seen = await t
      .get(`${base}/applications/${candidate.applicationId}`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(seen.body.application).toMatchObject({
      researchExperience: 'Estudio el crédito cooperativo rural.',
      groundExperience: 'Coordino 12 cooperativas.',
      policyExperience: 'Asesoré una ley regional.',
    });
    // A participant's application carries none of them.
    const participant = await applicant(applicationBody({ ...confirmed, researchExperience: 'Ignored.' }));
    expect(
      (await t.get(`${base}/applications/${participant.applicationId}`).set('Cookie', organizer.cookie)).body
        .application.researchExperience,
    ).toBe('');
  });

  it('filters and counts applications by sector and region', async () => {
    const list = await t.get(`${base}/applications?sector=academia`).set('Cookie', organizer.cookie).expect(200);
    expect(list.body.applications.every((a: { sector: string }) => a.sector === 'academia')).toBe(true);
    expect(list.body.applications).toHaveLength(2);
    const ngo = list.body.sectors.find((s: { key: string }) => s.key === 'ngo');
    expect(ngo).toMatchObject({ name: { es: 'Personal o voluntariado de ONG' }, archived: false, count: 2 });
    expect(list.body.regions.find((r: { key: string }) => r.key === 'andean').count).toBe(1);
    expect(
      (await t.get(`${base}/applications?sector=nobody`).set('Cookie', organizer.cookie).expect(400)).body.error.code,
    ).toBe('validation');
  });
});

describe('key-respondent seats by week and region', () => {
  const confirmed = { sector: 'ngo', prerequisites: ['reads-english', 'hours'] };
  async function clearKeyRespondents() {
    await t.db
      .deleteFrom('memberships')
      .where('forum_id', '=', await forumId(t))
      .where('role', '=', 'key_respondent')
      .execute();
  }

  it('lets organizers set a week’s seats and a limit per region, and holds them', async () => {
    await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ keyRespondentLimit: 10, keyRespondentsPerWeek: 1 })
      .expect(200);
    await t
      .put(`${base}/seats`)
      .set('Cookie', organizer.cookie)
      .send({
        weeks: [
          { week: 1, limit: 3, perRegion: 1 },
          { week: 9, limit: 1, perRegion: null },
        ],
      })
      .expect(400);
    const set = await t
      .put(`${base}/seats`)
      .set('Cookie', organizer.cookie)
      .send({ weeks: [{ week: 1, limit: 3, perRegion: 1 }] })
      .expect(200);
    expect(set.body.weeks.find((w: { week: number }) => w.week === 1)).toMatchObject({
      limit: 3,
      perRegion: 1,
      taken: 0,
    });
    await clearKeyRespondents();
    const [a, b, c] = [
      await applicant(candidateBody(confirmed)),
      await applicant(candidateBody(confirmed)),
      await applicant(candidateBody({ ...confirmed, region: 'brazil' })),
    ];
    await accept(a.applicationId, 1).expect(200);
    const sameRegion = await accept(b.applicationId, 1).set('Accept-Language', 'es').expect(409);
    expect(sameRegion.body.error).toEqual({
      code: 'region_limit_reached',
      message: formatErrorMessage('es', 'UTC', 'region_limit_reached', { number: 1, max: 1, region: 'Países andinos' }),
    });
    expect(sameRegion.body.error.message).toContain('Países andinos');
    expect((await t.get(`${base}/application`).set('Cookie', b.cookie)).body.application.status).toBe('pending');
    // Another region fits, and the week holds more than the forum's one seat a week.
    await accept(c.applicationId, 1).expect(200);
    const seats = (await t.get(`${base}/seats`).set('Cookie', organizer.cookie).expect(200)).body;
    expect(seats.weeks.find((w: { week: number }) => w.week === 1)).toMatchObject({
      taken: 2,
      byRegion: { andean: 1, brazil: 1 },
    });
    const review = (await t.get(`${base}/applications`).set('Cookie', organizer.cookie)).body.seats;
    expect(review).toMatchObject({
      weekLimits: { 1: { limit: 3, perRegion: 1 } },
      byWeekRegion: { 1: { andean: 1, brazil: 1 } },
    });
    // Week 2 keeps the forum's seats per week.
    await accept(b.applicationId, 2).expect(200);
    const d = await applicant(candidateBody({ ...confirmed, region: 'mexico' }));
    expect((await accept(d.applicationId, 2).expect(409)).body.error.code).toBe('week_limit_reached');
    // Lifting the week's own limit brings back the forum's.
    await t
      .put(`${base}/seats`)
      .set('Cookie', organizer.cookie)
      .send({ weeks: [{ week: 1, limit: null, perRegion: null }] })
      .expect(200)
      .expect((r) =>
        expect(r.body.weeks.find((w: { week: number }) => w.week === 1)).toMatchObject({
          limit: null,
          perRegion: null,
        }),
      );
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'seats.changed').execute();
    expect(audit).toHaveLength(2);
  });

  it(`gives a region’s last seat in a week to exactly one of two organizers accepting ${atOnce}`, async () => {
    const second = await member(t, 'organizer');
    await t
      .put(`${base}/seats`)
      .set('Cookie', organizer.cookie)
      .send({ weeks: [{ week: 1, limit: 5, perRegion: 1 }] })
      .expect(200);
    for (let round = 0; round < 3; round++) {
      await clearKeyRespondents();
      const [a, b] = [await applicant(candidateBody(confirmed)), await applicant(candidateBody(confirmed))];
      const responses = await Promise.all([accept(a.applicationId, 1), accept(b.applicationId, 1, second.cookie)]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('region_limit_reached');
      const seats = await t.db
        .selectFrom('memberships')
        .select('user_id')
        .where('forum_id', '=', await forumId(t))
        .where('role', '=', 'key_respondent')
        .execute();
      expect(seats).toHaveLength(1);
    }
  });
});

describe('a member’s own region', () => {
  it('is chosen by the member from the forum’s regions, shown in the directory, and held to a key respondent’s seats by region', async () => {
    const person = await member(t, 'participant', 'fr');
    await t.put(`${base}/my-region`).set('Cookie', person.cookie).send({ region: 'atlantis' }).expect(400);
    await t.put(`${base}/my-region`).set('Cookie', person.cookie).send({ region: 'brazil' }).expect(204);
    const seen = (await t.get(`${base}/directory`).set('Cookie', person.cookie).expect(200)).body;
    expect(seen.myRegion).toEqual({ key: 'brazil', name: { en: 'Brazil', es: 'Brasil', fr: 'Brésil' } });
    expect(seen.people.find((p: { id: number }) => p.id === person.id).region.key).toBe('brazil');
    await t.put(`${base}/my-region`).set('Cookie', person.cookie).send({ region: '' }).expect(204);
    expect((await t.get(`${base}/directory`).set('Cookie', person.cookie)).body.myRegion).toBeNull();
    // Not a member: nothing to say a region for. Not signed in: refused before anything.
    const outsider = await member(t, null);
    expect(
      (await t.put(`${base}/my-region`).set('Cookie', outsider.cookie).send({ region: 'brazil' }).expect(403)).body
        .error.code,
    ).toBe('not_a_member');
    await t.put(`${base}/my-region`).send({ region: 'brazil' }).expect(401);

    // Week 1 holds one key respondent per region: a key respondent cannot move into a region whose seat is taken.
    await t
      .put(`${base}/seats`)
      .set('Cookie', organizer.cookie)
      .send({ weeks: [{ week: 1, limit: 5, perRegion: 1 }] })
      .expect(200);
    await t.db
      .deleteFrom('memberships')
      .where('forum_id', '=', await forumId(t))
      .where('role', '=', 'key_respondent')
      .execute();
    const confirmed = { sector: 'ngo', prerequisites: ['reads-english', 'hours'] };
    const [a, b] = [
      await applicant(candidateBody({ ...confirmed, region: 'brazil' })),
      await applicant(candidateBody({ ...confirmed, region: 'mexico' })),
    ];
    await accept(a.applicationId, 1).expect(200);
    await accept(b.applicationId, 1).expect(200);
    const moved = await t
      .put(`${base}/my-region`)
      .set('Cookie', b.cookie)
      .set('Accept-Language', 'fr')
      .send({ region: 'brazil' })
      .expect(409);
    expect(moved.body.error.code).toBe('region_limit_reached');
    expect(moved.body.error.message).toContain('Brésil');
    expect((await t.get(`${base}/directory`).set('Cookie', b.cookie)).body.myRegion.key).toBe('mexico');
  });
});

describe('a case study’s region', () => {
  it('is one of the forum’s regions, shown by name', async () => {
    const kr = await member(t, 'participant');
    const week = await t.db
      .selectFrom('weeks')
      .select('id')
      .where('forum_id', '=', await forumId(t))
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({ forum_id: await forumId(t), user_id: kr.id, role: 'key_respondent', week_id: week.id })
      .execute();
    const send = (region: string) =>
      t.post(`${base}/case-studies`).set('Cookie', kr.cookie).send({
        weekNumber: 2,
        title: 'Fondo rotatorio',
        bodyMd: 'Texto.',
        lang: 'es',
        region,
        theme: '',
        idempotencyKey: crypto.randomUUID(),
      });
    expect((await send('atlantis').expect(400)).body.error.code).toBe('validation');
    const created = await send('brazil').expect(201);
    expect(created.body.caseStudy).toMatchObject({
      region: 'brazil',
      regionName: { en: 'Brazil', es: 'Brasil', fr: 'Brésil' },
    });
  });
});
