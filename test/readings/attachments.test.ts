// Attachments of readings: size and type limits decided from the bytes, storage by content
// hash, safe download headers, and downloads only for whoever may read the week.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, type Member } from '../helpers/forum-fixture.ts';
import { addReading, MAX_BYTES, PDF, PNG, readingBody, readingsWorld, type ReadingsWorld } from './readings-fixture.ts';
import { MAX_ATTACHMENTS_PER_READING } from '../../server/readings/readings.schemas.ts';

let w: ReadingsWorld;
beforeAll(async () => {
  w = await readingsWorld();
});
afterAll(async () => {
  await w?.close();
});

const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

/** A zip of stored (uncompressed) entries, as the tests' slides. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
const PPTX = zip([['[Content_Types].xml', '<Types/>'], ['ppt/presentation.xml', '<p:presentation/>']]);
const ODP = zip([['mimetype', 'application/vnd.oasis.opendocument.presentation'], ['content.xml', '<office:document-content/>']]);
const DOCX = zip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]);

function upload(readingId: number, who: Member | null, bytes: Buffer, filename: string, contentType = 'application/pdf') {
  const request = w.t.post(`/api/readings/${readingId}/attachments`);
  if (who) request.set('Cookie', who.cookie);
  return request.attach('file', bytes, { filename, contentType });
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(w.attachmentsDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function attachmentRows() {
  return Number((await w.t.db.selectFrom('reading_attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
}

describe('uploading', () => {
  it('lets the organizer and a site admin attach and remove files, and refuses everyone else', async () => {
    const reading = await addReading(w, 2);
    const refused: [Member | null, number, string][] = [
      [null, 401, 'sign_in_required'], [w.people.participant, 403, 'forbidden'], [w.people.keyRespondent, 403, 'forbidden'],
      [w.people.translator, 403, 'forbidden'], [w.people.otherOrganizer, 403, 'forbidden'],
    ];
    const first = await upload(reading.id, w.people.organizer, PDF, 'programme.pdf').expect(201);
    for (const [who, status, code] of refused) {
      const sent = await upload(reading.id, who, PNG, 'x.png', 'image/png');
      expect([sent.status, sent.body.error.code]).toEqual([status, code]);
      const removal = w.t.delete(`/api/readings/${reading.id}/attachments/${first.body.attachment.id}`);
      if (who) removal.set('Cookie', who.cookie);
      const removed = await removal;
      expect([removed.status, removed.body.error.code]).toEqual([status, code]);
    }
    const byAdmin = await upload(reading.id, w.people.admin, PNG, 'photo.png', 'image/png').expect(201);
    await w.t.delete(`/api/readings/${reading.id}/attachments/${byAdmin.body.attachment.id}`).set('Cookie', w.people.admin.cookie).expect(204);
    await w.t.delete(`/api/readings/${reading.id}/attachments/${first.body.attachment.id}`).set('Cookie', w.people.organizer.cookie).expect(204);
    await w.t.get(first.body.attachment.url).set('Cookie', w.people.organizer.cookie).expect(404);
    await w.t.delete(`/api/readings/${reading.id}/attachments/${first.body.attachment.id}`).set('Cookie', w.people.organizer.cookie).expect(404);
  });

  it('refuses a file over the limit with a localized 413 and stores nothing', async () => {
    const reading = await addReading(w, 2);
    const [files, rows] = [await storedFiles(), await attachmentRows()];
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
    const refused = await upload(reading.id, w.people.organizer, big, 'big.pdf').set('Accept-Language', 'es').expect(413);
    expect(refused.body.error).toEqual({ code: 'attachment_too_large', message: 'El archivo es demasiado grande: como máximo 0.1 MB.' });
    expect(await storedFiles()).toEqual(files);
    expect(await attachmentRows()).toBe(rows);
    // Exactly the limit is accepted.
    await upload(reading.id, w.people.organizer, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length, 0x20)]), 'fits.pdf').expect(201);
  });

  it('decides the type from the bytes: a .pdf that is HTML is refused, a PNG named .pdf is an image, slides are recognised', async () => {
    const reading = await addReading(w, 2);
    const [files, rows] = [await storedFiles(), await attachmentRows()];
    for (const [bytes, name] of [[HTML, 'slides.pdf'], [HTML, 'page.html'], [DOCX, 'letter.pptx'], [Buffer.from('PK\u0003\u0004broken'), 'x.odp'], [Buffer.alloc(0), 'empty.pdf']] as const) {
      const refused = await upload(reading.id, w.people.organizer, bytes, name).set('Accept-Language', 'fr');
      expect([name, refused.status]).toEqual([name, bytes.length ? 415 : 400]);
      if (bytes.length) expect(refused.body.error).toMatchObject({ code: 'attachment_type_refused', message: expect.stringContaining('Joignez un PDF') });
    }
    expect(await storedFiles()).toEqual(files);
    expect(await attachmentRows()).toBe(rows);

    const disguised = await upload(reading.id, w.people.organizer, PNG, 'chart.pdf', 'application/pdf').expect(201);
    expect(disguised.body.attachment).toMatchObject({ mediaType: 'image/png', fileName: 'chart.png' });
    const pptx = await upload(reading.id, w.people.organizer, PPTX, 'Présentation finale.pptx', 'application/octet-stream').expect(201);
    expect(pptx.body.attachment).toMatchObject({ mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', fileName: 'Présentation finale.pptx' });
    const odp = await upload(reading.id, w.people.organizer, ODP, '../../etc/diapos.odp', 'text/html').expect(201);
    expect(odp.body.attachment).toMatchObject({ mediaType: 'application/vnd.oasis.opendocument.presentation', fileName: 'diapos.odp' });
    await w.t.post(`/api/readings/${reading.id}/attachments`).set('Cookie', w.people.organizer.cookie).send({ file: 'x' }).expect(415);
  });

  it('stores the same bytes once, and a double upload to one reading is one attachment', async () => {
    const a = await addReading(w, 2);
    const b = await addReading(w, 2);
    const bytes = Buffer.concat([PDF, Buffer.from(`unique ${Date.now()}`)]);
    const before = (await storedFiles()).length;
    const first = await upload(a.id, w.people.organizer, bytes, 'same.pdf').expect(201);
    const again = await upload(a.id, w.people.organizer, bytes, 'same.pdf').expect(200);
    expect(again.body.attachment.id).toBe(first.body.attachment.id);
    const other = await upload(b.id, w.people.organizer, bytes, 'copy.pdf').expect(201);
    expect(other.body.attachment.id).not.toBe(first.body.attachment.id);
    const files = await storedFiles();
    expect(files.length).toBe(before + 1);
    expect(files.some((file) => file.endsWith('.tmp'))).toBe(false);
    const row = await w.t.db.selectFrom('reading_attachments').select('sha256').where('id', '=', first.body.attachment.id).executeTakeFirstOrThrow();
    expect(files).toContain(path.join(w.attachmentsDir, row.sha256.slice(0, 2), row.sha256.slice(2, 4), row.sha256));
    expect((await w.t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', w.people.participant.cookie).expect(200)).body.week.readings
      .find((r: { id: number }) => r.id === a.id).attachmentCount).toBe(1);
  });
});

function stage(who: Member | null, bytes: Buffer, filename: string, contentType = 'application/pdf', week = 2) {
  const request = w.t.post(`/api/forums/${LIVE}/weeks/${week}/reading-uploads`);
  if (who) request.set('Cookie', who.cookie);
  return request.attach('file', bytes, { filename, contentType });
}

/** A PDF whose bytes differ by n, so each is its own file. */
const pdfNumber = (n: number) => Buffer.concat([PDF, Buffer.from(`% ${n}\n`)]);

describe('a reading saved with its files, all or nothing', () => {
  it('creates the reading with its files in one save, and a retry of the save makes nothing more', async () => {
    const [first, second] = [await stage(w.people.organizer, PDF, 'programme.pdf').expect(201), await stage(w.people.organizer, PNG, 'mapa.png', 'image/png').expect(201)];
    expect(first.body.upload).toMatchObject({ fileName: 'programme.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
    const body = readingBody({ uploads: [first.body.upload.id, second.body.upload.id] });
    const created = await w.t.post(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', w.people.organizer.cookie).send(body).expect(201);
    expect(created.body.reading.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['programme.pdf', 'mapa.png']);
    const again = await w.t.post(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', w.people.organizer.cookie).send(body).expect(200);
    expect(again.body.reading).toEqual(created.body.reading);
    expect(await w.t.db.selectFrom('readings').select('id').where('idempotency_key', '=', body.idempotencyKey).execute()).toHaveLength(1);
    expect(await w.t.db.selectFrom('reading_uploads').select('id').where('id', 'in', [first.body.upload.id, second.body.upload.id]).execute()).toEqual([]);
    const audit = await w.t.db.selectFrom('audit_log').select(['action', 'reason']).where('target_type', '=', 'reading').where('target_id', '=', created.body.reading.id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'reading.created', reason: null }, { action: 'reading.attachment_added', reason: 'programme.pdf' }, { action: 'reading.attachment_added', reason: 'mapa.png' }]);
  });

  it('refuses a file before any reading exists (415, in the caller\'s language), so a refused file leaves nothing published', async () => {
    const before = await w.t.db.selectFrom('readings').select('id').execute();
    const refused = await stage(w.people.organizer, HTML, 'notes.pdf').set('Accept-Language', 'fr').expect(415);
    expect(refused.body.error.code).toBe('attachment_type_refused');
    expect(refused.body.error.message).toMatch(/^Ce fichier ne peut pas être joint/);
    expect(await w.t.db.selectFrom('readings').select('id').execute()).toEqual(before);
    expect(await w.t.db.selectFrom('reading_uploads').select('id').where('file_name', 'like', 'notes%').execute()).toEqual([]);
  });

  it('creates nothing when a named file is not the organizer\'s, not this forum\'s or gone, and says so', async () => {
    const before = await w.t.db.selectFrom('readings').select('id').execute();
    const byAdmin = await stage(w.people.admin, PNG, 'ajeno.png', 'image/png').expect(201);
    const mine = await stage(w.people.organizer, PDF, 'mio.pdf').expect(201);
    for (const uploads of [[byAdmin.body.upload.id], [mine.body.upload.id, '00000000-0000-4000-8000-000000000000']]) {
      const refused = await w.t.post(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', w.people.organizer.cookie).set('Accept-Language', 'es')
        .send(readingBody({ uploads })).expect(409);
      expect(refused.body.error.code).toBe('upload_missing');
      expect(refused.body.error.message).toMatch(/^Uno de los archivos enviados/);
    }
    expect(await w.t.db.selectFrom('readings').select('id').execute()).toEqual(before);
    // The organizer's own upload is still there for the next, corrected, save.
    await w.t.post(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', w.people.organizer.cookie).send(readingBody({ uploads: [mine.body.upload.id] })).expect(201);
  });

  it('lets only the forum\'s organizers and site admins send files ahead', async () => {
    const refused: [Member | null, number, string][] = [
      [null, 401, 'sign_in_required'], [w.people.participant, 403, 'forbidden'], [w.people.keyRespondent, 403, 'forbidden'],
      [w.people.translator, 403, 'forbidden'], [w.people.otherOrganizer, 403, 'forbidden'],
    ];
    for (const [who, status, code] of refused) {
      const sent = await stage(who, PDF, 'x.pdf');
      expect([sent.status, sent.body.error.code]).toEqual([status, code]);
    }
  });

  it('attaches files sent with an edit in the edit\'s transaction', async () => {
    const reading = await addReading(w, 2);
    const staged = await stage(w.people.organizer, pdfNumber(999), 'anexo.pdf').expect(201);
    const edited = await w.t.put(`/api/readings/${reading.id}`).set('Cookie', w.people.organizer.cookie)
      .send({ originalLang: 'es', texts: [{ lang: 'es', title: 'Economía solidaria', bodyMd: 'Otro texto.' }], baseVersion: reading.updatedAt, uploads: [staged.body.upload.id] }).expect(200);
    expect(edited.body.reading.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['anexo.pdf']);
  });

  it(`holds a reading to ${MAX_ATTACHMENTS_PER_READING} files, with a clear error in the caller's language, when created, edited or attached to`, async () => {
    const ids: string[] = [];
    for (let n = 0; n <= MAX_ATTACHMENTS_PER_READING; n += 1) ids.push((await stage(w.people.organizer, pdfNumber(n), `doc-${n}.pdf`).expect(201)).body.upload.id);
    const before = await w.t.db.selectFrom('readings').select('id').execute();
    // One more than the limit is refused by the schema, and nothing is created.
    const tooMany = await w.t.post(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', w.people.organizer.cookie).send(readingBody({ uploads: ids })).expect(400);
    expect(tooMany.body.error.code).toBe('validation');
    expect(await w.t.db.selectFrom('readings').select('id').execute()).toEqual(before);
    const full = await w.t.post(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', w.people.organizer.cookie)
      .send(readingBody({ uploads: ids.slice(0, MAX_ATTACHMENTS_PER_READING) })).expect(201);
    expect(full.body.reading.attachments).toHaveLength(MAX_ATTACHMENTS_PER_READING);
    // The eleventh, sent to the reading directly or with an edit, is refused.
    const direct = await upload(full.body.reading.id, w.people.organizer, pdfNumber(500), 'otro.pdf').set('Accept-Language', 'es').expect(409);
    expect(direct.body.error).toEqual({ code: 'too_many_attachments', message: `Una lectura admite como máximo ${MAX_ATTACHMENTS_PER_READING} archivos adjuntos. Quite uno antes de añadir otro.` });
    const withEdit = await w.t.put(`/api/readings/${full.body.reading.id}`).set('Cookie', w.people.organizer.cookie).set('Accept-Language', 'en')
      .send({ originalLang: 'es', texts: [{ lang: 'es', title: 'Cambiado', bodyMd: 'Cambiado.' }], baseVersion: full.body.reading.updatedAt, uploads: [ids[MAX_ATTACHMENTS_PER_READING]] }).expect(409);
    expect(withEdit.body.error.message).toBe(`A reading has at most ${MAX_ATTACHMENTS_PER_READING} attachments. Remove one before adding another.`);
    // The refused edit changed nothing, not even its text.
    const texts = await w.t.db.selectFrom('reading_texts').select('title').where('reading_id', '=', full.body.reading.id).execute();
    expect(texts).toEqual([{ title: 'Economía solidaria en Quebec' }]);
    // The same bytes again are not a new file: no refusal.
    await upload(full.body.reading.id, w.people.organizer, pdfNumber(0), 'doc-0.pdf').expect(200);
  });
});

describe('downloading', () => {
  it('serves the sniffed type with nosniff and a UTF-8 file name, inline for PDFs and images, as a download for slides', async () => {
    const reading = await addReading(w, 2);
    const pdf = (await upload(reading.id, w.people.organizer, PDF, 'Économie « solidaire ».pdf').expect(201)).body.attachment;
    const got = await w.t.get(pdf.url).set('Cookie', w.people.participant.cookie).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="_conomie _ solidaire _.pdf"; filename*=UTF-8''${encodeURIComponent('Économie « solidaire ».pdf')}`);
    expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
    const etag = got.headers.etag!;
    await w.t.get(pdf.url).set('Cookie', w.people.participant.cookie).set('If-None-Match', etag).expect(304);

    const slides = (await upload(reading.id, w.people.organizer, PPTX, 'deck.pptx').expect(201)).body.attachment;
    const deck = await w.t.get(slides.url).set('Cookie', w.people.participant.cookie).expect(200);
    expect(deck.headers['content-disposition']).toMatch(/^attachment; filename="deck.pptx"/);
    expect(deck.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
  });

  it('serves only whoever may read the week: not visitors, not another forum, not before the week opens, not an unpublished reading', async () => {
    const open = await addReading(w, 2);
    const early = await addReading(w, 3);
    const openFile = (await upload(open.id, w.people.organizer, PNG, 'a.png').expect(201)).body.attachment;
    const earlyFile = (await upload(early.id, w.people.organizer, PNG, 'b.png').expect(201)).body.attachment;
    const cases: [Member | null, number, number][] = [
      [null, 401, 401], [w.people.participant, 200, 403], [w.people.keyRespondent, 200, 200], [w.people.translator, 200, 403],
      [w.people.otherOrganizer, 403, 403], [w.people.organizer, 200, 200], [w.people.admin, 200, 200],
    ];
    for (const [who, openStatus, earlyStatus] of cases) {
      const get = (url: string) => (who ? w.t.get(url).set('Cookie', who.cookie) : w.t.get(url));
      expect([(await get(openFile.url)).status, (await get(earlyFile.url)).status]).toEqual([openStatus, earlyStatus]);
    }
    expect((await w.t.get(earlyFile.url).set('Cookie', w.people.participant.cookie)).body.error.code).toBe('week_not_open');
    await w.t.post(`/api/readings/${open.id}/unpublish`).set('Cookie', w.people.organizer.cookie).expect(200);
    await w.t.get(openFile.url).set('Cookie', w.people.participant.cookie).expect(404);
    await w.t.get(openFile.url).set('Cookie', w.people.organizer.cookie).expect(200);
    await w.t.get('/api/reading-attachments/999999').set('Cookie', w.people.organizer.cookie).expect(404);
  });
});
