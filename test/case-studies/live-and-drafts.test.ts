// A case study released in an open week reaches open week pages live; its server draft is kept
// for the week's key respondent (and organizers) only, and goes when the case study is created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueCaseStudies } from '../../server/case-studies/publication.service.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { connectLive } from '../helpers/live-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, sessionUser, STUDY_ES, submitted, writeCaseStudy } from './helpers.ts';
import { approveCaseStudy } from '../../server/case-studies/case-studies.service.ts';

let t: TestApp;
let url: string;
let participant: Member;
let organizer: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  participant = await member(t, 'participant', 'en');
  organizer = await member(t, 'organizer');
});
afterAll(async () => {
  await t?.close();
});

describe('live publication', () => {
  it('shows a case study approved in the open week on a week page already open', async () => {
    const kr = await keyRespondent(t, LIVE, 2, 'es');
    const study = await submitted(t, LIVE, kr, 2);
    const live = await connectLive(url, participant.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, week: 2 });
      await live.waitFor((m) => m.type === 'subscribed');
      await t.post(`/api/case-studies/${study.id}/approve`).set('Cookie', organizer.cookie).send().expect(200);
      const event = await live.waitFor((m) => m.type === 'event' && m.event === 'case_study.published', 15_000);
      expect(event.payload.caseStudy).toMatchObject({
        id: study.id,
        status: 'published',
        markdown: null,
        title: { lang: 'es', value: 'Red de productores de Oruro' },
      });
    } finally {
      await live.close();
    }
  });

  it('delivers a publication made by the job at the week’s opening', async () => {
    const kr = await keyRespondent(t, LIVE, 1, 'fr');
    const week1 = await forumWeek(t.db, LIVE, 1);
    // Approved (clock injected) an hour before week 1 opened; the job runs later.
    const study = await submitted(t, LIVE, kr, 1, { lang: 'fr', title: 'Une coopérative de solidarité' });
    const approved = await approveCaseStudy(
      t.db,
      study.id,
      await sessionUser(t.db, organizer.id),
      { user: null, lang: 'en' },
      new Date(week1.opens_at.getTime() - 3_600_000),
    );
    expect(approved.caseStudy.status).toBe('approved');
    const live = await connectLive(url, participant.cookie);
    try {
      live.send({ type: 'subscribe', forum: LIVE, week: 1 });
      await live.waitFor((m) => m.type === 'subscribed');
      expect(await publishDueCaseStudies(t.db, new Date())).toBe(1);
      const event = await live.waitFor((m) => m.type === 'event' && m.event === 'case_study.published', 15_000);
      expect(event).toMatchObject({ subscription: 'week:1', payload: { caseStudy: { id: study.id, lang: 'fr' } } });
    } finally {
      await live.close();
    }
  });
});

describe('server drafts of a case study', () => {
  it('keeps the draft for the week’s key respondent and organizers only', async () => {
    const kr = await keyRespondent(t, LIVE, 2, 'es');
    const week2 = await forumWeek(t.db, LIVE, 2);
    const key = `case-study:${week2.id}`;
    const draft = { title: 'Borrador', bodyMd: STUDY_ES, lang: 'es' };
    await t.put(`/api/drafts/${key}`).set('Cookie', kr.cookie).send(draft).expect(200);
    await t.put(`/api/drafts/${key}`).set('Cookie', organizer.cookie).send(draft).expect(200);
    expect(
      (await t.put(`/api/drafts/${key}`).set('Cookie', participant.cookie).send(draft).expect(403)).body.error.code,
    ).toBe('forbidden');
    const other = await keyRespondent(t, LIVE, 1, 'fr');
    expect(
      (await t.put(`/api/drafts/${key}`).set('Cookie', other.cookie).send(draft).expect(403)).body.error.code,
    ).toBe('forbidden');
    await t.put(`/api/drafts/case-study:999999`).set('Cookie', kr.cookie).send(draft).expect(404);
    expect((await t.get(`/api/drafts/${key}`).set('Cookie', kr.cookie).expect(200)).body.draft).toMatchObject({
      title: 'Borrador',
      lang: 'es',
    });
    // Creating the case study with its draft key clears the draft.
    await writeCaseStudy(t, LIVE, kr, 2, { draftKey: key });
    expect((await t.get(`/api/drafts/${key}`).set('Cookie', kr.cookie).expect(200)).body.draft).toBeNull();
  });
});
