// A forum's analytics in the console. Access: signed in; the service requires an organizer of
// the forum (or a site admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { AnalyticsResponse } from './analytics.schemas.ts';
import { forumAnalytics } from './analytics.service.ts';

const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/analytics',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: SlugParams, response: { 200: AnalyticsResponse, ...errorResponses } },
    },
    async (request) => forumAnalytics(app.db, request.params.slug, requireUser(request), request.lang),
  );
};

export default analyticsRoutes;
