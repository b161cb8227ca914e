// Account recovery routes: ask for a reset link, then use it to set a new password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { UserResponse } from './auth.schemas.ts';
import {
  PasswordResetBody,
  PasswordResetConfirmBody,
  PasswordResetRequestedResponse,
} from './password-reset.schemas.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.ts';
import { setSessionCookie } from './session-cookie.ts';
import { validateSessionToken } from './session.ts';

export interface PasswordResetRoutesOptions {
  secureCookies: boolean;
  rateLimit: { max: number; windowMs: number };
  /** The site's address as readers reach it, for the link in the email. */
  publicUrl: string;
  /** No mail server: the link is also logged (at info) for a developer to follow. */
  logResetLinks: boolean;
  /**
   * Every request answers no sooner than this, so the time taken does not tell a known
   * address (a transaction and a queued mail) from an unknown one (one lookup).
   */
  requestFloorMs?: number;
}

const DEFAULT_FLOOR_MS = 250;

const passwordResetRoutes: FastifyPluginAsyncTypebox<PasswordResetRoutesOptions> = async (app, options) => {
  const rateLimit = { max: options.rateLimit.max, timeWindow: options.rateLimit.windowMs };
  const floorMs = options.requestFloorMs ?? DEFAULT_FLOOR_MS;

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags: ['auth'],
        body: PasswordResetBody,
        response: { 202: PasswordResetRequestedResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const started = performance.now();
      const link = await requestPasswordReset(app.db, request.body.email, options.publicUrl);
      if (link && options.logResetLinks)
        request.log.info({ resetUrl: link }, 'password reset link (no SMTP_URL: the email stays in the outbox)');
      const wait = floorMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return reply.code(202).send({ status: 'requested' as const });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimit },
      schema: { tags: ['auth'], body: PasswordResetConfirmBody, response: { 200: UserResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { userId, token, session } = await confirmPasswordReset(app.db, request.body.token, request.body.password);
      // This instance closes the account's sockets now; the others when the access event reaches them.
      app.liveHub.endUserSessions(userId);
      setSessionCookie(request, reply, token, session.expiresAt, options.secureCookies);
      const { user } = await validateSessionToken(app.db, token);
      return { user: user! };
    },
  );
};

export default passwordResetRoutes;
