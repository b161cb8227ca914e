// Refuses writes whose Origin is not this site, the CSRF defence the Lucia guide recommends
// alongside SameSite cookies. Requests with no Origin at all are refused too. The scheme counts:
// an https:// page is another origin than the http:// site (site-origin.ts).
// @see https://lucia-auth.com/sessions/cookies
import fp from 'fastify-plugin';
import { DomainError } from '../errors/domain-error.ts';
import { isSiteOrigin, type SiteOriginOptions } from '../http/site-origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A write whose authority is a signed token in the URL, not the cookie (one-click unsubscribe): no Origin needed. */
    crossOrigin?: boolean;
  }
}

export default fp<{ allowedOrigins: readonly string[] } & SiteOriginOptions>(
  async (app, { allowedOrigins, ...site }) => {
    const allowed = new Set(allowedOrigins);
    app.addHook('onRequest', async (request) => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- Fastify leaves it undefined off its routes
      if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.crossOrigin) return;
      const origin = request.headers.origin;
      if (origin && (allowed.has(origin) || isSiteOrigin(origin, request.raw, site))) return;
      throw new DomainError('origin_rejected');
    });
  },
  { name: 'origin-check' },
);
