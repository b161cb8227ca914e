// Case study routes. Access: writing needs a signed-in caller, and the services decide the rest
// (the week's key respondent writes and submits; organizers review); reading follows the
// case study's rule (author and organizers always, others once published and the week readable).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import {
  CaseStudyListQuery,
  CaseStudyListResponse,
  CaseStudyOnlyResponse,
  CaseStudyParams,
  CaseStudyReadResponse,
  CaseStudyResponse,
  CaseStudyRevisionsResponse,
  EditCaseStudyBody,
  MyCaseStudiesResponse,
  NewCaseStudyBody,
  RequestChangesBody,
} from './case-studies.schemas.ts';
import {
  approveCaseStudy,
  createCaseStudy,
  editCaseStudy,
  getCaseStudy,
  listCaseStudyRevisions,
  listForReview,
  listMine,
  requestChanges,
  submitCaseStudy,
  withdrawCaseStudy,
} from './case-studies.service.ts';

const tags = ['case-studies'];

const caseStudiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/case-studies',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SlugParams,
        querystring: CaseStudyListQuery,
        response: { 200: CaseStudyListResponse, ...errorResponses },
      },
    },
    async (request) => ({
      caseStudies: await listForReview(app.db, request.params.slug, requireUser(request), request.query.status, {
        user: request.user,
        lang: request.lang,
      }),
    }),
  );

  app.get(
    '/api/forums/:slug/case-studies/mine',
    {
      config: { access: 'user' },
      schema: { tags, params: SlugParams, response: { 200: MyCaseStudiesResponse, ...errorResponses } },
    },
    async (request) =>
      listMine(app.db, request.params.slug, requireUser(request), { user: request.user, lang: request.lang }),
  );

  app.post(
    '/api/forums/:slug/case-studies',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SlugParams,
        body: NewCaseStudyBody,
        response: { 201: CaseStudyResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createCaseStudy(app.db, request.params.slug, requireUser(request), request.body, {
        user: request.user,
        lang: request.lang,
      });
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/case-studies/:id',
    {
      config: { access: 'public' },
      schema: { tags, params: CaseStudyParams, response: { 200: CaseStudyReadResponse, ...errorResponses } },
    },
    async (request) => getCaseStudy(app.db, request.params.id, { user: request.user, lang: request.lang }),
  );

  app.put(
    '/api/case-studies/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: CaseStudyParams,
        body: EditCaseStudyBody,
        response: { 200: CaseStudyResponse, ...errorResponses },
      },
    },
    async (request) =>
      editCaseStudy(app.db, request.params.id, requireUser(request), request.body, {
        user: request.user,
        lang: request.lang,
      }),
  );

  app.post(
    '/api/case-studies/:id/submit',
    {
      config: { access: 'user' },
      schema: { tags, params: CaseStudyParams, response: { 200: CaseStudyOnlyResponse, ...errorResponses } },
    },
    async (request) =>
      submitCaseStudy(app.db, request.params.id, requireUser(request), { user: request.user, lang: request.lang }),
  );

  app.post(
    '/api/case-studies/:id/withdraw',
    {
      config: { access: 'user' },
      schema: { tags, params: CaseStudyParams, response: { 200: CaseStudyOnlyResponse, ...errorResponses } },
    },
    async (request) =>
      withdrawCaseStudy(app.db, request.params.id, requireUser(request), { user: request.user, lang: request.lang }),
  );

  app.post(
    '/api/case-studies/:id/request-changes',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: CaseStudyParams,
        body: RequestChangesBody,
        response: { 200: CaseStudyOnlyResponse, ...errorResponses },
      },
    },
    async (request) =>
      requestChanges(app.db, request.params.id, requireUser(request), request.body.comment, {
        user: request.user,
        lang: request.lang,
      }),
  );

  app.post(
    '/api/case-studies/:id/approve',
    {
      config: { access: 'user' },
      schema: { tags, params: CaseStudyParams, response: { 200: CaseStudyOnlyResponse, ...errorResponses } },
    },
    async (request) =>
      approveCaseStudy(app.db, request.params.id, requireUser(request), { user: request.user, lang: request.lang }),
  );

  app.get(
    '/api/case-studies/:id/revisions',
    {
      config: { access: 'public' },
      schema: { tags, params: CaseStudyParams, response: { 200: CaseStudyRevisionsResponse, ...errorResponses } },
    },
    async (request) => ({ revisions: await listCaseStudyRevisions(app.db, request.params.id, request.user) }),
  );
};

export default caseStudiesRoutes;
