// Registration and email verification, sign-in, sign-out, sessions and profile, through the HTTP
// API on a real database.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdFromToken } from '../../server/auth/session.ts';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { buildApp } from '../../server/app.ts';
import { createTestApp, createUser, ORIGIN, signIn, testConfig, type TestApp } from '../helpers/test-app.ts';
import { verificationLink, verificationToken } from '../helpers/verification.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

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
  acceptTerms: true,
};

describe('registration', () => {
  it('creates an unverified account, emails its link, and the link verifies it and signs in', async () => {
    const response = await t
      .post('/api/auth/register')
      .send({ ...registration, next: '/forums/fixture-live' })
      .expect(202);
    expect(response.body).toEqual({ status: 'registered' });
    expect(response.headers['set-cookie']).toBeUndefined();

    // Until the link is followed, the right password answers exactly as a wrong one.
    const early = await t
      .post('/api/auth/sign-in')
      .send({ email: registration.email, password: registration.password })
      .expect(401);
    const wrong = await t
      .post('/api/auth/sign-in')
      .send({ email: registration.email, password: 'not the password' })
      .expect(401);
    expect(early.body).toEqual(wrong.body);

    const mail = await t.db
      .selectFrom('outbox')
      .select(['to_email', 'lang', 'template', 'payload', 'user_id'])
      .where('template', '=', 'verify_email')
      .execute();
    expect(mail).toEqual([
      {
        to_email: registration.email,
        lang: 'es',
        template: 'verify_email',
        user_id: expect.any(Number),
        payload: {
          name: 'Lucía Quispe',
          hours: 48,
          verifyUrl: expect.stringMatching(
            /^http:\/\/localhost:3000\/verify-email\?token=[a-z2-7]{32}&next=%2Fforums%2Ffixture-live$/,
          ),
        },
      },
    ]);
    const stored = await t.db
      .selectFrom('single_use_tokens')
      .select(['purpose', 'token_hash', 'used_at', 'expires_at'])
      .execute();
    const token = await verificationToken(t.db, registration.email);
    expect(stored).toEqual([
      { purpose: 'verify_email', token_hash: sessionIdFromToken(token), used_at: null, expires_at: expect.any(Date) },
    ]);
    expect(stored[0]!.expires_at.getTime()).toBeGreaterThan(Date.now() + 47 * 3600 * 1000);

    // A mail scanner or link preview opening the link (a GET) uses nothing up and signs nobody in.
    const link = await verificationLink(t.db, registration.email);
    const opened = await t.get(`${link.pathname}${link.search}`);
    expect(opened.headers['set-cookie']).toBeUndefined();
    expect((await t.db.selectFrom('single_use_tokens').select('used_at').executeTakeFirstOrThrow()).used_at).toBeNull();
    await t.post('/api/auth/sign-in').send({ email: registration.email, password: registration.password }).expect(401);

    const verified = await t.post('/api/auth/verify-email').send({ token }).expect(200);
    const cookie = [verified.headers['set-cookie']]
      .flat()
      .find((c) => c?.startsWith('tertulia_session='))!
      .split(';')[0]!;
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
    const row = await t.db
      .selectFrom('users')
      .select(['password_hash', 'email_verified_at'])
      .where('email', '=', registration.email)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.email_verified_at).toBeInstanceOf(Date);
    await signIn(t, { email: 'lucia.quispe@example.org', password: registration.password });

    const again = await t.post('/api/auth/verify-email').set('Accept-Language', 'fr').send({ token }).expect(400);
    expect(again.body.error.code).toBe('verification_link_invalid');
    expect(again.body.error.message).toContain('Ce lien de confirmation ne peut plus être utilisé');
  });

  it('answers a taken email exactly like a new one, keeps the old password and emails the owner', async () => {
    const again = await t
      .post('/api/auth/register')
      .send({ ...registration, email: 'LUCIA.QUISPE@example.org', password: 'another-password' })
      .expect(202);
    expect(again.body).toEqual({ status: 'registered' });
    const users = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', 'ilike', 'lucia.quispe@example.org')
      .execute();
    expect(users).toHaveLength(1);
    await t.post('/api/auth/sign-in').send({ email: registration.email, password: 'another-password' }).expect(401);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['to_email', 'template'])
      .where('template', '<>', 'verify_email')
      .execute();
    expect(mail).toEqual([
      { to_email: 'LUCIA.QUISPE@example.org', template: 'registration_attempt_on_existing_account' },
    ]);
  });

  it('does not tell whether an address has an account: registering then signing in with a chosen password fails alike', async () => {
    const known = await createUser(t.db);
    const attempt = async (email: string) => {
      await t
        .post('/api/auth/register')
        .set('Accept-Language', 'en')
        .send({ ...registration, email, password: 'attacker-chosen-1' })
        .expect(202);
      return t.post('/api/auth/sign-in').set('Accept-Language', 'en').send({ email, password: 'attacker-chosen-1' });
    };
    const forKnown = await attempt(known.email);
    const forNew = await attempt('never-seen@example.org');
    expect([forKnown.status, forNew.status]).toEqual([401, 401]);
    expect(forKnown.body).toEqual(forNew.body);
    expect(forNew.body.error).toEqual({
      code: 'invalid_credentials',
      message: 'That email and password do not match an account.',
    });
  });

  it('lets a newer registration of an unverified address replace it: only the newest link works, with the newest password', async () => {
    const email = 'pending@example.org';
    await t
      .post('/api/auth/register')
      .send({ ...registration, email, password: 'first-password', displayName: 'First' })
      .expect(202);
    const firstToken = await verificationToken(t.db, email);
    await t
      .post('/api/auth/register')
      .send({ ...registration, email, password: 'second-password', displayName: 'Second' })
      .expect(202);
    const secondToken = await verificationToken(t.db, email);
    expect(secondToken).not.toBe(firstToken);
    await t.post('/api/auth/verify-email').send({ token: firstToken }).expect(400);
    const verified = await t.post('/api/auth/verify-email').send({ token: secondToken }).expect(200);
    expect(verified.body.user.displayName).toBe('Second');
    await t.post('/api/auth/sign-in').send({ email, password: 'first-password' }).expect(401);
    await signIn(t, { email, password: 'second-password' });
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
  });

  it('refuses an expired link, and of two uses of one link at once exactly one signs in', async () => {
    await t
      .post('/api/auth/register')
      .send({ ...registration, email: 'late@example.org' })
      .expect(202);
    const late = await verificationToken(t.db, 'late@example.org');
    await t.db
      .updateTable('single_use_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', sessionIdFromToken(late))
      .execute();
    await t.post('/api/auth/verify-email').send({ token: late }).expect(400);
    const user = await t.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('email', '=', 'late@example.org')
      .executeTakeFirstOrThrow();
    expect(user.email_verified_at).toBeNull();

    await t
      .post('/api/auth/register')
      .send({ ...registration, email: 'twice@example.org' })
      .expect(202);
    const token = await verificationToken(t.db, 'twice@example.org');
    const answers = await Promise.all([0, 1].map(() => t.post('/api/auth/verify-email').send({ token })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const twice = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'twice@example.org')
      .executeTakeFirstOrThrow();
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', twice.id).execute()).toHaveLength(1);
    await t.post('/api/auth/verify-email').send({ token: 'not-a-token' }).expect(400);
  });

  it('makes operators’ accounts verified, but not an address someone registered and never verified', async () => {
    const made = await ensureAccount(t.db, {
      email: 'operator-made@example.org',
      displayName: 'Made',
      password: 'operator-password',
    });
    expect(made).toMatchObject({ created: true, verified: true });
    await signIn(t, { email: 'operator-made@example.org', password: 'operator-password' });
    await t
      .post('/api/auth/register')
      .send({ ...registration, email: 'squatted@example.org', password: 'squatter-password' })
      .expect(202);
    const existing = await ensureAccount(t.db, {
      email: 'squatted@example.org',
      displayName: 'Real',
      password: 'real-password',
    });
    expect(existing).toMatchObject({ created: false, verified: false });
    await t
      .post('/api/auth/sign-in')
      .send({ email: 'squatted@example.org', password: 'squatter-password' })
      .expect(401);
  });

  it('logs the emailed link at info while no mail server is configured, and refuses a next path off the site', async () => {
    const lines: { level: number; verifyUrl?: string }[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logged = await buildApp({
      config: testConfig,
      database: t.testDatabase.database,
      logger: { level: 'info', stream },
    });
    await logged.ready();
    try {
      const send = (body: object) =>
        logged.inject({ method: 'POST', url: '/api/auth/register', headers: { origin: ORIGIN }, payload: body });
      expect((await send({ ...registration, email: 'logged@example.org' })).statusCode).toBe(202);
      const link = await verificationLink(t.db, 'logged@example.org');
      expect(lines.filter((line) => line.verifyUrl)).toEqual([
        expect.objectContaining({ level: 30, verifyUrl: link.toString() }),
      ]);
      expect(
        (await send({ ...registration, email: 'elsewhere@example.org', next: '//evil.example/' })).statusCode,
      ).toBe(400);
      expect(
        (await send({ ...registration, email: 'elsewhere@example.org', next: '/\\evil.example/' })).statusCode,
      ).toBe(400);
    } finally {
      await logged.close();
    }
  });

  it('refuses bad input in the caller’s language and creates nothing', async () => {
    const before = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const short = await t
      .post('/api/auth/register')
      .set('Accept-Language', 'es')
      .send({ ...registration, email: 'x@example.org', password: 'short' })
      .expect(400);
    expect(short.body.error.code).toBe('validation');
    expect(short.body.error.message).toBe('Revise «Contraseña»: falta o no es válido.');
    const zone = await t
      .post('/api/auth/register')
      .set('Accept-Language', 'fr')
      .send({ ...registration, email: 'y@example.org', timeZone: 'Mars/Olympus' })
      .expect(400);
    expect(zone.body.error).toEqual({
      code: 'invalid_time_zone',
      message: '«\u00a0Mars/Olympus\u00a0» n’est pas un fuseau horaire que nous reconnaissons.',
    });
    const lang = await t
      .post('/api/auth/register')
      .send({ ...registration, email: 'z@example.org', interfaceLang: 'pt' })
      .expect(400);
    expect(lang.body.error.code).toBe('validation');
    const malformed = await t
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(malformed.body.error.code).toBe('validation');
    const after = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
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
    const wrong = await t
      .post('/api/auth/sign-in')
      .set('Accept-Language', 'es')
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    const unknown = await t
      .post('/api/auth/sign-in')
      .set('Accept-Language', 'es')
      .send({ email: 'nobody@example.org', password: 'not the password' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({
      code: 'invalid_credentials',
      message: 'Ese correo y esa contraseña no corresponden a ninguna cuenta.',
    });
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
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
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
    const row = await t.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });
});

describe('profile', () => {
  it('updates the signed-in user’s own languages and time zone', async () => {
    const user = await createUser(t.db);
    const cookie = await signIn(t, user);
    const response = await t
      .patch('/api/me')
      .set('Cookie', cookie)
      .send({ interfaceLang: 'fr', readingLangs: ['es'], timeZone: 'America/Montreal' })
      .expect(200);
    expect(response.body.user).toMatchObject({
      interfaceLang: 'fr',
      readingLangs: ['fr', 'es'],
      timeZone: 'America/Montreal',
    });
  });

  it('refuses a visitor', async () => {
    const response = await t.patch('/api/me').set('Accept-Language', 'fr').send({ displayName: 'Nobody' }).expect(401);
    expect(response.body.error).toEqual({
      code: 'sign_in_required',
      message: 'Veuillez vous connecter pour continuer.',
    });
  });
});
