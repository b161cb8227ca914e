// Routes of the call for participation. Access: the call and one's own application are public
// (a visitor applies and opens an account in the same request); editing, withdrawing and
// opting in need a signed-in applicant or member, checked by the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import {
  ApplicationFields,
  ApplicationResponse,
  ApplyBody,
  ApplyResponse,
  CheckEmailResponse,
  EngagementResponse,
  MyApplicationsResponse,
  OwnApplicationResponse,
} from './applications.schemas.ts';
import {
  apply,
  editApplication,
  myApplications,
  ownApplication,
  setEngagement,
  withdrawApplication,
} from './applications.service.ts';

export interface CohortRoutesOptions {
  publicUrl: string;
  /** Applications per IP per window (a visitor's application opens an account). */
  rateLimit: { max: number; windowMs: number };
}

const applicationsRoutes: FastifyPluginAsyncTypebox<CohortRoutesOptions> = async (app, options) => {
  app.get(
    '/api/forums/:slug/application',
    {
      config: { access: 'public' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        response: { 200: OwnApplicationResponse, ...errorResponses },
      },
    },
    async (request) => ownApplication(app.db, request.params.slug, request.user ?? null),
  );

  app.post(
    '/api/forums/:slug/application',
    {
      config: { access: 'public', rateLimit: { max: options.rateLimit.max, timeWindow: options.rateLimit.windowMs } },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: ApplyBody,
        response: { 201: ApplyResponse, 202: CheckEmailResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await apply(
        app.db,
        request.params.slug,
        { user: request.user ?? null, lang: request.lang },
        request.body,
        options.publicUrl,
      );
      return result.status === 'applied' ? reply.code(201).send(result) : reply.code(202).send(result);
    },
  );

  app.put(
    '/api/forums/:slug/application',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: ApplicationFields,
        response: { 200: ApplicationResponse, ...errorResponses },
      },
    },
    async (request) => ({
      application: await editApplication(app.db, request.params.slug, requireUser(request), request.body),
    }),
  );

  app.post(
    '/api/forums/:slug/application/withdraw',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        response: { 200: ApplicationResponse, ...errorResponses },
      },
    },
    async (request) => ({ application: await withdrawApplication(app.db, request.params.slug, requireUser(request)) }),
  );

  app.put(
    '/api/forums/:slug/engagement',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: Type.Object({ optedIn: Type.Boolean() }),
        response: { 200: EngagementResponse, ...errorResponses },
      },
    },
    async (request) => ({
      optedIn: await setEngagement(app.db, request.params.slug, requireUser(request), request.body.optedIn),
    }),
  );

  app.get(
    '/api/me/applications',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        response: {
          200: MyApplicationsResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => ({ applications: await myApplications(app.db, requireUser(request)) }),
  );
};

export default applicationsRoutes;
