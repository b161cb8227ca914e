// Search route. Access: public at the route, so a visitor searches the closed public archives;
// the service searches only the forums and items the caller may read (server/forums/forum-access.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { SearchQuery, SearchResponse } from './search.schemas.ts';
import { search } from './search.service.ts';

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      config: { access: 'public' },
      schema: { tags: ['search'], querystring: SearchQuery, response: { 200: SearchResponse, ...errorResponses } },
    },
    async (request) => search(app.db, { user: request.user, lang: request.lang }, request.query),
  );
};

export default searchRoutes;
