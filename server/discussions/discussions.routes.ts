// Discussion routes. Access: reading follows the week's read rule (members, organizers, or a
// closed public archive); writing needs a member inside the time box, checked by the services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { WeekParams } from '../forums/forum-params.schemas.ts';
import {
  EditPostBody,
  NewReplyBody,
  NewThreadBody,
  NewThreadResponse,
  PostResponse,
  ReadBody,
  RevisionsResponse,
  ThreadListResponse,
  ThreadPageQuery,
  ThreadPageResponse,
} from './discussions.schemas.ts';
import { markReplays, postRateLimit as limitNewPosts } from './idempotent-submissions.ts';
import { createReply, editPost, listRevisions } from './posts.service.ts';
import { createThread, getThreadPage, listThreads, markThreadRead, markWeekRead } from './threads.service.ts';

export interface DiscussionRoutesOptions {
  postRateLimit: { max: number; windowMs: number };
}

const discussionsRoutes: FastifyPluginAsyncTypebox<DiscussionRoutesOptions> = async (app, options) => {
  // A replay of a stored or in-flight submission is marked first and not rate limited (idempotent-submissions.ts).
  const postRateLimit = limitNewPosts(options.postRateLimit);
  const replayFirst = markReplays(app.db);

  app.get(
    '/api/forums/:slug/weeks/:number/threads',
    {
      config: { access: 'public' },
      schema: { tags: ['discussions'], params: WeekParams, response: { 200: ThreadListResponse, ...errorResponses } },
    },
    async (request) => listThreads(app.db, request.params.slug, request.params.number, request.user, request.lang),
  );

  app.post(
    '/api/forums/:slug/weeks/:number/threads',
    {
      config: { access: 'user', rateLimit: postRateLimit },
      preHandler: replayFirst,
      schema: {
        tags: ['discussions'],
        params: WeekParams,
        body: NewThreadBody,
        response: { 201: NewThreadResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createThread(
        app.db,
        request.params.slug,
        request.params.number,
        requireUser(request),
        request.body,
      );
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/forums/:slug/weeks/:number/read',
    {
      config: { access: 'user' },
      schema: { tags: ['discussions'], params: WeekParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await markWeekRead(app.db, request.params.slug, request.params.number, requireUser(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/threads/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['discussions'],
        params: IdParams,
        querystring: ThreadPageQuery,
        response: { 200: ThreadPageResponse, ...errorResponses },
      },
    },
    async (request) => getThreadPage(app.db, request.params.id, request.query.page, request.user, request.lang),
  );

  app.post(
    '/api/threads/:id/posts',
    {
      config: { access: 'user', rateLimit: postRateLimit },
      preHandler: replayFirst,
      schema: {
        tags: ['discussions'],
        params: IdParams,
        body: NewReplyBody,
        response: { 201: PostResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const post = await createReply(app.db, requireUser(request), {
        ...request.body,
        parentId: request.body.parentId ?? null,
        threadId: request.params.id,
      });
      return reply.code(201).send({ post });
    },
  );

  app.put(
    '/api/threads/:id/read',
    {
      config: { access: 'user' },
      schema: {
        tags: ['discussions'],
        params: IdParams,
        body: ReadBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await markThreadRead(app.db, request.params.id, requireUser(request), request.body.lastReadPostId);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/api/posts/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['discussions'],
        params: IdParams,
        body: EditPostBody,
        response: { 200: PostResponse, ...errorResponses },
      },
    },
    async (request) => ({ post: await editPost(app.db, requireUser(request), request.params.id, request.body) }),
  );

  app.get(
    '/api/posts/:id/revisions',
    {
      config: { access: 'public' },
      schema: { tags: ['discussions'], params: IdParams, response: { 200: RevisionsResponse, ...errorResponses } },
    },
    async (request) => ({ revisions: await listRevisions(app.db, request.user, request.params.id) }),
  );
};

export default discussionsRoutes;
