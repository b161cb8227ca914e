// A site admin creates a forum (a draft) and appoints its first organizers. Access: admins only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { NewForumBody, NewForumResponse } from './forum-creation.schemas.ts';
import { createForum } from './forum-creation.service.ts';

const forumCreationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/forums',
    {
      config: { access: 'admin' },
      schema: { tags: ['forums'], body: NewForumBody, response: { 201: NewForumResponse, ...errorResponses } },
    },
    async (request, reply) =>
      reply.code(201).send({ forum: await createForum(app.db, requireUser(request), request.body) }),
  );
};

export default forumCreationRoutes;
