// Regressions found in review: every organizer action on readings is in the audit log, a
// reorder does not make an open edit look stale, an unpublished reading is closed to the
// translation channel as it is to readers, suspended members download nothing, and file names
// survive being cut to length and odd multipart bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE } from '../helpers/forum-fixture.ts';
import { PDF, PNG } from '../attachments/attachment-files.ts';
import { addReading, readingBody, readingsWorld, type ReadingsWorld } from './readings-fixture.ts';

let w: ReadingsWorld;
beforeAll(async () => {
  w = await readingsWorld();
});
afterAll(async () => {
  await w?.close();
});

function upload(readingId: number, bytes: Buffer, filename: string) {
  return w.t
    .post(`/api/readings/${readingId}/attachments`)
    .set('Cookie', w.people.organizer.cookie)
    .attach('file', bytes, { filename, contentType: 'application/pdf' });
}

async function auditSince(id: number) {
  return w.t.db
    .selectFrom('audit_log')
    .select(['action', 'target_type', 'target_id', 'reason', 'actor_id'])
    .where('forum_id', '=', w.forumId)
    .where('id', '>', id)
    .orderBy('id')
    .execute();
}

async function lastAuditId(): Promise<number> {
  const row = await w.t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? 0;
}

describe('readings review fixes', () => {
  it('logs every organizer action on readings and their files, and the audit page lists them', async () => {
    const since = await lastAuditId();
    const organizer = w.people.organizer;
    const first = await addReading(w, 2);
    const second = await addReading(w, 2, { texts: [{ lang: 'es', title: 'Segunda lectura', bodyMd: 'Otro texto.' }] });
    const edited = await w.t
      .put(`/api/readings/${first.id}`)
      .set('Cookie', organizer.cookie)
      .send({
        ...readingBody({ texts: [{ lang: 'es', title: 'Economía solidaria', bodyMd: 'Texto nuevo.' }] }),
        baseVersion: first.updatedAt,
      })
      .expect(200);
    expect(edited.body.reading.revision).toBe(2);
    const list = (await w.t.get(`/api/forums/${LIVE}/weeks/2/readings`).set('Cookie', organizer.cookie).expect(200))
      .body.readings as { id: number }[];
    const ids = list.map((reading) => reading.id);
    await w.t
      .put(`/api/forums/${LIVE}/weeks/2/readings/order`)
      .set('Cookie', organizer.cookie)
      .send({ ids: [...ids].reverse() })
      .expect(200);
    // The same order again moves nothing and logs nothing.
    await w.t
      .put(`/api/forums/${LIVE}/weeks/2/readings/order`)
      .set('Cookie', organizer.cookie)
      .send({ ids: [...ids].reverse() })
      .expect(200);
    await w.t.post(`/api/readings/${second.id}/unpublish`).set('Cookie', organizer.cookie).expect(200);
    await w.t.post(`/api/readings/${second.id}/unpublish`).set('Cookie', organizer.cookie).expect(200);
    await w.t.post(`/api/readings/${second.id}/publish`).set('Cookie', organizer.cookie).expect(200);
    const file = (await upload(first.id, PDF, 'programme.pdf').expect(201)).body.attachment;
    await upload(first.id, PDF, 'programme.pdf').expect(200);
    await w.t.delete(`/api/readings/${first.id}/attachments/${file.id}`).set('Cookie', organizer.cookie).expect(204);
    await w.t.delete(`/api/readings/${first.id}/attachments/${file.id}`).set('Cookie', organizer.cookie).expect(404);

    const entries = await auditSince(since);
    expect(entries.map((entry) => [entry.action, entry.target_type, entry.target_id, entry.reason])).toEqual([
      ['reading.created', 'reading', first.id, null],
      ['reading.created', 'reading', second.id, null],
      ['reading.edited', 'reading', first.id, null],
      ['reading.reordered_week_2', 'forum', w.forumId, null],
      ['reading.unpublished', 'reading', second.id, null],
      ['reading.published', 'reading', second.id, null],
      ['reading.attachment_added', 'reading', first.id, 'programme.pdf'],
      ['reading.attachment_removed', 'reading', first.id, 'programme.pdf'],
    ]);
    expect(new Set(entries.map((entry) => entry.actor_id))).toEqual(new Set([organizer.id]));
    const page = await w.t
      .get(`/api/forums/${LIVE}/audit-log?action=reading.attachment_removed`)
      .set('Cookie', organizer.cookie)
      .expect(200);
    expect(page.body.entries.map((entry: { action: string; reason: string }) => [entry.action, entry.reason])).toEqual([
      ['reading.attachment_removed', 'programme.pdf'],
    ]);
  });

  it('logs nothing when a refused edit changes nothing', async () => {
    const reading = await addReading(w, 2);
    const since = await lastAuditId();
    await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send({
        ...readingBody({ texts: [{ lang: 'es', title: 'Cambio', bodyMd: 'Otro texto.' }] }),
        baseVersion: '2000-01-01T00:00:00.000Z',
      })
      .expect(409);
    await w.t.post(`/api/readings/${reading.id}/unpublish`).set('Cookie', w.people.otherOrganizer.cookie).expect(403);
    expect(await auditSince(since)).toEqual([]);
  });

  it('answers an edit sent twice as done (one revision, one audit entry), and still refuses a different edit from the old version', async () => {
    const reading = await addReading(w, 2);
    const edit = {
      ...readingBody({ texts: [{ lang: 'es', title: 'Dos veces', bodyMd: 'Texto enviado dos veces.' }] }),
      baseVersion: reading.updatedAt,
    };
    const since = await lastAuditId();
    const first = await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send(edit)
      .expect(200);
    const again = await w.t
      .put(`/api/readings/${reading.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send(edit)
      .expect(200);
    expect(again.body.reading).toEqual(first.body.reading);
    expect(again.body.reading.revision).toBe(2);
    expect((await auditSince(since)).map((entry) => entry.action)).toEqual(['reading.edited']);
    const other = { ...edit, texts: [{ lang: 'es', title: 'Otra', bodyMd: 'Otro texto.' }] };
    expect(
      (await w.t.put(`/api/readings/${reading.id}`).set('Cookie', w.people.organizer.cookie).send(other).expect(409))
        .body.error.code,
    ).toBe('reading_changed');
  });

  it('keeps an edit opened before another organizer reordered the week valid', async () => {
    const a = await addReading(w, 1);
    const b = await addReading(w, 1);
    const ids = (
      (await w.t.get(`/api/forums/${LIVE}/weeks/1/readings`).set('Cookie', w.people.organizer.cookie).expect(200)).body
        .readings as { id: number }[]
    ).map((reading) => reading.id);
    await w.t
      .put(`/api/forums/${LIVE}/weeks/1/readings/order`)
      .set('Cookie', w.people.admin.cookie)
      .send({ ids: [...ids].reverse() })
      .expect(200);
    const edited = await w.t
      .put(`/api/readings/${a.id}`)
      .set('Cookie', w.people.organizer.cookie)
      .send({
        ...readingBody({ texts: [{ lang: 'es', title: 'Título corregido', bodyMd: 'Texto.' }] }),
        baseVersion: a.updatedAt,
      })
      .expect(200);
    expect(edited.body.reading.texts[0].title).toBe('Título corregido');
    expect(edited.body.reading.position).toBe(ids.length - ids.indexOf(a.id));
    expect(b.id).toBeGreaterThan(a.id);
  });

  it('closes an unpublished reading to the translation channel: no task can be requested for it, none is listed', async () => {
    const reading = await addReading(w, 2);
    const request = { kind: 'reading', itemId: reading.id, targetLang: 'fr' };
    await w.t.post(`/api/readings/${reading.id}/unpublish`).set('Cookie', w.people.organizer.cookie).expect(200);
    const refused = await w.t
      .post('/api/translation-requests')
      .set('Cookie', w.people.organizer.cookie)
      .send(request)
      .expect(403);
    expect(refused.body.error.code).toBe('forbidden');
    const live = await w.t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', 'reading')
      .where('item_id', '=', reading.id)
      .where('status', 'in', ['open', 'claimed', 'in_review'])
      .execute();
    expect(live).toEqual([]);
    const listed = async () =>
      (
        (await w.t.get(`/api/forums/${LIVE}/translation-tasks`).set('Cookie', w.people.organizer.cookie).expect(200))
          .body.tasks as { kind: string; itemId: number }[]
      ).filter((task) => task.kind === 'reading' && task.itemId === reading.id).length;
    expect(await listed()).toBe(0);
    // Once published again, its tasks are back in the queue.
    await w.t.post(`/api/readings/${reading.id}/publish`).set('Cookie', w.people.organizer.cookie).expect(200);
    expect(await listed()).toBeGreaterThan(0);
  });

  it('refuses a suspended member the reading page and its files, and gives them back when the suspension is lifted', async () => {
    const reading = await addReading(w, 2);
    const file = (await upload(reading.id, PNG, 'map.png').expect(201)).body.attachment;
    const participant = w.people.participant;
    await w.t.get(file.url).set('Cookie', participant.cookie).expect(200);
    await w.t
      .post(`/api/forums/${LIVE}/people/${participant.id}/suspend`)
      .set('Cookie', w.people.organizer.cookie)
      .send({})
      .expect(200);
    expect((await w.t.get(file.url).set('Cookie', participant.cookie).expect(403)).body.error.code).toBe(
      'not_a_member',
    );
    await w.t.get(`/api/forums/${LIVE}/weeks/2/readings/${reading.slug}`).set('Cookie', participant.cookie).expect(403);
    await w.t
      .post(`/api/forums/${LIVE}/people/${participant.id}/unsuspend`)
      .set('Cookie', w.people.organizer.cookie)
      .send({})
      .expect(200);
    await w.t.get(file.url).set('Cookie', participant.cookie).expect(200);
  });

  it('cuts a long file name between characters, never inside one, and serves it with a valid RFC 6266 header', async () => {
    const reading = await addReading(w, 2);
    const name = `a${'😀'.repeat(200)}.pdf`;
    const file = (await upload(reading.id, PDF, name).expect(201)).body.attachment as { fileName: string; url: string };
    expect(file.fileName).not.toContain('\uFFFD');
    expect(file.fileName).toBe(`a${'😀'.repeat(115)}.pdf`);
    const got = await w.t.get(file.url).set('Cookie', w.people.participant.cookie).expect(200);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(got.headers['content-disposition']!)![1]!;
    expect(decodeURIComponent(encoded)).toBe(file.fileName);
  });

  it('strips folders, quotes and direction overrides from the name, and refuses one with a line break, so the header cannot be split', async () => {
    const reading = await addReading(w, 2);
    // Browsers escape quotes and line breaks in filename="…"; RFC 5987's filename* carries them raw.
    const boundary = 'tertulia-review-boundary';
    const send = (name: string) =>
      w.t
        .post(`/api/readings/${reading.id}/attachments`)
        .set('Cookie', w.people.organizer.cookie)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(
          Buffer.concat([
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent(name)}\r\nContent-Type: image/png\r\n\r\n`,
            ),
            PNG,
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]),
        );
    const split = await send('map\r\nSet-Cookie: x=1.png').expect(400);
    expect(split.body.error.code).toBe('validation');
    const file = (await send('..\\..\\etc/"evil"; filename=x\u202Egnp.exe.png').expect(201)).body.attachment as {
      fileName: string;
      url: string;
    };
    expect(file.fileName).toBe('evil; filename=xgnp.exe.png');
    const got = await w.t.get(file.url).set('Cookie', w.people.participant.cookie).expect(200);
    expect(got.headers['set-cookie']).toBeUndefined();
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="evil; filename=xgnp.exe.png"; filename*=UTF-8''${encodeURIComponent('evil; filename=xgnp.exe.png')}`,
    );
    expect(
      (await w.t.db.selectFrom('reading_attachments').select('id').where('reading_id', '=', reading.id).execute())
        .length,
    ).toBe(1);
  });

  it('refuses a second file or an extra field in one upload (not 201 with a part dropped), and a body that is not multipart, storing nothing', async () => {
    const reading = await addReading(w, 2);
    const rows = async () =>
      (await w.t.db.selectFrom('reading_attachments').select('id').where('reading_id', '=', reading.id).execute())
        .length;
    const two = await w.t
      .post(`/api/readings/${reading.id}/attachments`)
      .set('Cookie', w.people.organizer.cookie)
      .attach('file', PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('other', PNG, { filename: 'b.png', contentType: 'image/png' });
    expect([two.status, two.body.error.code]).toEqual([413, 'payload_too_large']);
    const field = await w.t
      .post(`/api/readings/${reading.id}/attachments`)
      .set('Cookie', w.people.organizer.cookie)
      .field('note', 'x')
      .attach('file', PDF, { filename: 'a.pdf', contentType: 'application/pdf' });
    expect([field.status, field.body.error.code]).toEqual([413, 'payload_too_large']);
    // Rights come before the body is read: a participant is refused, whatever they send.
    const intruder = await w.t
      .post(`/api/readings/${reading.id}/attachments`)
      .set('Cookie', w.people.participant.cookie)
      .attach('file', PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('other', PNG, { filename: 'b.png', contentType: 'image/png' });
    expect([intruder.status, intruder.body.error.code]).toEqual([403, 'forbidden']);
    const json = await w.t
      .post(`/api/readings/${reading.id}/attachments`)
      .set('Cookie', w.people.organizer.cookie)
      .send({ file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
    expect(await rows()).toBe(0);
  });
});
