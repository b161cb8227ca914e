// Registration, sign-in, sign-out, sessions and profile, through the HTTP API on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFromToken } from '../../server/auth/session.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const registration = {
  email: 'Lucia.Quispe@example.org',
  displayName: 'Lucía Quispe',
  password: 'solidaridad-2009',
  interfaceLang: 'es',
  readingLangs: ['en'],
  timeZone: 'America/La_Paz',
  organisation: 'Red de Economía Solidaria',
  region: 'Andes',
  country: 'BO',
};

describe('registration', () => {
  it('creates an account that can then sign in, with its profile as given', async () => {
    const response = await t.post('/api/auth/register').send(registration).expect(202);
    expect(response.body).toEqual({ status: 'registered' });
    expect(response.headers['set-cookie']).toBeUndefined();

    const cookie = await signIn(t, { email: 'lucia.quispe@example.org', password: registration.password });
    const me = await t.get('/api/me').set('Cookie', cookie).expect(200);
    expect(me.body.user).toMatchObject({
      email: 'Lucia.Quispe@example.org',
      displayName: 'Lucía Quispe',
      interfaceLang: 'es',
      readingLangs: ['es', 'en'],
      timeZone: 'America/La_Paz',
      organisation: 'Red de Economía Solidaria',
      region: 'Andes',
      country: 'BO',
      isAdmin: false,
    });
    expect(me.body.user).not.toHaveProperty('passwordHash');
    const row = await t.db.selectFrom('users').select('password_hash').where('email', '=', registration.email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a taken email exactly like a new one, keeps the old password and emails the owner', async () => {
    const again = await t.post('/api/auth/register').send({ ...registration, email: 'LUCIA.QUISPE@example.org', password: 'another-password' }).expect(202);
    expect(again.body).toEqual({ status: 'registered' });
    const users = await t.db.selectFrom('users').select('id').where('email', 'ilike', 'lucia.quispe@example.org').execute();
    expect(users).toHaveLength(1);
    await t.post('/api/auth/sign-in').send({ email: registration.email, password: 'another-password' }).expect(401);
    const mail = await t.db.selectFrom('outbox').select(['to_email', 'template']).execute();
    expect(mail).toEqual([{ to_email: 'LUCIA.QUISPE@example.org', template: 'registration_attempt_on_existing_account' }]);
  });

  it('refuses bad input in the caller’s language and creates nothing', async () => {
    const before = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const short = await t.post('/api/auth/register').set('Accept-Language', 'es').send({ ...registration, email: 'x@example.org', password: 'short' }).expect(400);
    expect(short.body.error.code).toBe('validation');
    expect(short.body.error.message).toBe('Revisa «password»: falta o no es válido.');
    const zone = await t.post('/api/auth/register').set('Accept-Language', 'fr').send({ ...registration, email: 'y@example.org', timeZone: 'Mars/Olympus' }).expect(400);
    expect(zone.body.error).toEqual({ code: 'invalid_time_zone', message: '« Mars/Olympus » n\'est pas un fuseau horaire que nous reconnaissons.' });
    const lang = await t.post('/api/auth/register').send({ ...registration, email: 'z@example.org', interfaceLang: 'pt' }).expect(400);
    expect(lang.body.error.code).toBe('validation');
    const malformed = await t.post('/api/auth/register').set('Content-Type', 'application/json').send('{"email":').expect(400);
    expect(malformed.body.error.code).toBe('validation');
    const after = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and stores only the token’s hash', async () => {
    const user = await createUser(t.db);
    const response = await t.post('/api/auth/sign-in').send(user).expect(200);
    expect(response.body.user.email).toBe(user.email);
    const cookie = [response.headers['set-cookie']].flat()[0]!;
    expect(cookie).toMatch(/^tertulia_session=[a-z2-7]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const token = /^tertulia_session=([^;]+)/.exec(cookie)![1]!;
    const stored = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.id)).toEqual([sessionIdFromToken(token)]);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const user = await createUser(t.db);
    const wrong = await t.post('/api/auth/sign-in').set('Accept-Language', 'es').send({ email: user.email, password: 'not the password' }).expect(401);
    const unknown = await t.post('/api/auth/sign-in').set('Accept-Language', 'es').send({ email: 'nobody@example.org', password: 'not the password' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'invalid_credentials', message: 'Ese correo y esa contraseña no corresponden a ninguna cuenta.' });
    expect(await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('signs out: the session row is gone and the cookie no longer works', async () => {
    const user = await createUser(t.db);
    const cookie = await signIn(t, user);
    await t.post('/api/auth/sign-out').set('Cookie', cookie).expect(204);
    expect(await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await t.get('/api/me').set('Cookie', cookie).expect(200)).body).toEqual({ user: null });
  });
});

describe('session expiry', () => {
  it('refuses an expired session and deletes it', async () => {
    const user = await createUser(t.db);
    const cookie = await signIn(t, user);
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    expect((await t.get('/api/me').set('Cookie', cookie).expect(200)).body).toEqual({ user: null });
    expect(await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    await t.patch('/api/me').set('Cookie', cookie).send({ displayName: 'Late' }).expect(401);
  });

  it('slides the expiry forward when less than half the lifetime is left', async () => {
    const user = await createUser(t.db);
    const cookie = await signIn(t, user);
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await t.db.updateTable('sessions').set({ expires_at: soon }).where('user_id', '=', user.id).execute();
    const response = await t.get('/api/me').set('Cookie', cookie).expect(200);
    expect(response.body.user.id).toBe(user.id);
    expect(String(response.headers['set-cookie'])).toContain('tertulia_session=');
    const row = await t.db.selectFrom('sessions').select('expires_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });
});

describe('profile', () => {
  it('updates the signed-in user’s own languages and time zone', async () => {
    const user = await createUser(t.db);
    const cookie = await signIn(t, user);
    const response = await t.patch('/api/me').set('Cookie', cookie).send({ interfaceLang: 'fr', readingLangs: ['es'], timeZone: 'America/Montreal' }).expect(200);
    expect(response.body.user).toMatchObject({ interfaceLang: 'fr', readingLangs: ['fr', 'es'], timeZone: 'America/Montreal' });
  });

  it('refuses a visitor', async () => {
    const response = await t.patch('/api/me').set('Accept-Language', 'fr').send({ displayName: 'Nobody' }).expect(401);
    expect(response.body.error).toEqual({ code: 'sign_in_required', message: 'Veuillez vous connecter pour continuer.' });
  });
});
