// Moderation routes. Access: organizers of the post's forum (and site admins), checked by the
// service; reporting is open to every member.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdSchema, SafeText, VisibleText, IdParams } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import {
  AUDIT_PAGE_SIZE,
  auditLog,
  closeReport,
  dismissReport,
  hideReported,
  ownReports,
  reportPost,
  reportQueue,
  setHidden,
  updateThreadFlags,
} from './moderation.service.ts';
import { AuditResponse, OwnReportsResponse, ReportQueueResponse, ReportStatusFilter } from './moderation.schemas.ts';

const Reason = VisibleText({ maxLength: 500 });
const NoContent = { 204: Type.Null(), ...errorResponses };

const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch(
    '/api/threads/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        params: IdParams,
        body: Type.Object(
          { pinned: Type.Optional(Type.Boolean()), locked: Type.Optional(Type.Boolean()) },
          { minProperties: 1 },
        ),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await updateThreadFlags(app.db, requireUser(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/posts/:id/hide',
    {
      config: { access: 'user' },
      schema: { tags: ['moderation'], params: IdParams, body: Type.Object({ reason: Reason }), response: NoContent },
    },
    async (request, reply) => {
      await setHidden(app.db, requireUser(request), request.params.id, { reason: request.body.reason.trim() });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/posts/:id/unhide',
    {
      config: { access: 'user' },
      schema: { tags: ['moderation'], params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await setHidden(app.db, requireUser(request), request.params.id, null);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/posts/:id/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        params: IdParams,
        body: Type.Object({ reason: Reason }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await reportPost(app.db, requireUser(request), request.params.id, request.body.reason);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/forums/:slug/reports',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        params: SlugParams,
        querystring: Type.Object({ status: Type.Optional(ReportStatusFilter) }),
        response: { 200: ReportQueueResponse, ...errorResponses },
      },
    },
    async (request) => reportQueue(app.db, requireUser(request), request.params.slug, request.query.status ?? 'open'),
  );

  app.get(
    '/api/forums/:slug/reports/mine',
    {
      config: { access: 'user' },
      schema: { tags: ['moderation'], params: SlugParams, response: { 200: OwnReportsResponse, ...errorResponses } },
    },
    async (request) => ({ reports: await ownReports(app.db, requireUser(request), request.params.slug) }),
  );

  app.post(
    '/api/reports/:id/resolve',
    {
      config: { access: 'user' },
      schema: { tags: ['moderation'], params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await closeReport(app.db, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/reports/:id/dismiss',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        params: IdParams,
        body: Type.Object({ note: Type.Optional(SafeText({ maxLength: 500 })) }),
        response: NoContent,
      },
    },
    async (request, reply) => {
      await dismissReport(app.db, requireUser(request), request.params.id, request.body.note?.trim() || null);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/reports/:id/hide',
    {
      config: { access: 'user' },
      schema: { tags: ['moderation'], params: IdParams, body: Type.Object({ reason: Reason }), response: NoContent },
    },
    async (request, reply) => {
      await hideReported(app.db, requireUser(request), request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/forums/:slug/audit-log',
    {
      config: { access: 'user' },
      schema: {
        tags: ['moderation'],
        params: SlugParams,
        querystring: Type.Object({
          action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9_.]+$' })),
          actor: Type.Optional(IdSchema),
          before: Type.Optional(IdSchema),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: AUDIT_PAGE_SIZE })),
        }),
        response: { 200: AuditResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { action, actor, before, limit } = request.query;
      return auditLog(app.db, requireUser(request), request.params.slug, request.lang, {
        action,
        actorId: actor,
        beforeId: before,
        limit,
      });
    },
  );
};

export default moderationRoutes;
