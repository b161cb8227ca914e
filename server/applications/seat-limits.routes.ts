// Key-respondent seats by week and region in the console. Access: signed in; the service
// requires an organizer of the forum (or a site admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { SeatLimitsBody, SeatLimitsResponse } from './seat-limits.schemas.ts';
import { seatLimits, setSeatLimits } from './seat-limits.service.ts';

const seatLimitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/seats',
    {
      config: { access: 'user' },
      schema: { tags: ['applications'], params: SlugParams, response: { 200: SeatLimitsResponse, ...errorResponses } },
    },
    async (request) => seatLimits(app.db, request.params.slug, requireUser(request)),
  );

  app.put(
    '/api/forums/:slug/seats',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: SeatLimitsBody,
        response: { 200: SeatLimitsResponse, ...errorResponses },
      },
    },
    async (request) => setSeatLimits(app.db, request.params.slug, requireUser(request), request.body),
  );
};

export default seatLimitsRoutes;
