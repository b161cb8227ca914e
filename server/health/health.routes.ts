// Liveness and readiness probes for a load balancer: /healthz answers while the process runs,
// /readyz only while the database answers too.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { ErrorSchema } from '../http/common.schemas.ts';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: ErrorSchema } },
  }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(app.db);
      return { status: 'ready' as const };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return reply.code(503).send({ error: { code: 'not_ready', message: 'database not reachable' } });
    }
  });
};

export default healthRoutes;
