// A person's data export: what it holds (and what it never hands out), its readable page in the
// person's language, background exports for large accounts with a notification, downloads by
// their owner only until they expire; the terms accepted at registration; the retention purge.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueExports } from '../../server/privacy/data-export-job.ts';
import { purgeExpiredData } from '../../server/privacy/retention.ts';
import { currentVersion } from '../../server/auth/legal-texts.ts';
import { importFixture, member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { verificationLink } from '../helpers/verification.ts';
import { buildFootprint } from './privacy-fixture.ts';

let t: TestApp;
let large: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  // Every account counts as large here: exports go through the background job.
  large = await createTestApp({ exportInlineRowLimit: 0 });
  await importFixture(large);
}, 180_000);
afterAll(async () => {
  await large?.close();
  await t?.close();
});

type Sections = Record<string, Record<string, Record<string, unknown>[]>>;

describe('the export at once', () => {
  it('holds the profile, posts with revisions, drafts, reports, preferences and choices with their dates, sessions without tokens', async () => {
    const { person, firstPostId, ownReplyId } = await buildFootprint(t);
    const response = await t.get('/api/me/export').set('Cookie', person.cookie).expect(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="tertulia-my-data-\d{4}-\d{2}-\d{2}\.json"/,
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
    const sections = response.body.sections as Sections;
    const [profile] = sections.profile!['users.id']!;
    expect(profile).toMatchObject({ id: person.id, email: person.email, interface_lang: 'es' });
    expect(profile).not.toHaveProperty('password_hash');
    const sessions = sections.sessions!['sessions.user_id']!;
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    for (const session of sessions) {
      expect(Object.keys(session).sort()).toEqual(['created_at', 'expires_at', 'user_id']);
    }
    expect(JSON.stringify(response.body)).not.toMatch(/token_hash|password_hash/);
    const posts = sections.posts!['posts.author_id']!;
    expect(posts.map((p) => p.id)).toEqual(expect.arrayContaining([firstPostId, ownReplyId]));
    expect(posts.find((p) => p.id === ownReplyId)).toMatchObject({ body_md: 'Con mucho gusto', original_lang: 'es' });
    expect(sections.revisions!['post_revisions.editor_id']!.map((r) => r.body_md)).toContain('Con gusto');
    expect(sections.posts!['threads.author_id']!.map((r) => r.title)).toEqual(['Fondos rotatorios']);
    expect(sections.drafts!['drafts.user_id']!.map((d) => d.body_md)).toEqual(['Un borrador a medias']);
    expect(sections.reports!['reports.reporter_id']!.map((r) => r.reason)).toEqual(['Fuera de tema']);
    const preference = sections.preferences!['notification_settings.user_id']!;
    expect(preference).toEqual([
      expect.objectContaining({ type: 'post.replied', in_app: true, email: false, updated_at: expect.any(String) }),
    ]);
    const consents = sections.consents!['publication_consent_records.user_id']!;
    expect(consents).toEqual([expect.objectContaining({ choice: 'anonymous', chosen_at: expect.any(String) })]);
    expect(sections.applications!['applications.user_id']!.map((a) => a.description)).toEqual([
      'Trabajo en una red de cooperativas',
    ]);
    expect(sections.memberships!['memberships.user_id']!.map((m) => m.role)).toEqual(['participant']);
    expect(sections.mail!['outbox.user_id']!.map((m) => m.template)).toContain('password_changed');
  });

  it('renders the same as a readable page in the person’s language, each text marked with its language', async () => {
    const { person } = await buildFootprint(t);
    const response = await t.get('/api/me/export?format=html').set('Cookie', person.cookie).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.text;
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h1>Sus datos en Tertulia</h1>');
    expect(html).toContain('<h2>Hilos e intervenciones que escribió</h2>');
    expect(html).toContain('<span lang="es" class="text">Con mucho gusto</span>');
    expect(html).toContain('<span lang="es" class="text">Un borrador a medias</span>');
    expect(html).toContain('<dt>Correo</dt>');
    expect(html).not.toContain('password_hash');
    // Codes the database stores read as words: the role, the interface language, the publication choice.
    expect(html).toContain('<dd>participante</dd>');
    expect(html).toContain('<dd>español</dd>');
    expect(html).toContain('<dd>De forma anónima, por región</dd>');
    expect(html).not.toContain('<dd>participant</dd>');
  });

  it('is for the signed-in person only', async () => {
    const refused = await t.get('/api/me/export').set('Accept-Language', 'fr').expect(401);
    expect(refused.body.error.code).toBe('sign_in_required');
  });
});

describe('the export in the background', () => {
  it('is queued once however often it is asked for, built by the job, announced, and downloadable by its owner until it expires', async () => {
    const person = await member(large, 'participant', 'fr');
    const stranger = await member(large, 'participant');
    const first = await large.get('/api/me/export').set('Cookie', person.cookie).expect(202);
    const again = await large.get('/api/me/export').set('Cookie', person.cookie).expect(202);
    expect(again.body.export.id).toBe(first.body.export.id);
    expect(first.body.export).toMatchObject({ status: 'queued', expiresAt: null, expired: false });
    const id = first.body.export.id as number;

    const early = await large
      .get(`/api/me/exports/${id}`)
      .set('Cookie', person.cookie)
      .set('Accept-Language', 'fr')
      .expect(409);
    expect(early.body.error).toEqual({
      code: 'export_not_ready',
      message: 'Cet export est encore en préparation. Vous serez averti quand il sera prêt.',
    });

    const now = new Date();
    expect(await runDueExports(large.db, { lifetimeHours: 168, now: () => now })).toBe(1);
    const listed = await large.get('/api/me/exports').set('Cookie', person.cookie).expect(200);
    expect(listed.body.exports).toEqual([
      expect.objectContaining({
        id,
        status: 'done',
        expired: false,
        expiresAt: new Date(now.getTime() + 168 * 3_600_000).toISOString(),
      }),
    ]);
    const notifications = await large.get('/api/notifications').set('Cookie', person.cookie).expect(200);
    expect(JSON.stringify(notifications.body)).toContain('/profile#my-data');
    const mail = await large.db
      .selectFrom('outbox')
      .select(['template', 'lang'])
      .where('user_id', '=', person.id)
      .execute();
    expect(mail).toContainEqual({ template: 'data_export_ready', lang: 'fr' });

    const json = await large.get(`/api/me/exports/${id}`).set('Cookie', person.cookie).expect(200);
    expect(json.body.sections.profile['users.id'][0].email).toBe(person.email);
    const page = await large.get(`/api/me/exports/${id}?format=html`).set('Cookie', person.cookie).expect(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<h1>Vos données sur Tertulia</h1>');

    // Another member, even one who guesses the number, is told it does not exist.
    const refused = await large.get(`/api/me/exports/${id}`).set('Cookie', stranger.cookie).expect(404);
    expect(refused.body.error.code).toBe('not_found');
    expect((await large.get('/api/me/exports').set('Cookie', stranger.cookie).expect(200)).body.exports).toEqual([]);
    await large.get(`/api/me/exports/${id}`).expect(401);

    // Past its expiry it is refused, then the retention purge deletes it.
    await large.db
      .updateTable('data_exports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const expired = await large
      .get(`/api/me/exports/${id}`)
      .set('Cookie', person.cookie)
      .set('Accept-Language', 'es')
      .expect(410);
    expect(expired.body.error.message).toBe('Esta exportación caducó y se borró. Pida una nueva desde su perfil.');
    expect((await purgeExpiredData(large.db, 90)).exports).toBe(1);
    await large.get(`/api/me/exports/${id}`).set('Cookie', person.cookie).expect(404);
  });
});

describe('terms of use and privacy notice', () => {
  const registration = {
    email: 'nueva.persona@example.org',
    displayName: 'Nueva Persona',
    password: 'una clave larga de verdad',
    interfaceLang: 'es',
    readingLangs: ['es'],
    timeZone: 'America/Lima',
  };

  it('refuses a registration without acceptance, in the caller’s language, creating nothing', async () => {
    const refused = await t.post('/api/auth/register').set('Accept-Language', 'es').send(registration).expect(400);
    expect(refused.body.error.code).toBe('validation');
    expect(refused.body.error.message).toContain('Aceptación de las condiciones de uso');
    await t
      .post('/api/auth/register')
      .send({ ...registration, acceptTerms: false })
      .expect(400);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', registration.email).execute()).toEqual([]);
  });

  it('records the versions accepted at registration, with the date, and shows them in the export', async () => {
    await t
      .post('/api/auth/register')
      .send({ ...registration, acceptTerms: true })
      .expect(202);
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', registration.email)
      .executeTakeFirstOrThrow();
    const accepted = await t.db
      .selectFrom('terms_acceptances')
      .select(['document', 'version', 'lang', 'accepted_at'])
      .where('user_id', '=', user.id)
      .orderBy('document')
      .execute();
    expect(accepted).toEqual([
      { document: 'privacy', version: currentVersion('privacy'), lang: 'es', accepted_at: expect.any(Date) },
      { document: 'terms', version: currentVersion('terms'), lang: 'es', accepted_at: expect.any(Date) },
    ]);
    const link = await verificationLink(t.db, registration.email);
    const verified = await t
      .post('/api/auth/verify-email')
      .send({ token: link.searchParams.get('token') })
      .expect(200);
    const cookie = String(verified.headers['set-cookie']).split(';')[0]!;
    const exported = await t.get('/api/me/export').set('Cookie', cookie).expect(200);
    expect(
      exported.body.sections.terms['terms_acceptances.user_id'].map((r: { version: string }) => r.version),
    ).toEqual([currentVersion('terms'), currentVersion('privacy')]);
  });

  it('serves each text in each language, one version for the three', async () => {
    for (const document of ['terms', 'privacy'] as const) {
      const versions = new Set<string>();
      for (const lang of ['en', 'es', 'fr'] as const) {
        const text = await t.get(`/api/legal/${document}?lang=${lang}`).expect(200);
        expect(text.body).toMatchObject({ document, lang });
        expect(text.body.html).toContain('<h2>');
        versions.add(text.body.version);
      }
      expect(versions.size).toBe(1);
    }
    const spanish = await t.get('/api/legal/privacy').set('Accept-Language', 'es').expect(200);
    expect(spanish.body.title).toBe('Aviso de privacidad');
    await t.get('/api/legal/cookies').expect(400);
  });
});

describe('retention', () => {
  it('purges expired sessions, used links and sent mail older than the period, and nothing younger', async () => {
    const person = await member(t, 'participant');
    const now = new Date();
    const old = new Date(now.getTime() - 91 * 86_400_000);
    const recent = new Date(now.getTime() - 10 * 86_400_000);
    await sql`INSERT INTO sessions (id, user_id, expires_at) VALUES
      (${`old-${person.id}`}, ${person.id}, ${old}), (${`recent-${person.id}`}, ${person.id}, ${recent})`.execute(t.db);
    await sql`INSERT INTO single_use_tokens (purpose, token_hash, user_id, expires_at, used_at) VALUES
      ('reset_password', ${`a${person.id}`}, ${person.id}, ${now}, ${old}),
      ('reset_password', ${`b${person.id}`}, ${person.id}, ${new Date(now.getTime() + 3_600_000)}, ${recent})`.execute(
      t.db,
    );
    await sql`INSERT INTO outbox (to_email, lang, template, user_id, status, sent_at) VALUES
      (${person.email}, 'en', 'password_changed', ${person.id}, 'sent', ${old}),
      (${person.email}, 'en', 'password_changed', ${person.id}, 'sent', ${recent}),
      (${person.email}, 'en', 'password_changed', ${person.id}, 'pending', NULL)`.execute(t.db);
    const purged = await purgeExpiredData(t.db, 90, now);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.tokens).toBeGreaterThanOrEqual(1);
    expect(purged.mail).toBeGreaterThanOrEqual(1);
    const sessions = await t.db.selectFrom('sessions').select('id').where('user_id', '=', person.id).execute();
    expect(sessions.map((s) => s.id)).not.toContain(`old-${person.id}`);
    expect(sessions.map((s) => s.id)).toContain(`recent-${person.id}`);
    expect(
      (await t.db.selectFrom('single_use_tokens').select('token_hash').where('user_id', '=', person.id).execute()).map(
        (r) => r.token_hash,
      ),
    ).toEqual([`b${person.id}`]);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['status', 'sent_at'])
      .where('user_id', '=', person.id)
      .execute();
    expect(mail.map((m) => m.status).sort()).toEqual(['pending', 'sent']);
    // The signed-in session is untouched.
    await t.get('/api/notifications').set('Cookie', person.cookie).expect(200);
  });

  it('takes its period from the configuration, 90 days unless set', async () => {
    const { readConfig } = await import('../../server/config.ts');
    expect(readConfig({}).retentionDays).toBe(90);
    expect(readConfig({ RETENTION_DAYS: '30' }).retentionDays).toBe(30);
  });
});
