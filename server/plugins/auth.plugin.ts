// Reads the session cookie on every request and sets `request.user`; renews the cookie when
// the session's expiry slid forward.
import fp from 'fastify-plugin';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '../auth/session-cookie.ts';
import { validateSessionToken, type Session, type SessionUser } from '../auth/session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    session: Session | null;
    sessionToken: string | null;
  }
}

export default fp<{ secureCookies: boolean }>(
  async (app, options) => {
    app.decorateRequest('user', null);
    app.decorateRequest('session', null);
    app.decorateRequest('sessionToken', null);

    app.addHook('onRequest', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token || !request.url.startsWith('/api/')) return;
      const result = await validateSessionToken(app.db, token);
      if (!result.session) {
        clearSessionCookie(reply);
        return;
      }
      request.user = result.user;
      request.session = result.session;
      request.sessionToken = token;
      if (result.renewed) setSessionCookie(request, reply, token, result.session.expiresAt, options.secureCookies);
    });
  },
  { name: 'auth', dependencies: ['db', '@fastify/cookie'] },
);
