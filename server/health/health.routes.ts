// Liveness and readiness probes for a load balancer: /healthz answers while the process runs,
// /readyz only while the database answers and this instance hears every committed event (its
// LISTEN connection is up and nothing it missed is still being replayed).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { DomainError } from '../errors/domain-error.ts';
import { ErrorSchema, errorResponses } from '../http/common.schemas.ts';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...errorResponses, 503: ErrorSchema },
      },
    },
    async (request) => {
      if (!app.eventStream.ready) throw new DomainError('not_ready');
      try {
        await sql`SELECT 1`.execute(app.db);
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        throw new DomainError('not_ready');
      }
      return { status: 'ready' as const };
    },
  );
};

export default healthRoutes;
