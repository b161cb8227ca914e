// Invitation and reconfirmation routes. Access: sending invitations, asking to reconfirm,
// reminding and following answers are for the forum's organizers (checked by the service);
// an invitation or reconfirmation link works for whoever holds it, without signing in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { setSessionCookie } from '../auth/session-cookie.ts';
import { createSession, generateSessionToken } from '../auth/session.ts';
import { errorResponses, IdSchema, LangSchema, SafeText } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { callerLang } from '../plugins/language.plugin.ts';
import { InvitationRole, NewAccount } from './applications.schemas.ts';
import { ConsentChoiceSchema } from '../consent/consent.schemas.ts';
import {
  AcceptInvitationResponse,
  Answer,
  InvitationViewResponse,
  InviteResponse,
  PendingReconfirmationsResponse,
  ReconfirmationAnswerResponse,
  ReconfirmationLinkResponse,
  ReconfirmationSentResponse,
  ReconfirmationStatusResponse,
  RemindResponse,
  Token,
} from './invitations.schemas.ts';
import { acceptInvitation, invite, showInvitation } from './invitations.service.ts';
import {
  answerByLink,
  answerSignedIn,
  describeLink,
  pendingForMe,
  reconfirmationStatus,
  remindUnanswered,
  requestReconfirmation,
} from './reconfirmation.service.ts';

const InvitationParams = Type.Object({ slug: SlugParams.properties.slug, token: Token });

const invitationsRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string; secureCookies: boolean }> = async (
  app,
  options,
) => {
  app.post(
    '/api/forums/:slug/invitations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: Type.Object({
          email: Type.String({ format: 'email', maxLength: 254 }),
          role: InvitationRole,
          week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
          lang: LangSchema,
        }),
        response: {
          200: InviteResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => invite(app.db, request.params.slug, requireUser(request), request.body, options.publicUrl),
  );

  app.get(
    '/api/forums/:slug/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['applications'],
        params: InvitationParams,
        response: {
          200: InvitationViewResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => showInvitation(app.db, request.params.slug, request.params.token),
  );

  app.post(
    '/api/forums/:slug/invitations/:token/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['applications'],
        params: InvitationParams,
        body: Type.Object({
          account: Type.Optional(
            Type.Object({
              displayName: NewAccount.properties.displayName,
              password: NewAccount.properties.password,
              interfaceLang: LangSchema,
              timeZone: NewAccount.properties.timeZone,
              acceptTerms: NewAccount.properties.acceptTerms,
            }),
          ),
          /** Asked on the invitation page as on the application form; absent leaves the member unanswered. */
          publicationConsent: Type.Optional(ConsentChoiceSchema),
        }),
        response: { 200: AcceptInvitationResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId, created } = await acceptInvitation(
        app.db,
        request.params.slug,
        request.params.token,
        request.user ?? null,
        request.body.account,
        request.body.publicationConsent,
      );
      if (created) {
        // The link proved the address: the new account is signed in at once.
        const token = generateSessionToken();
        const session = await createSession(app.db, token, userId);
        setSessionCookie(request, reply, token, session.expiresAt, options.secureCookies);
      }
      return { forumSlug: request.params.slug };
    },
  );

  app.post(
    '/api/forums/:slug/reconfirmations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: Type.Object({ message: SafeText({ maxLength: 2000 }) }),
        response: { 201: ReconfirmationSentResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await requestReconfirmation(
            app.db,
            request.params.slug,
            requireUser(request),
            request.body.message.trim(),
            options.publicUrl,
          ),
        ),
  );

  app.get(
    '/api/forums/:slug/reconfirmations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        response: {
          200: ReconfirmationStatusResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => reconfirmationStatus(app.db, request.params.slug, requireUser(request)),
  );

  app.post(
    '/api/forums/:slug/reconfirmations/:id/remind',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: Type.Object({ slug: SlugParams.properties.slug, id: IdSchema }),
        response: { 200: RemindResponse, ...errorResponses },
      },
    },
    async (request) =>
      remindUnanswered(app.db, request.params.slug, requireUser(request), request.params.id, options.publicUrl),
  );

  app.post(
    '/api/forums/:slug/reconfirmations/answer',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: Type.Object({ answer: Answer }),
        response: { 200: ReconfirmationAnswerResponse, ...errorResponses },
      },
    },
    async (request) => answerSignedIn(app.db, request.params.slug, requireUser(request), request.body.answer),
  );

  // The page an emailed link opens reads this first; only its button's POST answers.
  app.get(
    '/api/reconfirmations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['applications'],
        params: Type.Object({ token: Token }),
        response: {
          200: ReconfirmationLinkResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => describeLink(app.db, request.params.token, callerLang(request)),
  );

  app.post(
    '/api/reconfirmations/answer',
    {
      config: { access: 'public' },
      schema: {
        tags: ['applications'],
        body: Type.Object({ token: Token, answer: Answer }),
        response: { 200: ReconfirmationAnswerResponse, ...errorResponses },
      },
    },
    async (request) => answerByLink(app.db, request.body.token, request.body.answer),
  );

  app.get(
    '/api/me/reconfirmations',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        response: {
          200: PendingReconfirmationsResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => ({ pending: await pendingForMe(app.db, requireUser(request)) }),
  );
};

export default invitationsRoutes;
