// The proceedings job and its routes: progress as it goes, a failure kept with its error and a
// later attempt, a retry once stopped; two workers or two requests at once make one edition;
// who may ask, publish and download, and the stable public address.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, runDueEditions, runNextEdition } from '../../server/proceedings/proceedings-job.ts';
import { atOnce } from '../helpers/test-database.ts';
import { LIVE, newKey } from '../helpers/forum-fixture.ts';
import { buildWorld, type ProceedingsWorld } from './proceedings-fixture.ts';

let w: ProceedingsWorld;
beforeAll(async () => {
  w = await buildWorld();
}, 180_000);
afterAll(async () => w?.t.close());

const ask = (lang: 'en' | 'es' | 'fr', key = newKey(), cookie = w.organizer.cookie) =>
  w.t.post(`/api/forums/${LIVE}/proceedings`).set('Cookie', cookie).send({ lang, idempotencyKey: key });
const list = async () =>
  (await w.t.get(`/api/forums/${LIVE}/proceedings`).set('Cookie', w.organizer.cookie).expect(200)).body;
const edition = (id: number) =>
  w.t.db.selectFrom('proceedings_editions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('asking for an edition', () => {
  it(`answers two requests ${atOnce} with one edition`, async () => {
    const [a, b] = await Promise.all([ask('fr'), ask('fr')]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body.edition.id).toBe(b.body.edition.id);
    expect(a.body.edition).toMatchObject({ lang: 'fr', status: 'queued', progress: 0, files: [], publicUrl: null });
    const again = await ask('fr').expect(202);
    expect(again.body.edition.id).toBe(a.body.edition.id);
    const rows = await w.t.db.selectFrom('proceedings_editions').select('id').where('lang', '=', 'fr').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses wrong roles and bad input, changing nothing', async () => {
    const before = (await w.t.db.selectFrom('proceedings_editions').select('id').execute()).length;
    await ask('en', newKey(), w.participant.cookie).expect(403);
    await ask('en', newKey(), w.outsider.cookie).expect(403);
    await w.t.post(`/api/forums/${LIVE}/proceedings`).send({ lang: 'en', idempotencyKey: newKey() }).expect(401);
    await w.t.get(`/api/forums/${LIVE}/proceedings`).set('Cookie', w.participant.cookie).expect(403);
    const bad = await w.t
      .post(`/api/forums/${LIVE}/proceedings`)
      .set('Cookie', w.organizer.cookie)
      .set('Accept-Language', 'es')
      .send({ lang: 'en', threadIds: [w.threads.future], idempotencyKey: newKey() })
      .expect(400);
    expect(bad.body.error.message).toMatch(/debates elegidos/);
    await w.t
      .post(`/api/forums/${LIVE}/proceedings`)
      .set('Cookie', w.organizer.cookie)
      .send({ lang: 'de', idempotencyKey: newKey() })
      .expect(400);
    expect((await w.t.db.selectFrom('proceedings_editions').select('id').execute()).length).toBe(before);
  });

  it('lists candidate threads of opened weeks with how often elements cite them', async () => {
    const body = await list();
    const main = body.candidates.find((c: { id: number }) => c.id === w.threads.main);
    expect(main).toMatchObject({ week: 2, citedCount: 2, title: { lang: 'es', value: 'Financiar cooperativas' } });
    expect(body.candidates.some((c: { id: number }) => c.id === w.threads.future)).toBe(false);
  });
});

describe('the job', () => {
  it(`generates one edition when two workers run ${atOnce}`, async () => {
    const other = await w.t.testDatabase.openAnother();
    const [a, b] = await Promise.all([
      runDueEditions(w.t.db, { proceedingsDir: w.dir }),
      runDueEditions(other.db, { proceedingsDir: w.dir }),
    ]);
    expect(a + b).toBe(1);
    const { editions } = await list();
    const fr = editions.find((e: { lang: string }) => e.lang === 'fr');
    expect(fr).toMatchObject({ status: 'done', progress: 100, step: 'Ready', attempts: 1 });
    expect(fr.files.map((f: { format: string }) => f.format).sort()).toEqual(['csv', 'html', 'json', 'pdf']);
    const names = await readdir(path.join(w.dir, String(fr.id)));
    expect(names.sort()).toEqual(['edition.csv', 'edition.html', 'edition.json', 'edition.pdf']);
    const events = await w.t.db
      .selectFrom('events')
      .select(['payload'])
      .where('type', '=', 'proceedings.progress')
      .execute();
    const ofFr = events.map((e) => e.payload).filter((p) => p.editionId === fr.id);
    expect(ofFr.filter((p) => p.status === 'done')).toHaveLength(1);
    const steps = ofFr.map((p) => p.step);
    expect(steps).toEqual(expect.arrayContaining(['content', 'html', 'pdf', 'data', 'done']));
    const progress = ofFr.map((p) => p.progress as number);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
  });

  it('keeps a failure with its error, waits, stops after the last attempt, and runs again on retry', async () => {
    const id = (await ask('en').expect(202)).body.edition.id as number;
    let clock = new Date();
    const failing = {
      proceedingsDir: w.dir,
      now: () => clock,
      beforeStep: (step: string) => {
        if (step === 'pdf') throw new Error('the PDF step broke');
      },
    };
    expect(await runNextEdition(w.t.db, failing)).toBe('failed');
    let row = await edition(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'the PDF step broke', locked_until: null });
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(clock.getTime());
    // Not due yet: nothing runs.
    expect(await runNextEdition(w.t.db, failing)).toBe('none');
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      clock = new Date(row.next_attempt_at.getTime() + 1000);
      expect(await runNextEdition(w.t.db, failing)).toBe('failed');
      row = await edition(id);
    }
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    const shown = (await list()).editions.find((e: { id: number }) => e.id === id);
    expect(shown).toMatchObject({ status: 'failed', lastError: 'the PDF step broke', files: [] });

    await w.t.post(`/api/proceedings/${id}/retry`).set('Cookie', w.participant.cookie).expect(403);
    await w.t.post(`/api/proceedings/${id}/publish`).set('Cookie', w.organizer.cookie).expect(409);
    const retried = await w.t.post(`/api/proceedings/${id}/retry`).set('Cookie', w.organizer.cookie).expect(200);
    expect(retried.body.edition).toMatchObject({ status: 'queued', attempts: 0 });
    await w.t.post(`/api/proceedings/${id}/retry`).set('Cookie', w.organizer.cookie).expect(409);
    expect(await runNextEdition(w.t.db, { proceedingsDir: w.dir })).toBe('done');
    expect(await edition(id)).toMatchObject({ status: 'done', progress: 100 });
  });
});

describe('publication and downloads', () => {
  it('serves files to organizers with type, name and ETag; members and the public only once published', async () => {
    const { editions } = await list();
    const fr = editions.find((e: { lang: string; status: string }) => e.lang === 'fr' && e.status === 'done');
    const url = `/api/proceedings/${fr.id}/files/pdf`;
    const res = await w.t.get(url).set('Cookie', w.organizer.cookie).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename=".*\.pdf"; filename\*=UTF-8''Actes%20de%20/,
    );
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    await w.t.get(url).set('Cookie', w.organizer.cookie).set('If-None-Match', etag).expect(304);
    const csv = await w.t.get(`/api/proceedings/${fr.id}/files/csv`).set('Cookie', w.organizer.cookie).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    await w.t.get(url).set('Cookie', w.participant.cookie).expect(403);
    await w.t.get(url).expect(401);

    await w.t.post(`/api/proceedings/${fr.id}/publish`).set('Cookie', w.participant.cookie).expect(403);
    const published = await w.t.post(`/api/proceedings/${fr.id}/publish`).set('Cookie', w.organizer.cookie).expect(200);
    expect(published.body.edition.publishedAt).not.toBeNull();
    // A running forum has no public archive yet: members read it, the public does not.
    expect(published.body.edition.publicUrl).toBeNull();
    await w.t.get(url).set('Cookie', w.participant.cookie).expect(200);
    await w.t.get(url).set('Cookie', w.outsider.cookie).expect(403);
    await w.t.get(`/forums/${LIVE}/proceedings/fr.pdf`).expect(401);
    expect((await w.t.get(`/api/forums/${LIVE}/proceedings/published`).expect(200)).body.editions).toEqual([]);
    const audit = await w.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'proceedings.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['proceedings.published']);

    // Closed, with a public archive: the stable address serves the latest published edition.
    await w.t.db
      .updateTable('forums')
      .set({ public_archive: true, ends_at: new Date(Date.now() - 1000) })
      .where('id', '=', w.forumId)
      .execute();
    const page = await w.t.get(`/forums/${LIVE}/proceedings/fr`).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-disposition']).toMatch(/^inline; /);
    expect(page.text).toMatch(/^<!doctype html>\n<html lang="fr">/);
    const json = await w.t.get(`/forums/${LIVE}/proceedings/fr.json`).expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    await w.t.get(`/forums/${LIVE}/proceedings/es.pdf`).expect(404);
    await w.t.get(`/forums/${LIVE}/proceedings/fr.exe`).expect(400);
    const open = (await w.t.get(`/api/forums/${LIVE}/proceedings/published`).expect(200)).body.editions;
    expect(open).toEqual([
      expect.objectContaining({
        lang: 'fr',
        files: expect.arrayContaining([
          expect.objectContaining({ format: 'pdf', url: `/forums/${LIVE}/proceedings/fr.pdf` }),
        ]),
      }),
    ]);
    expect((await list()).editions.find((e: { id: number }) => e.id === fr.id).publicUrl).toBe(
      `/forums/${LIVE}/proceedings/fr`,
    );

    await w.t.post(`/api/proceedings/${fr.id}/unpublish`).set('Cookie', w.organizer.cookie).expect(200);
    await w.t.get(`/forums/${LIVE}/proceedings/fr`).expect(404);
    await w.t.get(url).expect(401);
  });
});
