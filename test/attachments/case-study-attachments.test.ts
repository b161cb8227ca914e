// What case studies' attachments have of their own (the cases every owner shares: attachments.test.ts),
// as one case study's story: the author adds them while they may edit the case study, and
// organizers always; nobody else. Readers download them under the case study's own rule (not
// before publication, not before the week opens).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, writeCaseStudy } from '../case-studies/helpers.ts';
import { HTML, PDF, PNG } from './attachment-files.ts';

const DAY = 86_400_000;

let t: TestApp;
let dir: string;
let kr: Member;
let otherKr: Member;
let participant: Member;
let translator: Member;
let organizer: Member;
let otherOrganizer: Member;
let studyId: number;

async function signedIn(options: Parameters<typeof createUser>[1]): Promise<Member> {
  const user = await createUser(t.db, options);
  return { ...user, cookie: await signIn(t, user) };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-cs-attachments-'));
  t = await createTestApp({ attachmentsDir: dir, attachmentMaxBytes: 64 * 1024 });
  await importFixture(t);
  // Week 2 opens in two days: the case study is written and attached before it.
  const week2 = await forumWeek(t.db, LIVE, 2);
  await t.db
    .updateTable('weeks')
    .set({ opens_at: new Date(Date.now() + 2 * DAY), closes_at: new Date(Date.now() + 9 * DAY) })
    .where('id', '=', week2.id)
    .execute();
  kr = await keyRespondent(t, LIVE, 2, 'es');
  otherKr = await keyRespondent(t, LIVE, 1, 'fr');
  participant = await member(t, 'participant', 'en');
  translator = await signedIn({ roles: [{ forumSlug: LIVE, role: 'translator' }] });
  organizer = await member(t, 'organizer');
  otherOrganizer = await signedIn({ roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
  studyId = (await writeCaseStudy(t, LIVE, kr, 2)).id;
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function upload(who: Member | null, bytes: Buffer, filename: string, contentType = 'application/pdf') {
  const request = t.post(`/api/case-studies/${studyId}/attachments`);
  if (who) request.set('Cookie', who.cookie);
  return request.attach('file', bytes, { filename, contentType });
}
function download(who: Member | null, id: number) {
  const request = t.get(`/api/case-study-attachments/${id}`);
  return who ? request.set('Cookie', who.cookie) : request;
}
const rows = async () =>
  t.db
    .selectFrom('case_study_attachments')
    .select(['id', 'file_name', 'media_type'])
    .where('case_study_id', '=', studyId)
    .orderBy('id')
    .execute();

describe('adding and removing attachments', () => {
  it('lets the author and the organizers attach files, once per file, and lists them in the case study', async () => {
    const first = await upload(kr, PDF, 'informe/../Informe Oruro.pdf').expect(201);
    expect(first.body.attachment).toEqual({
      id: expect.any(Number),
      fileName: 'Informe Oruro.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      url: `/api/case-study-attachments/${first.body.attachment.id}`,
    });
    // The same file again (a double submit) is the same attachment.
    const again = await upload(kr, PDF, 'otra.pdf').expect(200);
    expect(again.body.attachment.id).toBe(first.body.attachment.id);
    const byOrganizer = await upload(organizer, PNG, 'mapa.png', 'image/png').expect(201);
    const view = await t.get(`/api/case-studies/${studyId}`).set('Cookie', kr.cookie).expect(200);
    expect(view.body.attachments.map((a: { id: number }) => a.id)).toEqual([
      first.body.attachment.id,
      byOrganizer.body.attachment.id,
    ]);
    expect((await rows()).map((row) => row.file_name)).toEqual(['Informe Oruro.pdf', 'mapa.png']);
  });

  it('refuses everyone else, before publication and after, and changes nothing', async () => {
    const before = await rows();
    const attachmentId = before[0]!.id;
    // Before publication the case study does not exist for them.
    const refused: [Member | null, number, string][] = [
      [null, 401, 'sign_in_required'],
      [participant, 404, 'not_found'],
      [otherKr, 404, 'not_found'],
      [translator, 404, 'not_found'],
      [otherOrganizer, 404, 'not_found'],
    ];
    for (const [who, status, code] of refused) {
      const sent = await upload(who, PNG.subarray(0, 20), 'x.png', 'image/png');
      expect([sent.status, sent.body.error.code]).toEqual([status, code]);
      const removal = t.delete(`/api/case-studies/${studyId}/attachments/${attachmentId}`);
      if (who) removal.set('Cookie', who.cookie);
      const removed = await removal;
      expect([removed.status, removed.body.error.code]).toEqual([status, code]);
    }
    expect(await rows()).toEqual(before);
  });

  it("refuses HTML sent as a PDF, in the caller's language, and stores nothing", async () => {
    const before = await rows();
    const refused = await upload(kr, HTML, 'informe.pdf').set('Accept-Language', 'es').expect(415);
    expect(refused.body.error.code).toBe('attachment_type_refused');
    expect(refused.body.error.message).toMatch(/PDF/);
    expect(await rows()).toEqual(before);
  });

  it('refuses the author while the organizers review the text, but not the organizers', async () => {
    await t.post(`/api/case-studies/${studyId}/submit`).set('Cookie', kr.cookie).send().expect(200);
    const before = await rows();
    const refused = await upload(kr, PNG.subarray(0, 24), 'foto.png', 'image/png').expect(409);
    expect(refused.body.error.code).toBe('case_study_state');
    const removal = await t
      .delete(`/api/case-studies/${studyId}/attachments/${before[0]!.id}`)
      .set('Cookie', kr.cookie)
      .expect(409);
    expect(removal.body.error.code).toBe('case_study_state');
    expect(await rows()).toEqual(before);
    await upload(organizer, PNG.subarray(0, 24), 'foto.png', 'image/png').expect(201);
    await t
      .delete(`/api/case-studies/${studyId}/attachments/${(await rows())[2]!.id}`)
      .set('Cookie', organizer.cookie)
      .expect(204);
    expect(await rows()).toEqual(before);
  });
});

describe('downloading', () => {
  it('gives a participant nothing before publication, then the file once the week opens, with safe headers', async () => {
    const [pdf] = await rows();
    expect((await download(participant, pdf!.id).expect(404)).body.error.code).toBe('not_found');
    expect((await download(null, pdf!.id).expect(404)).body.error.code).toBe('not_found');
    expect((await download(otherOrganizer, pdf!.id).expect(404)).body.error.code).toBe('not_found');
    const own = await download(kr, pdf!.id).expect(200);
    expect(Buffer.from(own.body).equals(PDF)).toBe(true);

    await t.post(`/api/case-studies/${studyId}/approve`).set('Cookie', organizer.cookie).send().expect(200);
    // Approved but its week not open: still nothing for the participant.
    await download(participant, pdf!.id).expect(404);
    const week2 = await forumWeek(t.db, LIVE, 2);
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() - 60_000) })
      .where('id', '=', week2.id)
      .execute();

    const got = await download(participant, pdf!.id).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['cache-control']).toBe('private, no-cache');
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="Informe Oruro.pdf"; filename*=UTF-8''Informe%20Oruro.pdf`,
    );
    expect(Buffer.from(got.body).equals(PDF)).toBe(true);
    await download(participant, pdf!.id).set('If-None-Match', got.headers.etag!).expect(304);

    const view = await t.get(`/api/case-studies/${studyId}`).set('Cookie', participant.cookie).expect(200);
    expect(view.body.caseStudy.status).toBe('published');
    expect(view.body.attachments).toHaveLength(2);
    const week = await t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', participant.cookie).expect(200);
    expect(
      week.body.week.caseStudies.map((study: { id: number; attachmentCount: number }) => [
        study.id,
        study.attachmentCount,
      ]),
    ).toEqual([[studyId, 2]]);
  });

  it('after publication lets the author remove one and still refuses a participant', async () => {
    const [pdf, png] = await rows();
    const refused = await t
      .delete(`/api/case-studies/${studyId}/attachments/${png!.id}`)
      .set('Cookie', participant.cookie)
      .expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await upload(participant, PNG.subarray(0, 28), 'p.png', 'image/png').expect(403)).body.error.code).toBe(
      'forbidden',
    );
    await t.delete(`/api/case-studies/${studyId}/attachments/${png!.id}`).set('Cookie', kr.cookie).expect(204);
    // An attachment of another case study's id under this one is not found.
    await t.delete(`/api/case-studies/${studyId}/attachments/${png!.id}`).set('Cookie', kr.cookie).expect(404);
    expect((await rows()).map((row) => row.id)).toEqual([pdf!.id]);
    await download(participant, png!.id).expect(404);
  });
});
