// A week's page. Access: week material is checked per forum role by the service (members,
// organizers, or anyone for a closed public archive).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { WeekParams } from '../forums/forum-params.schemas.ts';
import { WeekResponse } from './weeks.schemas.ts';
import { getWeek } from './week-page.service.ts';

const weeksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/weeks/:number',
    {
      config: { access: 'public' },
      schema: { tags: ['forums'], params: WeekParams, response: { 200: WeekResponse, ...errorResponses } },
    },
    async (request) => ({ week: await getWeek(app.db, request.params.slug, request.params.number, request) }),
  );
};

export default weeksRoutes;
