// Attachments of readings: size and type limits decided from the bytes, storage by content
// hash, safe download headers, and downloads only for whoever may read the week.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, type Member } from '../helpers/forum-fixture.ts';
import { addReading, MAX_BYTES, PDF, PNG, readingsWorld, type ReadingsWorld } from './readings-fixture.ts';

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
