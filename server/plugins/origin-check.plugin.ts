// Refuses writes whose Origin is not this site, the CSRF defence the Lucia guide recommends
// alongside SameSite cookies. Requests with no Origin at all are refused too.
// @see https://lucia-auth.com/sessions/cookies
import fp from 'fastify-plugin';
import { DomainError } from '../errors/domain-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A write whose authority is a signed token in the URL, not the cookie (one-click unsubscribe): no Origin needed. */
    crossOrigin?: boolean;
  }
}

export default fp<{ allowedOrigins: readonly string[] }>(async (app, { allowedOrigins }) => {
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.crossOrigin) return;
    const origin = request.headers.origin;
    if (origin && allowed.has(origin)) return;
    let originHost: string | undefined;
    try {
      originHost = origin ? new URL(origin).host : undefined;
    } catch {
      originHost = undefined;
    }
    if (!originHost || originHost !== request.host) throw new DomainError('origin_rejected');
  });
}, { name: 'origin-check' });
