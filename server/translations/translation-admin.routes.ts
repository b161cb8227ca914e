// Organizers' translation administration: the dashboard, the member list and appointing
// translators. Access: organizers of the forum (checked by the services).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { translationDashboard } from './dashboard.service.ts';
import { appointTranslator, listMembers } from './translators.service.ts';
import { DashboardResponse, MemberParams, MembersResponse, RolesResponse } from './translations.schemas.ts';

const translationAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/translation-dashboard',
    {
      config: { access: 'user' },
      schema: { tags: ['translations'], params: SlugParams, response: { 200: DashboardResponse, ...errorResponses } },
    },
    async (request) => translationDashboard(app.db, request.params.slug, requireUser(request)),
  );

  app.get(
    '/api/forums/:slug/members',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: SlugParams, response: { 200: MembersResponse, ...errorResponses } },
    },
    async (request) => ({ members: await listMembers(app.db, request.params.slug, requireUser(request)) }),
  );

  app.put(
    '/api/forums/:slug/translators/:userId',
    {
      config: { access: 'user' },
      schema: { tags: ['translations'], params: MemberParams, response: { 200: RolesResponse, ...errorResponses } },
    },
    async (request) => ({
      roles: await appointTranslator(app.db, request.params.slug, requireUser(request), request.params.userId, true),
    }),
  );

  app.delete(
    '/api/forums/:slug/translators/:userId',
    {
      config: { access: 'user' },
      schema: { tags: ['translations'], params: MemberParams, response: { 200: RolesResponse, ...errorResponses } },
    },
    async (request) => ({
      roles: await appointTranslator(app.db, request.params.slug, requireUser(request), request.params.userId, false),
    }),
  );
};

export default translationAdminRoutes;
