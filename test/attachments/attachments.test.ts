// The cases every kind of attachment owner answers alike, run for readings and for case
// studies: rights to change the files, size and type limits decided from the bytes, storage by
// content hash, and safe download headers. What differs by kind (the readings' saves with their
// files and count limit, the week rule, a case study's review states) is in the files beside this.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../helpers/forum-fixture.ts';
import { MAX_BYTES } from '../readings/readings-fixture.ts';
import { DOCX, HTML, ODP, PDF, PNG, PPTX } from './attachment-files.ts';
import { caseStudyWorld, readingWorld, type OwnerWorld } from './owner-worlds.ts';

describe.each([
  ['readings', readingWorld],
  ['case studies', caseStudyWorld],
] as const)('attachments of %s', (_name, makeWorld) => {
  let w: OwnerWorld;
  beforeAll(async () => {
    w = await makeWorld();
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  function upload(
    ownerId: number,
    who: Member | null,
    bytes: Buffer,
    filename: string,
    contentType = 'application/pdf',
  ) {
    const request = w.t.post(`${w.ownerPath}/${ownerId}/attachments`);
    if (who) request.set('Cookie', who.cookie);
    return request.attach('file', bytes, { filename, contentType });
  }
  function remove(ownerId: number, who: Member | null, attachmentId: number) {
    const request = w.t.delete(`${w.ownerPath}/${ownerId}/attachments/${attachmentId}`);
    return who ? request.set('Cookie', who.cookie) : request;
  }
  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(w.attachmentsDir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  }
  async function attachmentRows() {
    return Number(
      (
        await w.t.db
          .selectFrom(w.table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  describe('uploading', () => {
    it('lets whoever may change the owner attach and remove files, and refuses everyone else', async () => {
      const {
        id,
        changers: [first, second],
      } = await w.newOwner();
      const attached = await upload(id, first!, PDF, 'programme.pdf').expect(201);
      const rows = await attachmentRows();
      for (const [who, status, code] of w.refused) {
        const sent = await upload(id, who, PNG, 'x.png', 'image/png');
        expect([sent.status, sent.body.error.code]).toEqual([status, code]);
        const removed = await remove(id, who, attached.body.attachment.id);
        expect([removed.status, removed.body.error.code]).toEqual([status, code]);
      }
      expect(await attachmentRows()).toBe(rows);
      const bySecond = await upload(id, second!, PNG, 'photo.png', 'image/png').expect(201);
      await remove(id, second!, bySecond.body.attachment.id).expect(204);
      await remove(id, first!, attached.body.attachment.id).expect(204);
      await w.t.get(attached.body.attachment.url).set('Cookie', first!.cookie).expect(404);
      await remove(id, first!, attached.body.attachment.id).expect(404);
    });

    it('refuses a file over the limit with a localized 413 and stores nothing', async () => {
      const {
        id,
        changers: [editor],
      } = await w.newOwner();
      const [files, rows] = [await storedFiles(), await attachmentRows()];
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
      const refused = await upload(id, editor!, big, 'big.pdf').set('Accept-Language', 'es').expect(413);
      expect(refused.body.error).toEqual({
        code: 'attachment_too_large',
        message: 'El archivo es demasiado grande: como máximo 0.1 MB.',
      });
      expect(await storedFiles()).toEqual(files);
      expect(await attachmentRows()).toBe(rows);
      // Exactly the limit is accepted.
      await upload(id, editor!, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length, 0x20)]), 'fits.pdf').expect(
        201,
      );
    });

    it('decides the type from the bytes: a .pdf that is HTML is refused, a PNG named .pdf is an image, slides are recognised', async () => {
      const {
        id,
        changers: [editor],
      } = await w.newOwner();
      const [files, rows] = [await storedFiles(), await attachmentRows()];
      for (const [bytes, name] of [
        [HTML, 'slides.pdf'],
        [HTML, 'page.html'],
        [DOCX, 'letter.pptx'],
        [Buffer.from('PK\u0003\u0004broken'), 'x.odp'],
        [Buffer.alloc(0), 'empty.pdf'],
      ] as const) {
        const refused = await upload(id, editor!, bytes, name).set('Accept-Language', 'fr');
        expect([name, refused.status]).toEqual([name, bytes.length ? 415 : 400]);
        if (bytes.length)
          expect(refused.body.error).toMatchObject({
            code: 'attachment_type_refused',
            message: expect.stringContaining('Joignez un PDF'),
          });
      }
      expect(await storedFiles()).toEqual(files);
      expect(await attachmentRows()).toBe(rows);

      const disguised = await upload(id, editor!, PNG, 'chart.pdf', 'application/pdf').expect(201);
      expect(disguised.body.attachment).toMatchObject({ mediaType: 'image/png', fileName: 'chart.png' });
      const pptx = await upload(id, editor!, PPTX, 'Présentation finale.pptx', 'application/octet-stream').expect(201);
      expect(pptx.body.attachment).toMatchObject({
        mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        fileName: 'Présentation finale.pptx',
      });
      const odp = await upload(id, editor!, ODP, '../../etc/diapos.odp', 'text/html').expect(201);
      expect(odp.body.attachment).toMatchObject({
        mediaType: 'application/vnd.oasis.opendocument.presentation',
        fileName: 'diapos.odp',
      });
      await w.t.post(`${w.ownerPath}/${id}/attachments`).set('Cookie', editor!.cookie).send({ file: 'x' }).expect(415);
    });

    it('stores the same bytes once, and a double upload to one owner is one attachment', async () => {
      const [a, b] = [await w.newOwner(), await w.newOwner()];
      const editor = a.changers.at(-1)!;
      const bytes = Buffer.concat([PDF, Buffer.from(`unique ${Date.now()}`)]);
      const before = (await storedFiles()).length;
      const first = await upload(a.id, editor, bytes, 'same.pdf').expect(201);
      const again = await upload(a.id, editor, bytes, 'same.pdf').expect(200);
      expect(again.body.attachment.id).toBe(first.body.attachment.id);
      const other = await upload(b.id, editor, bytes, 'copy.pdf').expect(201);
      expect(other.body.attachment.id).not.toBe(first.body.attachment.id);
      const files = await storedFiles();
      expect(files.length).toBe(before + 1);
      expect(files.some((file) => file.endsWith('.tmp'))).toBe(false);
      const row = await w.t.db
        .selectFrom(w.table)
        .select('sha256')
        .where('id', '=', first.body.attachment.id)
        .executeTakeFirstOrThrow();
      expect(files).toContain(path.join(w.attachmentsDir, row.sha256.slice(0, 2), row.sha256.slice(2, 4), row.sha256));
      if (w.listedCount) expect(await w.listedCount(a.id)).toBe(1);
      // An attachment of another owner, named under this one, is not found; and it stays.
      await remove(a.id, editor, other.body.attachment.id).expect(404);
      await w.t.get(other.body.attachment.url).set('Cookie', editor.cookie).expect(200);
    });
  });

  describe('downloading', () => {
    it('serves the sniffed type with nosniff and a UTF-8 file name, inline for PDFs and images, as a download for slides', async () => {
      const {
        id,
        changers: [editor],
      } = await w.newOwner();
      const pdf = (await upload(id, editor!, PDF, 'Économie « solidaire ».pdf').expect(201)).body.attachment;
      expect(pdf).toEqual({
        id: expect.any(Number),
        fileName: 'Économie « solidaire ».pdf',
        mediaType: 'application/pdf',
        sizeBytes: PDF.length,
        ...(w.kind === 'reading' ? { lang: null } : {}),
        url: `${w.downloadPath}/${pdf.id}`,
      });
      const got = await w.t
        .get(pdf.url)
        .set('Cookie', editor!.cookie)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['cache-control']).toBe('private, no-cache');
      expect(got.headers['content-disposition']).toBe(
        `inline; filename="_conomie _ solidaire _.pdf"; filename*=UTF-8''${encodeURIComponent('Économie « solidaire ».pdf')}`,
      );
      expect(Buffer.compare(got.body as Buffer, PDF)).toBe(0);
      const etag = got.headers.etag!;
      await w.t.get(pdf.url).set('Cookie', editor!.cookie).set('If-None-Match', etag).expect(304);

      const slides = (await upload(id, editor!, PPTX, 'deck.pptx').expect(201)).body.attachment;
      const deck = await w.t.get(slides.url).set('Cookie', editor!.cookie).expect(200);
      expect(deck.headers['content-disposition']).toMatch(/^attachment; filename="deck.pptx"/);
      expect(deck.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      );
    });

    it("gives a participant nothing before the owner's week opens, and its editor the file", async () => {
      const { id, editor, reader, status, code } = await w.notYetOpen();
      const file = (await upload(id, editor, PNG, 'b.png', 'image/png').expect(201)).body.attachment;
      const refused = await w.t.get(file.url).set('Cookie', reader.cookie);
      expect([refused.status, refused.body.error.code]).toEqual([status, code]);
      await w.t.get(file.url).set('Cookie', editor.cookie).expect(200);
    });

    it('answers 404 for an attachment that does not exist', async () => {
      const {
        changers: [editor],
      } = await w.newOwner();
      await w.t.get(`${w.downloadPath}/999999`).set('Cookie', editor!.cookie).expect(404);
    });
  });
});
