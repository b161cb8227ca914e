// Forum routes: the list, a forum's landing data and schedule, a week's material, joining.
// Access: the list and landing pages are public; week material is checked per forum role by
// the service (members, organizers, or anyone for a closed public archive).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { ForumListResponse, ForumResponse, JoinResponse, SlugParams, WeekParams, WeekResponse } from './forums.schemas.ts';
import { getForum, getWeek, joinForum, listForums } from './forums.service.ts';

const forumsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/forums', {
    config: { access: 'public' },
    schema: { tags: ['forums'], response: { 200: ForumListResponse, ...errorResponses } },
  }, async (request) => ({ forums: await listForums(app.db, request) }));

  app.get('/api/forums/:slug', {
    config: { access: 'public' },
    schema: { tags: ['forums'], params: SlugParams, response: { 200: ForumResponse, ...errorResponses } },
  }, async (request) => ({ forum: await getForum(app.db, request.params.slug, request) }));

  app.get('/api/forums/:slug/weeks/:number', {
    config: { access: 'public' },
    schema: { tags: ['forums'], params: WeekParams, response: { 200: WeekResponse, ...errorResponses } },
  }, async (request) => ({ week: await getWeek(app.db, request.params.slug, request.params.number, request) }));

  app.post('/api/forums/:slug/join', {
    config: { access: 'user' },
    schema: { tags: ['forums'], params: SlugParams, response: { 200: JoinResponse, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    return { myRoles: await joinForum(app.db, request.params.slug, { user, lang: request.lang }) };
  });
};

export default forumsRoutes;
