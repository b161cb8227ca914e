// "This week" home routes: the member's home in one request, and recording that they opened a
// reading or a case study. Signed-in members only; what each forum shows follows their roles.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { HomeResponse, OpenedBody } from './home.schemas.ts';
import { getHome, recordOpened } from './home.service.ts';

const homeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/home',
    {
      config: { access: 'user' },
      schema: { tags: ['home'], response: { 200: HomeResponse, ...errorResponses } },
    },
    async (request, reply) => {
      // Personal and changing with every visit: never cached by anyone.
      reply.header('cache-control', 'private, no-store');
      return getHome(app.db, requireUser(request), request.lang);
    },
  );

  app.post(
    '/api/home/opened',
    {
      config: { access: 'user' },
      schema: { tags: ['home'], body: OpenedBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await recordOpened(app.db, requireUser(request), request.body);
      return reply.code(204).send(null);
    },
  );
};

export default homeRoutes;
