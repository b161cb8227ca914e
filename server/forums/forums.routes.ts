// Forum routes: the list, a forum's landing data and schedule, joining (a week's page is
// server/weeks). Access: the list and landing pages are public.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from './forum-params.schemas.ts';
import { ForumListResponse, ForumResponse, JoinResponse } from './forums.schemas.ts';
import { getForum, joinForum, listForums } from './forums.service.ts';

const forumsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums',
    {
      config: { access: 'public' },
      schema: { tags: ['forums'], response: { 200: ForumListResponse, ...errorResponses } },
    },
    async (request) => ({ forums: await listForums(app.db, request) }),
  );

  app.get(
    '/api/forums/:slug',
    {
      config: { access: 'public' },
      schema: { tags: ['forums'], params: SlugParams, response: { 200: ForumResponse, ...errorResponses } },
    },
    async (request) => ({ forum: await getForum(app.db, request.params.slug, request) }),
  );

  app.post(
    '/api/forums/:slug/join',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: SlugParams, response: { 200: JoinResponse, ...errorResponses } },
    },
    async (request) => {
      const user = requireUser(request);
      return { myRoles: await joinForum(app.db, request.params.slug, { user, lang: request.lang }) };
    },
  );
};

export default forumsRoutes;
