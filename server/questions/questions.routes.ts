// Question routes. Access: asking needs a member who may write in the case study's week;
// marking answered, the addressed key respondent, the asker or an organizer; the lists follow
// the thread's read rule, "waiting" the caller's own membership, "overdue" organizers only —
// all checked by the services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParams } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { markReplays, postRateLimit as limitNewPosts } from '../discussions/idempotent-submissions.ts';
import {
  AskBody,
  AskResponse,
  CaseStudyQuestionsQuery,
  CaseStudyQuestionsResponse,
  MarkAnsweredBody,
  MarkResponse,
  QuestionListResponse,
} from './questions.schemas.ts';
import {
  askQuestion,
  listCaseStudyQuestions,
  questionsOverdue,
  questionsWaiting,
  setAnswered,
} from './questions.service.ts';

export interface QuestionRoutesOptions {
  postRateLimit: { max: number; windowMs: number };
}

const questionsRoutes: FastifyPluginAsyncTypebox<QuestionRoutesOptions> = async (app, options) => {
  // A question is a post: the same per-writer limit, which its replays skip.
  const postRateLimit = limitNewPosts(options.postRateLimit);

  app.post(
    '/api/case-studies/:id/questions',
    {
      config: { access: 'user', rateLimit: postRateLimit },
      preHandler: markReplays(app.db),
      schema: {
        tags: ['questions'],
        params: IdParams,
        body: AskBody,
        response: { 201: AskResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const post = await askQuestion(app.db, requireUser(request), request.params.id, request.body);
      return reply.code(201).send({ post });
    },
  );

  app.get(
    '/api/case-studies/:id/questions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['questions'],
        params: IdParams,
        querystring: CaseStudyQuestionsQuery,
        response: { 200: CaseStudyQuestionsResponse, ...errorResponses },
      },
    },
    async (request) =>
      listCaseStudyQuestions(app.db, request.user, request.params.id, request.query.state ?? 'all', request.lang),
  );

  app.post(
    '/api/posts/:id/answer',
    {
      config: { access: 'user' },
      schema: {
        tags: ['questions'],
        params: IdParams,
        body: MarkAnsweredBody,
        response: { 200: MarkResponse, ...errorResponses },
      },
    },
    async (request) => ({
      post: await setAnswered(app.db, requireUser(request), request.params.id, {
        answered: true,
        answerPostId: request.body.answerPostId,
      }),
    }),
  );

  app.delete(
    '/api/posts/:id/answer',
    {
      config: { access: 'user' },
      schema: { tags: ['questions'], params: IdParams, response: { 200: MarkResponse, ...errorResponses } },
    },
    async (request) => ({
      post: await setAnswered(app.db, requireUser(request), request.params.id, { answered: false }),
    }),
  );

  app.get(
    '/api/forums/:slug/questions/waiting',
    {
      config: { access: 'user' },
      schema: { tags: ['questions'], params: SlugParams, response: { 200: QuestionListResponse, ...errorResponses } },
    },
    async (request) => questionsWaiting(app.db, requireUser(request), request.params.slug, request.lang),
  );

  app.get(
    '/api/forums/:slug/questions/overdue',
    {
      config: { access: 'user' },
      schema: { tags: ['questions'], params: SlugParams, response: { 200: QuestionListResponse, ...errorResponses } },
    },
    async (request) => questionsOverdue(app.db, requireUser(request), request.params.slug, request.lang),
  );
};

export default questionsRoutes;
