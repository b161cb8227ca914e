// What readings' attachments have of their own (the cases every owner shares: attachments.test.ts):
// a reading saved with its files all or nothing, its count limit, and downloads only for whoever
// may read the week.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, type Member } from '../helpers/forum-fixture.ts';
import { addReading, readingBody, readingsWorld, type ReadingsWorld } from '../readings/readings-fixture.ts';
import { MAX_ATTACHMENTS_PER_READING } from '../../web/src/readings/attachment-limit.ts';
import { HTML, PDF, PNG } from './attachment-files.ts';

let w: ReadingsWorld;
beforeAll(async () => {
  w = await readingsWorld();
});
afterAll(async () => {
  await w?.close();
});

function upload(
  readingId: number,
  who: Member | null,
  bytes: Buffer,
  filename: string,
  contentType = 'application/pdf',
) {
  const request = w.t.post(`/api/readings/${readingId}/attachments`);
  if (who) request.set('Cookie', who.cookie);
  return request.attach('file', bytes, { filename, contentType });
}

function stage(who: Member | null, bytes: Buffer, filename: string, contentType = 'application/pdf', week = 2) {
  const request = w.t.post(`/api/forums/${LIVE}/weeks/${week}/reading-uploads`);
  if (who) request.set('Cookie', who.cookie);
  return request.attach('file', bytes, { filename, contentType });
}

/** A PDF whose bytes differ by n, so each is its own file. */
const pdfNumber = (n: number) => Buffer.concat([PDF, Buffer.from(`% ${n}\n`)]);

describe('a reading saved with its files, all or nothing', () => {
  it('creates the reading with its files in one save, and a retry of the save makes nothing more', async () => {
    const [first, second] = [
      await stage(w.people.organizer, PDF, 'programme.pdf').expect(201),
      await stage(w.people.organizer, PNG, 'mapa.png', 'image/png').expect(201),
    ];
    expect(first.body.upload).toMatchObject({
      fileName: 'programme.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    const body = readingBody({ uploads: [first.body.upload.id, second.body.upload.id] });
    const created = await w.t
      .post(`/api/forums/${LIVE}/weeks/2/readings`)
      .set('Cookie', w.people.organizer.cookie)
      .send(body)
      .expect(201);
    expect(created.body.reading.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      'programme.pdf',
      'mapa.png',
    ]);
    const again = await w.t
      .post(`/api/forums/${LIVE}/weeks/2/readings`)
      .set('Cookie', w.people.organizer.cookie)
      .send(body)
      .expect(200);
    expect(again.body.reading).toEqual(created.body.reading);
    expect(
      await w.t.db.selectFrom('readings').select('id').where('idempotency_key', '=', body.idempotencyKey).execute(),
    ).toHaveLength(1);
    expect(
      await w.t.db
        .selectFrom('reading_uploads')
        .select('id')
        .where('id', 'in', [first.body.upload.id, second.body.upload.id])
        .execute(),
    ).toEqual([]);
    const audit = await w.t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('target_type', '=', 'reading')
      .where('target_id', '=', created.body.reading.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'reading.created', reason: null },
      { action: 'reading.attachment_added', reason: 'programme.pdf' },
      { action: 'reading.attachment_added', reason: 'mapa.png' },
    ]);
  });

  it("refuses a file before any reading exists (415, in the caller's language), so a refused file leaves nothing published", async () => {
    const before = await w.t.db.selectFrom('readings').select('id').execute();
    const refused = await stage(w.people.organizer, HTML, 'notes.pdf').set('Accept-Language', 'fr').expect(415);
    expect(refused.body.error.code).toBe('attachment_type_refused');
    expect(refused.body.error.message).toMatch(/^Ce fichier ne peut pas être joint/);
    expect(await w.t.db.selectFrom('readings').select('id').execute()).toEqual(before);
    expect(
      await w.t.db.selectFrom('reading_uploads').select('id').where('file_name', 'like', 'notes%').execute(),
    ).toEqual([]);
  });

  it("creates nothing when a named file is not the organizer's, not this forum's or gone, and says so", async () => {
    const before = await w.t.db.selectFrom('readings').select('id').execute();
    const byAdmin = await stage(w.people.admin, PNG, 'ajeno.png', 'image/png').expect(201);
    const mine = await stage(w.people.organizer, PDF, 'mio.pdf').expect(201);
    for (const uploads of [[byAdmin.body.upload.id], [mine.body.upload.id, '00000000-0000-4000-8000-000000000000']]) {
      const refused = await w.t
        .post(`/api/forums/${LIVE}/weeks/2/readings`)
        .set('Cookie', w.people.organizer.cookie)
        .set('Accept-Language', 'es')
        .send(readingBody({ uploads }))
        .expect(409);
      expect(refused.body.error.code).toBe('upload_missing');
      expect(refused.body.error.message).toMatch(/^Uno de los archivos enviados/);
    }
    expect(await w.t.db.selectFrom('readings').select('id').execute()).toEqual(before);
    // The organizer's own upload is still there for the next, corrected, save.
    await w.t
      .post(`/api/forums/${LIVE}/weeks/2/readings`)
      .set('Cookie', w.people.organizer.cookie)
      .send(readingBody({ uploads: [mine.body.upload.id] }))
      .expect(201);
  });

  it("lets only the forum's organizers and site admins send files ahead", async () => {
    const refused: [Member | null, number, string][] = [
      [null, 401, 'sign_in_required'],
      [w.people.participant, 403, 'forbidden'],
      [w.people.keyRespondent, 403, 'forbidden'],
      [w.people.translator, 403, 'forbidden'],
      [w.people.otherOrganizer, 403, 'forbidden'],
    ];
    for (const [who, status, code] of refused) {
      const sent = await stage(who, PDF, 'x.pdf');
      expect([sent.status, sent.body.error.code]).toEqual([status, code]);
    }
  });

  it("attaches files sent with an edit in the edit's transaction", async () => {
    const reading = await addReading(w, 2);
    const staged = await stage(w.people.organizer, pdfNumber(999), 'anexo.pdf').expect(201);
    const edited = await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send({
        originalLang: 'es',
        texts: [{ lang: 'es', title: 'Economía solidaria', bodyMd: 'Otro texto.' }],
        baseVersion: reading.updatedAt,
        uploads: [staged.body.upload.id],
      })
      .expect(200);
    expect(edited.body.reading.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['anexo.pdf']);
  });

  it(`holds a reading to ${MAX_ATTACHMENTS_PER_READING} files, with a clear error in the caller's language, when created, edited or attached to`, async () => {
    const ids: string[] = [];
    for (let n = 0; n <= MAX_ATTACHMENTS_PER_READING; n += 1)
      ids.push((await stage(w.people.organizer, pdfNumber(n), `doc-${n}.pdf`).expect(201)).body.upload.id);
    const before = await w.t.db.selectFrom('readings').select('id').execute();
    // One more than the limit is refused by the schema, and nothing is created.
    const tooMany = await w.t
      .post(`/api/forums/${LIVE}/weeks/2/readings`)
      .set('Cookie', w.people.organizer.cookie)
      .send(readingBody({ uploads: ids }))
      .expect(400);
    expect(tooMany.body.error.code).toBe('validation');
    expect(await w.t.db.selectFrom('readings').select('id').execute()).toEqual(before);
    const full = await w.t
      .post(`/api/forums/${LIVE}/weeks/2/readings`)
      .set('Cookie', w.people.organizer.cookie)
      .send(readingBody({ uploads: ids.slice(0, MAX_ATTACHMENTS_PER_READING) }))
      .expect(201);
    expect(full.body.reading.attachments).toHaveLength(MAX_ATTACHMENTS_PER_READING);
    // The eleventh, sent to the reading directly or with an edit, is refused.
    const direct = await upload(full.body.reading.id, w.people.organizer, pdfNumber(500), 'otro.pdf')
      .set('Accept-Language', 'es')
      .expect(409);
    expect(direct.body.error).toEqual({
      code: 'too_many_attachments',
      message: `Una lectura admite como máximo ${MAX_ATTACHMENTS_PER_READING} archivos adjuntos. Quite uno antes de añadir otro.`,
    });
    const withEdit = await w.t
      .put(`/api/readings/${full.body.reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .set('Accept-Language', 'en')
      .send({
        originalLang: 'es',
        texts: [{ lang: 'es', title: 'Cambiado', bodyMd: 'Cambiado.' }],
        baseVersion: full.body.reading.updatedAt,
        uploads: [ids[MAX_ATTACHMENTS_PER_READING]],
      })
      .expect(409);
    expect(withEdit.body.error.message).toBe(
      `A reading has at most ${MAX_ATTACHMENTS_PER_READING} attachments. Remove one before adding another.`,
    );
    // The refused edit changed nothing, not even its text.
    const texts = await w.t.db
      .selectFrom('reading_texts')
      .select('title')
      .where('reading_id', '=', full.body.reading.id)
      .execute();
    expect(texts).toEqual([{ title: 'Economía solidaria en Quebec' }]);
    // The same bytes again are not a new file: no refusal.
    await upload(full.body.reading.id, w.people.organizer, pdfNumber(0), 'doc-0.pdf').expect(200);
  });
});

describe('downloading', () => {
  it('serves only whoever may read the week: not visitors, not another forum, not before the week opens, not an unpublished reading', async () => {
    const open = await addReading(w, 2);
    const early = await addReading(w, 3);
    const openFile = (await upload(open.id, w.people.organizer, PNG, 'a.png').expect(201)).body.attachment;
    const earlyFile = (await upload(early.id, w.people.organizer, PNG, 'b.png').expect(201)).body.attachment;
    const cases: [Member | null, number, number][] = [
      [null, 401, 401],
      [w.people.participant, 200, 403],
      [w.people.keyRespondent, 200, 200],
      [w.people.translator, 200, 403],
      [w.people.otherOrganizer, 403, 403],
      [w.people.organizer, 200, 200],
      [w.people.admin, 200, 200],
    ];
    for (const [who, openStatus, earlyStatus] of cases) {
      const get = (url: string) => (who ? w.t.get(url).set('Cookie', who.cookie) : w.t.get(url));
      expect([(await get(openFile.url)).status, (await get(earlyFile.url)).status]).toEqual([openStatus, earlyStatus]);
    }
    expect((await w.t.get(earlyFile.url).set('Cookie', w.people.participant.cookie)).body.error.code).toBe(
      'week_not_open',
    );
    await w.t.post(`/api/readings/${open.id}/unpublish`).set('Cookie', w.people.organizer.cookie).expect(200);
    await w.t.get(openFile.url).set('Cookie', w.people.participant.cookie).expect(404);
    await w.t.get(openFile.url).set('Cookie', w.people.organizer.cookie).expect(200);
    await w.t.get('/api/reading-attachments/999999').set('Cookie', w.people.organizer.cookie).expect(404);
  });
});

describe('the audit log', () => {
  it("records each file added and removed through the reading's own routes, by its name, once", async () => {
    const reading = await addReading(w, 2);
    const added = await upload(reading.id, w.people.organizer, PNG, 'plano.png', 'image/png').expect(201);
    await upload(reading.id, w.people.organizer, PNG, 'plano.png', 'image/png').expect(200);
    await w.t
      .delete(`/api/readings/${reading.id}/attachments/${added.body.attachment.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .expect(204);
    const audit = await w.t.db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'actor_id'])
      .where('target_type', '=', 'reading')
      .where('target_id', '=', reading.id)
      .where('action', 'like', 'reading.attachment%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'reading.attachment_added', reason: 'plano.png', actor_id: w.people.organizer.id },
      { action: 'reading.attachment_removed', reason: 'plano.png', actor_id: w.people.organizer.id },
    ]);
  });
});
