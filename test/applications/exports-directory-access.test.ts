// CSV exports (BOM, accents, formula cells neutralized), the directory's privacy, a key
// respondent reading their own week's material before it opens (and nothing else of it), and
// every organizer route refused to visitors, applicants, participants and key respondents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { applicationBody, candidateBody, forumId, openForApplications } from './cohort-helpers.ts';

let t: TestApp;
let organizer: Member;

beforeAll(async () => {
  ({ t, organizer } = await openForApplications());
}, 180_000);
afterAll(async () => t?.close());

const base = `/api/forums/${LIVE}`;

describe('CSV exports', () => {
  it('writes UTF-8 with a byte-order mark, keeps accents, and neutralizes formula cells', async () => {
    const applicant = await member(t, null, 'es');
    await t
      .post(`${base}/application`)
      .set('Cookie', applicant.cookie)
      .send(
        applicationBody({
          organisation: '=HYPERLINK("http://evil.test")',
          country: 'Perú',
          description: '+34 cooperativas; "unidas", sí',
          optIn: true,
        }),
      )
      .expect(201);
    const response = await t
      .get(`${base}/exports/applications`)
      .set('Cookie', organizer.cookie)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${LIVE}-applications.csv"`);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, row] = text.split('\r\n');
    expect(header).toBe(
      'name,email,organisation,region,country,languages,sector,kind,status,fits_week,description,statement,research_experience,ground_experience,policy_experience,heard_from,applied_at,decided_at',
    );
    expect(row).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(row).toContain(`"'+34 cooperativas; ""unidas"", sí"`);
    expect(row).toContain(',Perú,');
    // The region by its name in the exporter's language, never its key.
    expect(row).toContain(',Canada,');
    const inSpanish = await t
      .get(`${base}/exports/applications`)
      .set('Cookie', organizer.cookie)
      .set('Accept-Language', 'es')
      .expect(200);
    expect(inSpanish.text).toContain(',Canadá,');
    const contacts = await t.get(`${base}/exports/contacts`).set('Cookie', organizer.cookie).expect(200);
    expect(contacts.text).toContain(applicant.email);
    for (const kind of ['members', 'key-respondents'])
      await t.get(`${base}/exports/${kind}`).set('Cookie', organizer.cookie).expect(200);
    expect((await t.get(`${base}/exports/passwords`).set('Cookie', organizer.cookie).expect(400)).body.error.code).toBe(
      'validation',
    );
  });
});

describe('participants directory', () => {
  it('hides what a member chose to hide from other members, not from organizers, and filters by region after hiding', async () => {
    const hider = await member(t, 'participant');
    await t.db
      .updateTable('users')
      .set({ organisation: 'Coop Andina', country: 'Ecuador' })
      .where('id', '=', hider.id)
      .execute();
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow();
    const andean = await t.db
      .selectFrom('forum_regions')
      .select('id')
      .where('forum_id', '=', forum.id)
      .where('key', '=', 'andean')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('forum_member_regions')
      .values({ forum_id: forum.id, user_id: hider.id, region_id: andean.id })
      .execute();
    const reader = await member(t, 'participant');
    await t
      .put('/api/me/directory-privacy')
      .set('Cookie', hider.cookie)
      .send({ hidden: ['region', 'organisation'] })
      .expect(200)
      .expect((r) => expect(r.body).toEqual({ hidden: ['organisation', 'region'] }));

    const seen = (await t.get(`${base}/directory`).set('Cookie', reader.cookie).expect(200)).body.people.find(
      (p: { id: number }) => p.id === hider.id,
    );
    expect(seen).toMatchObject({ organisation: null, region: null, country: 'Ecuador', hidden: [] });
    const filtered = await t.get(`${base}/directory?region=andean`).set('Cookie', reader.cookie).expect(200);
    expect(filtered.body.people.map((p: { id: number }) => p.id)).not.toContain(hider.id);

    const byOrganizer = (await t.get(`${base}/directory?region=andean`).set('Cookie', organizer.cookie).expect(200))
      .body.people;
    expect(byOrganizer.find((p: { id: number }) => p.id === hider.id)).toMatchObject({
      organisation: 'Coop Andina',
      region: { key: 'andean', name: { en: 'Andean countries', es: 'Países andinos', fr: 'Pays andins' } },
      hidden: ['organisation', 'region'],
    });
    const self = (await t.get(`${base}/directory`).set('Cookie', hider.cookie).expect(200)).body.people.find(
      (p: { id: number }) => p.id === hider.id,
    );
    expect(self.organisation).toBe('Coop Andina');
    const badge = (await t.get(`${base}/directory`).set('Cookie', reader.cookie)).body.people.find(
      (p: { id: number }) => p.id === organizer.id,
    );
    expect(badge.badges).toEqual(['organizer']);

    const outsider = await member(t, null);
    expect((await t.get(`${base}/directory`).set('Cookie', outsider.cookie).expect(403)).body.error.code).toBe(
      'not_a_member',
    );
    expect((await t.get(`${base}/directory`).expect(401)).body.error.code).toBe('sign_in_required');
    expect(
      (
        await t
          .put('/api/me/directory-privacy')
          .set('Cookie', hider.cookie)
          .send({ hidden: ['email'] })
          .expect(400)
      ).body.error.code,
    ).toBe('validation');
  });
});

describe('a key respondent prepares their own week', () => {
  it("reads the assigned week's readings before it opens, and nothing else of it", async () => {
    // Limits first: the forum settings check the whole calendar, and the week added below is set by hand.
    await t
      .patch(`${base}/settings`)
      .set('Cookie', organizer.cookie)
      .send({ keyRespondentLimit: 10, keyRespondentsPerWeek: 3 })
      .expect(200);
    // The fixture's live edition has two weeks; add an upcoming third one.
    const fid = await forumId(t);
    const week2 = await t.db
      .selectFrom('weeks')
      .selectAll()
      .where('forum_id', '=', fid)
      .where('number', '=', 2)
      .executeTakeFirstOrThrow();
    const opensAt = new Date(week2.closes_at.getTime());
    const week3 = await t.db
      .insertInto('weeks')
      .values({
        forum_id: fid,
        number: 3,
        starts_on: '2099-01-01',
        opens_at: opensAt,
        closes_at: new Date(opensAt.getTime() + 7 * 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('week_texts')
      .values({
        week_id: week3.id,
        lang: 'en',
        title: 'Week three',
        summary_md: 'Prepare',
        summary_html: '<p>Prepare</p>',
      })
      .execute();

    const candidate = await member(t, null);
    const applied = await t
      .post(`${base}/application`)
      .set('Cookie', candidate.cookie)
      .send(candidateBody({ fitsWeek: 3 }))
      .expect(201);
    await t
      .post(`${base}/applications/${applied.body.application.id}/decision`)
      .set('Cookie', organizer.cookie)
      .send({ decision: 'accept', role: 'key_respondent', week: 3 })
      .expect(200);
    const participant = await member(t, 'participant');

    const week = await t.get(`${base}/weeks/3`).set('Cookie', candidate.cookie).expect(200);
    expect(week.body.week).toMatchObject({ number: 3, state: 'upcoming', summary: { html: '<p>Prepare</p>' } });
    const forum = await t.get(base).set('Cookie', candidate.cookie).expect(200);
    expect(forum.body.forum.weeks.find((w: { number: number }) => w.number === 3).canRead).toBe(true);
    expect((await t.get(`${base}/weeks/3/threads`).set('Cookie', candidate.cookie).expect(403)).body.error.code).toBe(
      'week_not_open',
    );
    expect((await t.get(`${base}/weeks/3`).set('Cookie', participant.cookie).expect(403)).body.error.code).toBe(
      'week_not_open',
    );
    const other = await t.get(base).set('Cookie', participant.cookie);
    expect(other.body.forum.weeks.find((w: { number: number }) => w.number === 3).canRead).toBe(false);
  });
});

describe('every organizer route is refused to everyone else', () => {
  it('refuses visitors, applicants, participants and key respondents, and changes nothing', async () => {
    const applicant = await member(t, null);
    const applied = await t
      .post(`${base}/application`)
      .set('Cookie', applicant.cookie)
      .send(applicationBody())
      .expect(201);
    const id = applied.body.application.id;
    const participant = await member(t, 'participant');
    const keyRespondent = await member(t, 'key_respondent');
    const routes: [string, string, Record<string, unknown>?][] = [
      ['get', `${base}/applications`],
      ['get', `${base}/applications/${id}`],
      ['post', `${base}/applications/${id}/decision`, { decision: 'accept' }],
      ['post', `${base}/applications/decisions`, { ids: [id], decision: 'accept' }],
      ['patch', `${base}/settings`, { keyRespondentLimit: 100 }],
      ['post', `${base}/invitations`, { email: 'x@example.test', role: 'participant', lang: 'en' }],
      ['post', `${base}/reconfirmations`, { message: 'Please' }],
      ['get', `${base}/reconfirmations`],
      ['post', `${base}/reconfirmations/1/remind`],
      ['get', `${base}/exports/members`],
      ['get', `${base}/exports/key-respondents`],
      ['get', `${base}/exports/applications`],
      ['get', `${base}/exports/contacts`],
    ];
    const callers: [string, string | null, number][] = [
      ['visitor', null, 401],
      ['applicant', applicant.cookie, 403],
      ['participant', participant.cookie, 403],
      ['key respondent', keyRespondent.cookie, 403],
    ];
    for (const [method, url, body] of routes) {
      for (const [who, cookie, status] of callers) {
        let request = (t as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(url);
        if (cookie) request = request.set('Cookie', cookie);
        const response = await (body ? request.send(body) : request);
        expect(`${who} ${method} ${url} → ${response.status}`).toBe(`${who} ${method} ${url} → ${status}`);
      }
    }
    expect((await t.get(`${base}/application`).set('Cookie', applicant.cookie)).body.application.status).toBe(
      'pending',
    );
    expect(await t.db.selectFrom('invitations').select('id').where('email', '=', 'x@example.test').execute()).toEqual(
      [],
    );
    expect(await t.db.selectFrom('reconfirmation_requests').select('id').execute()).toEqual([]);
  });
});
