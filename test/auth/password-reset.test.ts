// Account recovery through the HTTP API on a real database: the same answer for known and
// unknown addresses, a single-use link that expires, and every session ended when it is used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  requestPasswordReset,
  confirmPasswordReset,
  RESET_LIFETIME_MINUTES,
} from '../../server/auth/password-reset.service.ts';
import { DomainError } from '../../server/errors/domain-error.ts';
import { renderTemplate } from '../../server/mail/email-templates.ts';
import { createTestApp, createUser, signIn, type TestApp, type TestUser } from '../helpers/test-app.ts';
import { importFixture, LIVE } from '../helpers/forum-fixture.ts';
import { connectLive } from '../helpers/live-client.ts';
import { listenOnLoopback } from '../helpers/loopback.ts';
import { onPostgres } from '../helpers/test-database.ts';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  baseUrl = await listenOnLoopback(t.app);
});
afterAll(async () => {
  await t?.close();
});

const NEW_PASSWORD = 'una contraseña nueva';

function resetMail(userId: number) {
  return t.db
    .selectFrom('outbox')
    .select(['to_email', 'lang', 'template', 'payload'])
    .where('user_id', '=', userId)
    .where('template', '=', 'reset_password')
    .orderBy('id')
    .execute();
}

async function linkToken(userId: number): Promise<string> {
  const mail = await resetMail(userId);
  const url = new URL(String(mail.at(-1)!.payload.resetUrl));
  return url.searchParams.get('token')!;
}

function cookieOf(response: { headers: Record<string, unknown> }): string | undefined {
  return [response.headers['set-cookie']]
    .flat()
    .find((c): c is string => typeof c === 'string' && c.startsWith('tertulia_session='))
    ?.split(';')[0];
}

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof DomainError && error.code === code);
}

describe(`asking for a reset link (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('answers alike for a known and an unknown address; only the account gets mail, in its language', async () => {
    const user = await createUser(t.db, { interfaceLang: 'es', name: 'Lucía Quispe' });
    const outboxBefore = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const known = await t
      .post('/api/auth/password-reset')
      .set('Accept-Language', 'es')
      .send({ email: user.email.toUpperCase() });
    const unknown = await t
      .post('/api/auth/password-reset')
      .set('Accept-Language', 'es')
      .send({ email: 'nadie@example.test' });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual({ status: 'requested' });
    expect(unknown.body).toEqual(known.body);
    expect(known.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();

    const outboxAfter = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outboxAfter.n) - Number(outboxBefore.n)).toBe(1);
    expect(await resetMail(user.id)).toEqual([
      {
        to_email: user.email,
        lang: 'es',
        template: 'reset_password',
        payload: {
          name: 'Lucía Quispe',
          minutes: RESET_LIFETIME_MINUTES,
          resetUrl: expect.stringMatching(/^http:\/\/localhost:3000\/reset-password\?token=[a-z2-7]{32}$/),
        },
      },
    ]);
    const tokens = await t.db
      .selectFrom('single_use_tokens')
      .select(['purpose', 'used_at', 'expires_at'])
      .where('user_id', '=', user.id)
      .execute();
    expect(tokens).toEqual([{ purpose: 'reset_password', used_at: null, expires_at: expect.any(Date) }]);
  });

  it('renders the mail with its link in each language', () => {
    const links = { unsubscribeUrl: null, preferencesUrl: 'https://forum.example.org/notifications/preferences' };
    const payload = {
      name: 'Lucía',
      resetUrl: 'https://forum.example.org/reset-password?token=abc',
      minutes: RESET_LIFETIME_MINUTES,
    };
    const subjects = {
      en: 'Choose a new password for Tertulia',
      es: 'Elija una contraseña nueva para Tertulia',
      fr: 'Choisissez un nouveau mot de passe pour Tertulia',
    };
    for (const lang of ['en', 'es', 'fr'] as const) {
      const mail = renderTemplate(lang, 'reset_password', payload, {}, links);
      expect(mail.subject).toBe(subjects[lang]);
      expect(mail.html).toContain('<a href="https://forum.example.org/reset-password?token=abc">');
      expect(mail.text).toContain('60');
      expect(renderTemplate(lang, 'password_changed', { name: 'Lucía' }, {}, links).text).toContain('Lucía');
    }
  });

  it('takes about as long for an unknown address as for a known one', async () => {
    const user = await createUser(t.db);
    const time = async (email: string) => {
      const started = performance.now();
      await t.post('/api/auth/password-reset').send({ email }).expect(202);
      return performance.now() - started;
    };
    const known = await time(user.email);
    const unknown = await time('unknown-person@example.test');
    // Both wait for the route's floor (250 ms); neither answers early.
    expect(known).toBeGreaterThanOrEqual(240);
    expect(unknown).toBeGreaterThanOrEqual(240);
    console.log(`reset request: known ${known.toFixed(0)} ms, unknown ${unknown.toFixed(0)} ms`);
  });

  it('refuses a malformed address with a localized validation error and queues nothing', async () => {
    const response = await t
      .post('/api/auth/password-reset')
      .set('Accept-Language', 'fr')
      .send({ email: 'pas une adresse' })
      .expect(400);
    expect(response.body.error.code).toBe('validation');
    expect(response.body.error.message).toMatch(/Vérifiez/);
  });

  it('a newer link replaces the earlier unused one, and one mail a minute at most goes to an account', async () => {
    const user = await createUser(t.db);
    const now = new Date();
    const first = await requestPasswordReset(t.db, user.email, 'http://tertulia.test', now);
    // Within the minute: no new link, no new mail (the caller still gets the same answer).
    expect(
      await requestPasswordReset(t.db, user.email, 'http://tertulia.test', new Date(now.getTime() + 30_000)),
    ).toBeUndefined();
    const second = await requestPasswordReset(
      t.db,
      user.email,
      'http://tertulia.test',
      new Date(now.getTime() + 61_000),
    );
    expect(first && second).toBeTruthy();
    expect(await resetMail(user.id)).toHaveLength(2);
    const token = (link: string) => new URL(link).searchParams.get('token')!;
    await expectCode(
      confirmPasswordReset(t.db, token(first!), NEW_PASSWORD, new Date(now.getTime() + 62_000)),
      'reset_link_used',
    );
    await confirmPasswordReset(t.db, token(second!), NEW_PASSWORD, new Date(now.getTime() + 62_000));
  });
});

describe(`using a reset link (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createUser(t.db, { interfaceLang: 'fr', roles: [{ forumSlug: LIVE, role: 'participant' }] });
  });

  it('sets the password, ends every session (live sockets too), signs in here, and works once', async () => {
    const [laptop, phone] = [await signIn(t, user), await signIn(t, user)];
    const socket = await connectLive(baseUrl, phone);
    await t.post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const token = await linkToken(user.id);
    // Opening the link, as a mail scanner would, ends no session and uses nothing up.
    await t.get(`/reset-password?token=${token}`);
    expect((await t.get('/api/me').set('Cookie', laptop).expect(200)).body.user.id).toBe(user.id);

    const response = await t
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: NEW_PASSWORD })
      .expect(200);
    expect(response.body.user).toMatchObject({ id: user.id, email: user.email, interfaceLang: 'fr' });
    const fresh = cookieOf(response)!;
    expect(fresh).toBeTruthy();

    expect(await socket.closed()).toBe(4401);
    for (const old of [laptop, phone])
      expect((await t.get('/api/me').set('Cookie', old).expect(200)).body.user).toBeNull();
    expect((await t.get('/api/me').set('Cookie', fresh).expect(200)).body.user.id).toBe(user.id);
    const sessions = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);

    await t.post('/api/auth/sign-in').send({ email: user.email, password: user.password }).expect(401);
    await t.post('/api/auth/sign-in').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
    const changed = await t.db
      .selectFrom('outbox')
      .select(['template', 'lang'])
      .where('user_id', '=', user.id)
      .where('template', '=', 'password_changed')
      .execute();
    expect(changed).toEqual([{ template: 'password_changed', lang: 'fr' }]);

    // The same link again: refused in the caller's language, nothing changes.
    const again = await t
      .post('/api/auth/password-reset/confirm')
      .set('Accept-Language', 'es')
      .send({ token, password: 'otra contraseña más' })
      .expect(409);
    expect(again.body.error).toEqual({ code: 'reset_link_used', message: expect.stringMatching(/ya se utilizó/) });
    expect(cookieOf(again)).toBeUndefined();
    await t.post('/api/auth/sign-in').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
    user.password = NEW_PASSWORD;
  });

  it('of two requests racing with one link, exactly one wins', async () => {
    const someone = await createUser(t.db);
    const link = await requestPasswordReset(t.db, someone.email, 'http://tertulia.test');
    const token = new URL(link!).searchParams.get('token')!;
    const results = await Promise.all([
      t.post('/api/auth/password-reset/confirm').send({ token, password: 'first racer password' }),
      t.post('/api/auth/password-reset/confirm').send({ token, password: 'second racer password' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const signIns = await Promise.all(
      ['first racer password', 'second racer password'].map((password) =>
        t
          .post('/api/auth/sign-in')
          .send({ email: someone.email, password })
          .then((r) => r.status),
      ),
    );
    expect(signIns.sort()).toEqual([200, 401]);
    expect(await t.db.selectFrom('sessions').select('id').where('user_id', '=', someone.id).execute()).toHaveLength(2);
  });

  it('refuses an expired link (clock injected) and an unknown one, changing nothing', async () => {
    const someone = await createUser(t.db);
    const issued = new Date('2026-11-30T10:00:00Z');
    const link = await requestPasswordReset(t.db, someone.email, 'http://tertulia.test', issued);
    const token = new URL(link!).searchParams.get('token')!;
    const cookie = await signIn(t, someone);
    await expectCode(
      confirmPasswordReset(t.db, token, NEW_PASSWORD, new Date(issued.getTime() + RESET_LIFETIME_MINUTES * 60_000)),
      'reset_link_expired',
    );
    // One minute before the end it still works.
    const early = await confirmPasswordReset(
      t.db,
      token,
      NEW_PASSWORD,
      new Date(issued.getTime() + (RESET_LIFETIME_MINUTES - 1) * 60_000),
    );
    expect(early.userId).toBe(someone.id);
    expect((await t.get('/api/me').set('Cookie', cookie).expect(200)).body.user).toBeNull();

    const other = await createUser(t.db);
    const otherCookie = await signIn(t, other);
    const expired = await requestPasswordReset(
      t.db,
      other.email,
      'http://tertulia.test',
      new Date(Date.now() - 2 * 3_600_000),
    );
    const response = await t
      .post('/api/auth/password-reset/confirm')
      .set('Accept-Language', 'fr')
      .send({ token: new URL(expired!).searchParams.get('token')!, password: NEW_PASSWORD })
      .expect(409);
    expect(response.body.error).toEqual({ code: 'reset_link_expired', message: expect.stringMatching(/a expiré/) });
    const unknown = await t
      .post('/api/auth/password-reset/confirm')
      .send({ token: 'not-a-real-token', password: NEW_PASSWORD })
      .expect(400);
    expect(unknown.body.error.code).toBe('reset_link_invalid');
    // Nothing changed: the old password and the session still work.
    expect((await t.get('/api/me').set('Cookie', otherCookie).expect(200)).body.user.id).toBe(other.id);
    await t.post('/api/auth/sign-in').send({ email: other.email, password: other.password }).expect(200);
  });

  it('applies the registration password rules', async () => {
    const someone = await createUser(t.db);
    const link = await requestPasswordReset(t.db, someone.email, 'http://tertulia.test');
    const token = new URL(link!).searchParams.get('token')!;
    const short = await t.post('/api/auth/password-reset/confirm').send({ token, password: 'short' }).expect(400);
    expect(short.body.error.code).toBe('validation');
    // The link survives a refused form.
    await t.post('/api/auth/password-reset/confirm').send({ token, password: 'long enough now' }).expect(200);
  });

  it('is rate limited per client IP', async () => {
    const limited = await createTestApp({ authRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 2; i++)
        await limited.post('/api/auth/password-reset').send({ email: 'x@example.test' }).expect(202);
      const third = await limited.post('/api/auth/password-reset').send({ email: 'x@example.test' }).expect(429);
      expect(third.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
