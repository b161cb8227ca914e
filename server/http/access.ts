// Every API route states who may call it in `config.access`; the app refuses to start when a
// route forgets, and one hook enforces the site-wide part. Forum roles are checked by the
// domain services, which know the forum.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error.ts';

export type Access = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function enforceAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${route.method} ${route.url} declares no config.access`);
    }
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === 'user' || access === 'admin') requireUser(request);
    if (access === 'admin' && !request.user?.isAdmin) throw new DomainError('forbidden');
  });
}

export function requireUser(request: FastifyRequest) {
  if (!request.user) throw new DomainError('sign_in_required');
  return request.user;
}
