// The organizers' list of invitations they sent, and revoking one. Access: signed in; the
// service requires an organizer of the forum (or a site admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTimeSchema, errorResponses, IdSchema, LangSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { InvitationRole } from './applications.schemas.ts';
import { listSentInvitations, revokeInvitation } from './sent-invitations.service.ts';

const SentInvitation = Type.Object({
  id: IdSchema,
  email: Type.String(),
  role: InvitationRole,
  week: Type.Union([Type.Integer(), Type.Null()]),
  lang: LangSchema,
  sentAt: DateTimeSchema,
  expiresAt: DateTimeSchema,
  status: Type.Union([Type.Literal('pending'), Type.Literal('used'), Type.Literal('expired'), Type.Literal('revoked')]),
});

const sentInvitationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/forums/:slug/sent-invitations', {
    config: { access: 'user' },
    schema: { tags: ['applications'], params: SlugParams, response: { 200: Type.Object({ invitations: Type.Array(SentInvitation) }), ...errorResponses } },
  }, async (request) => ({ invitations: await listSentInvitations(app.db, request.params.slug, requireUser(request)) }));

  app.post('/api/forums/:slug/sent-invitations/:id/revoke', {
    config: { access: 'user' },
    schema: {
      tags: ['applications'], params: Type.Object({ slug: SlugParams.properties.slug, id: IdSchema }),
      response: { 200: Type.Object({ invitation: SentInvitation }), ...errorResponses },
    },
  }, async (request) => ({ invitation: await revokeInvitation(app.db, request.params.slug, requireUser(request), request.params.id) }));
};

export default sentInvitationsRoutes;
