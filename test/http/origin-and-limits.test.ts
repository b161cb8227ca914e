// Cross-site writes are refused before they touch anything; sign-in and registration are rate limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ authRateLimit: { max: 3, windowMs: 60_000 } });
});
afterAll(async () => {
  await t?.close();
});

describe('Origin check', () => {
  it('refuses a write from another site or with no Origin, in the caller’s language, and creates nothing', async () => {
    const body = {
      email: 'evil@example.org',
      displayName: 'Evil',
      password: 'long enough pw',
      interfaceLang: 'en',
      readingLangs: ['en'],
      timeZone: 'UTC',
    };
    const foreign = await request(t.app.server)
      .post('/api/auth/register')
      .set('Origin', 'https://evil.example')
      .set('Accept-Language', 'es-BO,es;q=0.9')
      .send(body)
      .expect(403);
    expect(foreign.body.error).toEqual({
      code: 'origin_rejected',
      message: 'Se rechazó esta solicitud porque no provenía de este sitio.',
    });
    await request(t.app.server).post('/api/auth/register').send(body).expect(403);
    expect(await t.db.selectFrom('users').selectAll().where('email', '=', body.email).execute()).toEqual([]);
  });

  it('accepts a write whose Origin is the scheme, host and port it was sent to', async () => {
    const user = await createUser(t.db);
    await request(t.app.server)
      .post('/api/auth/sign-in')
      .set('Host', 'forum.example.org')
      .set('Origin', 'http://forum.example.org')
      .send(user)
      .expect(200);
    // Sign-out is not rate limited, so the next test's sign-in budget stays as it was.
    await request(t.app.server)
      .post('/api/auth/sign-out')
      .set('Host', 'forum.example.org:8080')
      .set('Origin', 'http://forum.example.org:8080')
      .expect(204);
  });

  it('refuses the same host under another scheme or port, and creates nothing', async () => {
    const body = {
      email: 'scheme@example.org',
      displayName: 'Scheme',
      password: 'long enough pw',
      interfaceLang: 'en',
      readingLangs: ['en'],
      timeZone: 'UTC',
    };
    for (const [host, origin] of [
      ['forum.example.org', 'https://forum.example.org'],
      ['forum.example.org', 'http://forum.example.org:8080'],
      ['forum.example.org:8080', 'http://forum.example.org'],
      ['forum.example.org', 'null'],
    ]) {
      const refused = await request(t.app.server)
        .post('/api/auth/register')
        .set('Host', host!)
        .set('Origin', origin!)
        .set('Accept-Language', 'fr')
        .send(body);
      expect(refused.status, `${origin} on ${host}`).toBe(403);
      expect(refused.body.error.code).toBe('origin_rejected');
    }
    expect(await t.db.selectFrom('users').selectAll().where('email', '=', body.email).execute()).toEqual([]);
  });

  it('takes the scheme from X-Forwarded-Proto only behind a trusted proxy, and https under SECURE_COOKIES', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    const secure = await createTestApp({ secureCookies: true });
    try {
      const user = await createUser(proxied.db);
      const signIn = (app: TestApp, origin: string, proto?: string) => {
        const pending = request(app.app.server)
          .post('/api/auth/sign-in')
          .set('Host', 'forum.example.org')
          .set('Origin', origin);
        return (proto ? pending.set('X-Forwarded-Proto', proto) : pending).send(user);
      };
      expect((await signIn(proxied, 'https://forum.example.org', 'https')).status).toBe(200);
      expect((await signIn(proxied, 'https://forum.example.org')).status).toBe(403);
      expect((await signIn(proxied, 'http://forum.example.org', 'https')).status).toBe(403);
      // Not trusted: the header is ignored, so the plain-http site refuses an https page.
      const untrusted = await request(t.app.server)
        .post('/api/auth/sign-out')
        .set('Host', 'forum.example.org')
        .set('Origin', 'https://forum.example.org')
        .set('X-Forwarded-Proto', 'https');
      expect(untrusted.status).toBe(403);
      const secureUser = await createUser(secure.db);
      const secureSignIn = (origin: string) =>
        request(secure.app.server)
          .post('/api/auth/sign-in')
          .set('Host', 'forum.example.org')
          .set('Origin', origin)
          .send(secureUser);
      expect((await secureSignIn('https://forum.example.org')).status).toBe(200);
      expect((await secureSignIn('http://forum.example.org')).status).toBe(403);
    } finally {
      await proxied.close();
      await secure.close();
    }
  });
});

describe('rate limit', () => {
  it('refuses the fourth sign-in attempt within the window with a localized 429', async () => {
    // The previous test used one attempt of this app's three.
    await t.post('/api/auth/sign-in').send({ email: 'a@example.org', password: 'x' }).expect(401);
    await t.post('/api/auth/sign-in').send({ email: 'a@example.org', password: 'x' }).expect(401);
    const limited = await t
      .post('/api/auth/sign-in')
      .set('Accept-Language', 'fr')
      .send({ email: 'a@example.org', password: 'x' })
      .expect(429);
    expect(limited.body.error).toEqual({
      code: 'rate_limited',
      message: 'Trop de tentatives. Attendez une minute et réessayez.',
    });
  });
});

describe('conventions', () => {
  it('answers health and readiness, and serves the OpenAPI document', async () => {
    expect((await t.get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
    const docs = await t.get('/api/docs/json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/sign-in', '/api/forums/{slug}/weeks/{number}']),
    );
  });

  it('returns a request id and a JSON 404 for unknown API paths', async () => {
    const response = await t.get('/api/nothing-here').set('Accept-Language', 'fr').expect(404);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.error.code).toBe('not_found');
  });
});

describe('compression', () => {
  it('compresses a large JSON answer for a client that accepts it and leaves small ones alone', async () => {
    const docs = await t.get('/api/docs/json').set('Accept-Encoding', 'gzip').expect(200);
    expect(docs.headers['content-encoding']).toBe('gzip');
    expect(docs.headers.vary).toMatch(/accept-encoding/i);
    expect(docs.body.openapi).toMatch(/^3\./);
    const brotli = await t.get('/api/docs/json').set('Accept-Encoding', 'gzip, deflate, br').expect(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    const plain = await t.get('/api/docs/json').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(docs.body);
    const small = await t.get('/healthz').set('Accept-Encoding', 'gzip').expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
