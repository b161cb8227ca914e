// Moderation routes. Access: organizers of the post's forum (and site admins), checked by the
// service; reporting is open to every member.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTimeSchema, errorResponses, LangSchema, VisibleText } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { IdParams } from '../discussions/discussions.schemas.ts';
import { SlugParams } from '../forums/forums.schemas.ts';
import { auditLog, closeReport, openReports, reportPost, setHidden, updateThreadFlags } from './moderation.service.ts';

const Reason = VisibleText({ maxLength: 500 });
const NoContent = { 204: Type.Null(), ...errorResponses };

const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.patch('/api/threads/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['moderation'], params: IdParams,
      body: Type.Object({ pinned: Type.Optional(Type.Boolean()), locked: Type.Optional(Type.Boolean()) }, { minProperties: 1 }),
      response: NoContent,
    },
  }, async (request, reply) => {
    await updateThreadFlags(app.db, requireUser(request), request.params.id, request.body);
    return reply.code(204).send(null);
  });

  app.post('/api/posts/:id/hide', {
    config: { access: 'user' },
    schema: { tags: ['moderation'], params: IdParams, body: Type.Object({ reason: Reason }), response: NoContent },
  }, async (request, reply) => {
    await setHidden(app.db, requireUser(request), request.params.id, { reason: request.body.reason.trim() });
    return reply.code(204).send(null);
  });

  app.post('/api/posts/:id/unhide', {
    config: { access: 'user' },
    schema: { tags: ['moderation'], params: IdParams, response: NoContent },
  }, async (request, reply) => {
    await setHidden(app.db, requireUser(request), request.params.id, null);
    return reply.code(204).send(null);
  });

  app.post('/api/posts/:id/reports', {
    config: { access: 'user' },
    schema: { tags: ['moderation'], params: IdParams, body: Type.Object({ reason: Reason }), response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses } },
  }, async (request, reply) => {
    const id = await reportPost(app.db, requireUser(request), request.params.id, request.body.reason);
    return reply.code(201).send({ id });
  });

  app.get('/api/forums/:slug/reports', {
    config: { access: 'user' },
    schema: {
      tags: ['moderation'], params: SlugParams,
      response: {
        200: Type.Object({
          reports: Type.Array(Type.Object({
            id: Type.Integer(), reason: Type.String(), createdAt: DateTimeSchema, reporterName: Type.String(),
            post: Type.Object({ id: Type.Integer(), threadId: Type.Integer(), threadTitle: Type.String(), authorName: Type.String(), lang: LangSchema, html: Type.String(), hidden: Type.Boolean() }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => ({ reports: await openReports(app.db, requireUser(request), request.params.slug) }));

  app.post('/api/reports/:id/resolve', {
    config: { access: 'user' },
    schema: { tags: ['moderation'], params: IdParams, response: NoContent },
  }, async (request, reply) => {
    await closeReport(app.db, requireUser(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/forums/:slug/audit-log', {
    config: { access: 'user' },
    schema: {
      tags: ['moderation'], params: SlugParams,
      response: {
        200: Type.Object({
          entries: Type.Array(Type.Object({
            id: Type.Integer(), action: Type.String(), targetType: Type.String(), targetId: Type.Integer(),
            reason: Type.Union([Type.String(), Type.Null()]), actorName: Type.String(), createdAt: DateTimeSchema,
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => ({ entries: await auditLog(app.db, requireUser(request), request.params.slug) }));
};

export default moderationRoutes;
