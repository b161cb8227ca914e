// Cross-site writes are refused before they touch anything; sign-in and registration are rate limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ authRateLimit: { max: 3, windowMs: 60_000 } }); });
afterAll(async () => { await t?.close(); });

describe('Origin check', () => {
  it('refuses a write from another site or with no Origin, in the caller’s language, and creates nothing', async () => {
    const body = { email: 'evil@example.org', displayName: 'Evil', password: 'long enough pw', interfaceLang: 'en', readingLangs: ['en'], timeZone: 'UTC' };
    const foreign = await request(t.app.server).post('/api/auth/register').set('Origin', 'https://evil.example').set('Accept-Language', 'es-BO,es;q=0.9').send(body).expect(403);
    expect(foreign.body.error).toEqual({ code: 'origin_rejected', message: 'Se rechazó esta solicitud porque no provenía de este sitio.' });
    await request(t.app.server).post('/api/auth/register').send(body).expect(403);
    expect(await t.db.selectFrom('users').selectAll().where('email', '=', body.email).execute()).toEqual([]);
  });

  it('accepts a write whose Origin is the Host it was sent to', async () => {
    const user = await createUser(t.db);
    await request(t.app.server).post('/api/auth/sign-in').set('Host', 'forum.example.org').set('Origin', 'https://forum.example.org').send(user).expect(200);
  });
});

describe('rate limit', () => {
  it('refuses the fourth sign-in attempt within the window with a localized 429', async () => {
    // The previous test used one attempt of this app's three.
    await t.post('/api/auth/sign-in').send({ email: 'a@example.org', password: 'x' }).expect(401);
    await t.post('/api/auth/sign-in').send({ email: 'a@example.org', password: 'x' }).expect(401);
    const limited = await t.post('/api/auth/sign-in').set('Accept-Language', 'fr').send({ email: 'a@example.org', password: 'x' }).expect(429);
    expect(limited.body.error).toEqual({ code: 'rate_limited', message: 'Trop de tentatives. Attendez une minute et réessayez.' });
  });
});

describe('conventions', () => {
  it('answers health and readiness, and serves the OpenAPI document', async () => {
    expect((await t.get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
    const docs = await t.get('/api/docs/json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/auth/sign-in', '/api/forums/{slug}/weeks/{number}']));
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
