// Account routes: register, verify the email, sign in and out, read and edit one's own profile.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { registerUser, signIn, signOut, updateProfile, verifyEmail } from './auth.service.ts';
import {
  MeResponse,
  ProfileBody,
  RegisterBody,
  RegisteredResponse,
  SignInBody,
  UserResponse,
  VerifyEmailBody,
} from './auth.schemas.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import { validateSessionToken } from './session.ts';

export interface AuthRoutesOptions {
  secureCookies: boolean;
  rateLimit: { max: number; windowMs: number };
  /** The site's address as readers reach it, for the link in the verification email. */
  publicUrl: string;
  /**
   * No mail server yet: the verification link is also logged (at info), so a developer can follow
   * it. The outbox row is written either way.
   */
  logVerificationLinks: boolean;
}

const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const rateLimit = { max: options.rateLimit.max, timeWindow: options.rateLimit.windowMs };

  app.post(
    '/api/auth/register',
    {
      config: { access: 'public', rateLimit },
      schema: { tags: ['auth'], body: RegisterBody, response: { 202: RegisteredResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const verifyUrl = await registerUser(app.db, request.body, options.publicUrl);
      if (verifyUrl && options.logVerificationLinks)
        request.log.info({ verifyUrl }, 'verification link (no SMTP_URL: the email stays in the outbox)');
      return reply.code(202).send({ status: 'registered' as const });
    },
  );

  app.post(
    '/api/auth/verify-email',
    {
      config: { access: 'public', rateLimit },
      schema: { tags: ['auth'], body: VerifyEmailBody, response: { 200: UserResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { token, session } = await verifyEmail(app.db, request.body.token);
      setSessionCookie(request, reply, token, session.expiresAt, options.secureCookies);
      const { user } = await validateSessionToken(app.db, token);
      return { user: user! };
    },
  );

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public', rateLimit },
      schema: { tags: ['auth'], body: SignInBody, response: { 200: UserResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const { token, session } = await signIn(app.db, request.body.email, request.body.password);
      setSessionCookie(request, reply, token, session.expiresAt, options.secureCookies);
      const { user } = await validateSessionToken(app.db, token);
      return { user: user! };
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], response: { 204: { type: 'null' }, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.session) {
        await signOut(app.db, request.session);
        // This instance closes its sockets on the session now; the others when the event reaches them.
        app.liveHub.endSession(request.sessionToken!);
      }
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], response: { 200: MeResponse, ...errorResponses } },
    },
    async (request) => ({ user: request.user ?? null }),
  );

  app.patch(
    '/api/me',
    {
      config: { access: 'user' },
      schema: { tags: ['auth'], body: ProfileBody, response: { 200: UserResponse, ...errorResponses } },
    },
    async (request) => {
      const user = requireUser(request);
      await updateProfile(app.db, user.id, user, request.body);
      const { user: updated } = await validateSessionToken(app.db, request.sessionToken!);
      return { user: updated! };
    },
  );
};

export default authRoutes;
