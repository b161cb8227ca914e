// Organizer routes of the cohort: the filtered list with counts, one application, decisions
// one at a time or in bulk. (The call's limits and deadline are forum settings:
// PATCH /api/forums/:slug/settings.) Access: signed in; the service requires an
// organizer of the forum (or a site admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import {
  ApplicationListResponse,
  ApplicationParams,
  ApplicationResponse,
  BulkDecisionBody,
  BulkDecisionResponse,
  DecisionBody,
  ListQuery,
  ReviewedApplicationResponse,
} from './applications.schemas.ts';
import { decide, decideMany, reviewList, reviewOne } from './review.service.ts';

const reviewRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, options) => {
  app.get(
    '/api/forums/:slug/applications',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        querystring: ListQuery,
        response: { 200: ApplicationListResponse, ...errorResponses },
      },
    },
    async (request) => reviewList(app.db, request.params.slug, requireUser(request), request.query),
  );

  app.get(
    '/api/forums/:slug/applications/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: ApplicationParams,
        response: { 200: ReviewedApplicationResponse, ...errorResponses },
      },
    },
    async (request) => ({
      application: await reviewOne(app.db, request.params.slug, requireUser(request), request.params.id),
    }),
  );

  app.post(
    '/api/forums/:slug/applications/:id/decision',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: ApplicationParams,
        body: DecisionBody,
        response: { 200: ApplicationResponse, ...errorResponses },
      },
    },
    async (request) => ({
      application: await decide(
        app.db,
        request.params.slug,
        requireUser(request),
        request.params.id,
        request.body,
        options.publicUrl,
      ),
    }),
  );

  app.post(
    '/api/forums/:slug/applications/decisions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: BulkDecisionBody,
        response: { 200: BulkDecisionResponse, ...errorResponses },
      },
    },
    async (request) =>
      decideMany(app.db, request.params.slug, requireUser(request), request.body.ids, request.body, options.publicUrl),
  );
};

export default reviewRoutes;
