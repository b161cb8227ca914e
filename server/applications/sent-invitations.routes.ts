// The organizers' list of invitations they sent, and revoking one. Access: signed in; the
// service requires an organizer of the forum (or a site admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { SentInvitationResponse, SentInvitationsResponse } from './invitations.schemas.ts';
import { listSentInvitations, revokeInvitation } from './sent-invitations.service.ts';

const sentInvitationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/sent-invitations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        response: { 200: SentInvitationsResponse, ...errorResponses },
      },
    },
    async (request) => ({ invitations: await listSentInvitations(app.db, request.params.slug, requireUser(request)) }),
  );

  app.post(
    '/api/forums/:slug/sent-invitations/:id/revoke',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: Type.Object({ slug: SlugParams.properties.slug, id: IdSchema }),
        response: { 200: SentInvitationResponse, ...errorResponses },
      },
    },
    async (request) => ({
      invitation: await revokeInvitation(app.db, request.params.slug, requireUser(request), request.params.id),
    }),
  );
};

export default sentInvitationsRoutes;
