// Signing test users in to a running site (running-site.ts) for browser journeys: through the
// real sign-in API, then handing the session cookie to a browser or to supertest requests.
import request from 'supertest';
import type { BrowserContext } from 'playwright-core';
import type { RunningSite } from './running-site.ts';

type Credentials = { email: string; password: string };

/** Signs in through the API; returns the session cookie's value. */
export async function siteSession(site: RunningSite, user: Credentials): Promise<string> {
  const response = await request(site.url)
    .post('/api/auth/sign-in')
    .set('Origin', site.url)
    .send({ email: user.email, password: user.password })
    .expect(200);
  const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('tertulia_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie.split(';')[0]!.slice('tertulia_session='.length);
}

/** Signs in through the API; returns the Cookie header to send. */
export async function siteSessionCookie(site: RunningSite, user: Credentials): Promise<string> {
  return `tertulia_session=${await siteSession(site, user)}`;
}

/** Signs in through the API and gives the browser the session cookie. */
export async function signInBrowser(site: RunningSite, context: BrowserContext, user: Credentials): Promise<void> {
  await context.addCookies([
    { name: 'tertulia_session', value: await siteSession(site, user), url: site.url, httpOnly: true, sameSite: 'Lax' },
  ]);
}
