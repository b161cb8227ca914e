// Privacy routes: a person's data export (at once or in the background) and its downloads, the
// erasure of an account by its owner or on request by an organizer or admin, and the legal texts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Lang } from '../db/schema.ts';
import { ErrorSchema, errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { contentDisposition } from '../attachments/attachment-download.ts';
import { clearSessionCookie } from '../auth/session-cookie.ts';
import { legalText } from '../auth/legal-texts.ts';
import {
  listExports,
  readExport,
  requestExport,
  type ExportSettings,
  type PersonalDataExport,
} from './data-export.service.ts';
import { renderExportHtml } from './data-export-html.ts';
import { eraseAccount } from './erasure.service.ts';
import {
  ErasedResponse,
  ErasureBody,
  ErasureParams,
  ExportListResponse,
  ExportParams,
  ExportQuery,
  ExportQueuedResponse,
  LegalParams,
  LegalQuery,
  LegalTextSchema,
  PersonalDataExportSchema,
} from './privacy.schemas.ts';

const HtmlPage = Type.String();
const downloadResponses = { ...errorResponses, 410: ErrorSchema };

const privacyRoutes: FastifyPluginAsyncTypebox<ExportSettings> = async (app, settings) => {
  /** The export as a download: JSON for machines, or the readable page in the person's language. */
  const sendExport = (
    reply: FastifyReply,
    document: PersonalDataExport,
    format: 'json' | 'html',
    person: { interfaceLang: Lang; timeZone: string },
  ) => {
    const day = document.generatedAt.slice(0, 10);
    reply.header('cache-control', 'private, no-store');
    if (format === 'html') {
      reply.header('content-type', 'text/html; charset=utf-8');
      reply.header('content-disposition', contentDisposition('attachment', `tertulia-my-data-${day}.html`));
      return reply.send(renderExportHtml(document, person.interfaceLang, person.timeZone));
    }
    reply.header('content-disposition', contentDisposition('attachment', `tertulia-my-data-${day}.json`));
    return reply.send(document);
  };

  app.get(
    '/api/me/export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['privacy'],
        querystring: ExportQuery,
        response: {
          200: Type.Union([PersonalDataExportSchema, HtmlPage]),
          202: ExportQueuedResponse,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const result = await requestExport(app.db, user.id, user.interfaceLang, settings);
      if ('queued' in result) {
        app.dataExportJobs.wake();
        return reply.code(202).send({ export: result.queued });
      }
      return sendExport(reply, result.ready, request.query.format ?? 'json', user);
    },
  );

  app.get(
    '/api/me/exports',
    {
      config: { access: 'user' },
      schema: { tags: ['privacy'], response: { 200: ExportListResponse, ...errorResponses } },
    },
    async (request) => ({ exports: await listExports(app.db, requireUser(request).id) }),
  );

  app.get(
    '/api/me/exports/:exportId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['privacy'],
        params: ExportParams,
        querystring: ExportQuery,
        response: { 200: Type.Union([PersonalDataExportSchema, HtmlPage]), ...downloadResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const document = await readExport(app.db, user.id, request.params.exportId);
      return sendExport(reply, document, request.query.format ?? 'json', user);
    },
  );

  app.delete(
    '/api/me',
    {
      config: { access: 'user' },
      schema: { tags: ['privacy'], body: ErasureBody, response: { 200: ErasedResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await eraseAccount(app.db, {
        userId: user.id,
        posts: request.body.posts,
        actor: user,
        password: request.body.password,
        lang: request.lang,
      });
      // This instance closes the account's sockets now; the others when the access event reaches them.
      app.liveHub.endUserSessions(user.id);
      clearSessionCookie(reply);
      return { status: 'erased' as const };
    },
  );

  app.post(
    '/api/users/:userId/erasure',
    {
      config: { access: 'user' },
      schema: {
        tags: ['privacy'],
        params: ErasureParams,
        body: ErasureBody,
        response: { 200: ErasedResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const { userId } = request.params;
      await eraseAccount(app.db, {
        userId,
        posts: request.body.posts,
        actor,
        password: request.body.password,
        lang: request.lang,
      });
      app.liveHub.endUserSessions(userId);
      return { status: 'erased' as const };
    },
  );

  app.get(
    '/api/legal/:document',
    {
      config: { access: 'public' },
      schema: {
        tags: ['privacy'],
        params: LegalParams,
        querystring: LegalQuery,
        response: { 200: LegalTextSchema, ...errorResponses },
      },
    },
    async (request) => {
      const text = legalText(request.params.document, request.query.lang ?? request.lang);
      return { document: text.document, lang: text.lang, version: text.version, title: text.title, html: text.html };
    },
  );
};

export default privacyRoutes;
