// The week time box through the API: members read a week once it opens, organizers always,
// visitors read only a closed public archive.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/content');
let t: TestApp;
let participant: string;
let organizer: string;
let outsider: string;

beforeAll(async () => {
  t = await createTestApp();
  await importContent(t.db, fixtures);
  participant = await signIn(
    t,
    await createUser(t.db, {
      interfaceLang: 'es',
      readingLangs: ['es'],
      roles: [{ forumSlug: 'fixture-live', role: 'participant' }],
    }),
  );
  organizer = await signIn(t, await createUser(t.db, { roles: [{ forumSlug: 'fixture-live', role: 'organizer' }] }));
  outsider = await signIn(t, await createUser(t.db));
});
afterAll(async () => {
  await t?.close();
});

describe('week time box', () => {
  it('lets a participant read the open week 2 and the past week 1', async () => {
    const week2 = await t.get('/api/forums/fixture-live/weeks/2').set('Cookie', participant).expect(200);
    expect(week2.body.week).toMatchObject({ number: 2, state: 'open', title: { lang: 'es', value: 'Week 2 es' } });
    const week1 = await t.get('/api/forums/fixture-live/weeks/1').set('Cookie', participant).expect(200);
    expect(week1.body.week.state).toBe('past');
  });

  it('refuses a participant a week before it opens, saying when it opens', async () => {
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() + 3_600_000) })
      .where('number', '=', 2)
      .where('forum_id', '=', (eb) => eb.selectFrom('forums').select('id').where('slug', '=', 'fixture-live'))
      .execute();
    const response = await t
      .get('/api/forums/fixture-live/weeks/2')
      .set('Cookie', participant)
      .set('Accept-Language', 'es')
      .expect(403);
    expect(response.body.error.code).toBe('week_not_open');
    expect(response.body.error.message).toMatch(/^La semana 2 todavía no ha comenzado\. Se abre el /);
    const landing = await t.get('/api/forums/fixture-live').set('Cookie', participant).expect(200);
    expect(landing.body.forum.weeks[1]).toMatchObject({ number: 2, state: 'upcoming', canRead: false });
  });

  it('names the reader’s time zone in words in their language, not by its id', async () => {
    const reader = await createUser(t.db, {
      interfaceLang: 'fr',
      readingLangs: ['fr'],
      roles: [{ forumSlug: 'fixture-live', role: 'participant' }],
    });
    await t.db.updateTable('users').set({ time_zone: 'America/Bogota' }).where('id', '=', reader.id).execute();
    const response = await t
      .get('/api/forums/fixture-live/weeks/2')
      .set('Cookie', await signIn(t, reader))
      .expect(403);
    expect(response.body.error.message).toMatch(
      /^La semaine 2 n’est pas encore ouverte\. Elle ouvrira le .+ \(Bogotá — heure normale de Colombie\)\.$/,
    );
    expect(response.body.error.message).not.toContain('America/Bogota');
  });

  it('lets the forum’s organizer read the week before it opens', async () => {
    const response = await t.get('/api/forums/fixture-live/weeks/2').set('Cookie', organizer).expect(200);
    expect(response.body.week.state).toBe('upcoming');
  });

  it('refuses visitors and non-members of a running forum', async () => {
    expect((await t.get('/api/forums/fixture-live/weeks/1').expect(401)).body.error.code).toBe('sign_in_required');
    expect((await t.get('/api/forums/fixture-live/weeks/1').set('Cookie', outsider).expect(403)).body.error.code).toBe(
      'not_a_member',
    );
  });

  it('opens a closed public archive to everyone', async () => {
    const response = await t.get('/api/forums/fixture-2009/weeks/2').expect(200);
    expect(response.body.week).toMatchObject({ number: 2, state: 'past', opensAt: '2009-11-02T05:00:00.000Z' });
  });

  it('answers 404 for a week or forum that does not exist, and 400 for a malformed number', async () => {
    await t.get('/api/forums/fixture-live/weeks/9').set('Cookie', organizer).expect(404);
    await t.get('/api/forums/no-such-forum').expect(404);
    expect((await t.get('/api/forums/fixture-live/weeks/abc').expect(400)).body.error.code).toBe('validation');
  });
});

describe('forum landing and schedule', () => {
  it('lists both editions with statuses derived from their dates', async () => {
    const response = await t.get('/api/forums').set('Accept-Language', 'fr').expect(200);
    const bySlug = Object.fromEntries(response.body.forums.map((f: { slug: string }) => [f.slug, f]));
    expect(bySlug['fixture-2009']).toMatchObject({
      status: 'closed',
      title: { lang: 'fr', value: 'Forum d’essai' },
      myRoles: [],
    });
    expect(bySlug['fixture-live']).toMatchObject({
      status: 'running',
      title: { lang: 'fr', value: 'Forum d’essai (en cours)' },
    });
  });

  it('gives the 2009 schedule with its daylight-saving boundary and no open week', async () => {
    const { forum } = (await t.get('/api/forums/fixture-2009').expect(200)).body;
    expect(forum.weeks.map((w: { opensAt: string }) => w.opensAt)).toEqual([
      '2009-10-26T04:00:00.000Z',
      '2009-11-02T05:00:00.000Z',
    ]);
    expect(forum.currentWeek).toBeNull();
    expect([forum.startsOn, forum.endsOn]).toEqual(['2009-10-26', '2009-11-06']);
    expect(forum.translationPolicy).toEqual([{ from: 'es', to: 'en' }]);
    expect(forum.call).toEqual({ lang: 'en', html: '<h2>Call en</h2>\n<p>Come and take part (en).</p>' });
  });

  it('lets a signed-in user join an open-enrolment forum once, and refuses the closed archive', async () => {
    const user = await createUser(t.db);
    const cookie = await signIn(t, user);
    expect((await t.post('/api/forums/fixture-live/join').set('Cookie', cookie).expect(200)).body).toEqual({
      myRoles: ['participant'],
    });
    expect((await t.post('/api/forums/fixture-live/join').set('Cookie', cookie).expect(200)).body).toEqual({
      myRoles: ['participant'],
    });
    const refused = await t
      .post('/api/forums/fixture-2009/join')
      .set('Cookie', cookie)
      .set('Accept-Language', 'es')
      .expect(409);
    expect(refused.body.error.message).toBe('Este foro no admite nuevos miembros en este momento.');
    await t.post('/api/forums/fixture-live/join').expect(401);
  });

  it('hides a draft forum from everyone but its organizers and admins', async () => {
    await t.db.updateTable('forums').set({ published: false }).where('slug', '=', 'fixture-2009').execute();
    try {
      await t.get('/api/forums/fixture-2009').set('Cookie', participant).expect(404);
      const admin = await signIn(t, await createUser(t.db, { isAdmin: true }));
      expect((await t.get('/api/forums/fixture-2009').set('Cookie', admin).expect(200)).body.forum.status).toBe(
        'draft',
      );
      const list = (await t.get('/api/forums').expect(200)).body.forums.map((f: { slug: string }) => f.slug);
      expect(list).not.toContain('fixture-2009');
    } finally {
      await t.db.updateTable('forums').set({ published: true }).where('slug', '=', 'fixture-2009').execute();
    }
  });
});
