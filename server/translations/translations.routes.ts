// Translation routes. Access: the queue, claims, drafts and publishing belong to the forum's
// translators and organizers; an author may translate their own post. Checked by the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTimeSchema, errorResponses, HtmlSchema, LangSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { Body, IdParams } from '../discussions/discussions.schemas.ts';
import { SlugParams } from '../forums/forums.schemas.ts';
import { claim, listQueue, publish, release, saveTaskDraft, translateOwnPost } from './translations.service.ts';

const Kind = Type.Union([Type.Literal('post'), Type.Literal('thread_title')]);
const Task = Type.Object({
  id: Type.Integer(), kind: Kind, itemId: Type.Integer(), threadId: Type.Union([Type.Integer(), Type.Null()]),
  weekNumber: Type.Union([Type.Integer(), Type.Null()]), sourceLang: LangSchema, targetLang: LangSchema, sourceRevision: Type.Integer(),
  source: HtmlSchema,
  status: Type.Union([Type.Literal('open'), Type.Literal('claimed'), Type.Literal('published'), Type.Literal('withdrawn'), Type.Literal('superseded')]),
  claimedBy: Type.Union([Type.Object({ id: Type.Integer(), displayName: Type.String() }), Type.Null()]),
  claimExpiresAt: Type.Union([DateTimeSchema, Type.Null()]),
  dueAt: DateTimeSchema, overdue: Type.Boolean(), createdAt: DateTimeSchema,
});
const Claim = Type.Object({ claimExpiresAt: DateTimeSchema });
const NoContent = { 204: Type.Null(), ...errorResponses };

const translationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/forums/:slug/translation-tasks', {
    config: { access: 'user' },
    schema: {
      tags: ['translations'], params: SlugParams,
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('claimed'), Type.Literal('mine'), Type.Literal('published')])),
        source: Type.Optional(LangSchema), target: Type.Optional(LangSchema),
        week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })), kind: Type.Optional(Kind),
      }),
      response: { 200: Type.Object({ tasks: Type.Array(Task) }), ...errorResponses },
    },
  }, async (request) => {
    const { status, source, target, week, kind } = request.query;
    return { tasks: await listQueue(app.db, request.params.slug, requireUser(request), { status, sourceLang: source, targetLang: target, weekNumber: week, kind }) };
  });

  app.post('/api/translation-tasks/:id/claim', {
    config: { access: 'user' },
    schema: { tags: ['translations'], params: IdParams, response: { 200: Claim, ...errorResponses } },
  }, async (request) => claim(app.db, request.params.id, requireUser(request)));

  app.post('/api/translation-tasks/:id/release', {
    config: { access: 'user' },
    schema: { tags: ['translations'], params: IdParams, response: NoContent },
  }, async (request, reply) => {
    await release(app.db, request.params.id, requireUser(request));
    return reply.code(204).send(null);
  });

  app.put('/api/translation-tasks/:id/draft', {
    config: { access: 'user' },
    schema: { tags: ['translations'], params: IdParams, body: Type.Object({ bodyMd: Type.String({ maxLength: 50_000 }) }), response: { 200: Claim, ...errorResponses } },
  }, async (request) => saveTaskDraft(app.db, request.params.id, requireUser(request), request.body.bodyMd));

  app.post('/api/translation-tasks/:id/publish', {
    config: { access: 'user' },
    schema: { tags: ['translations'], params: IdParams, body: Type.Object({ bodyMd: Body }), response: NoContent },
  }, async (request, reply) => {
    await publish(app.db, request.params.id, requireUser(request), request.body.bodyMd);
    return reply.code(204).send(null);
  });

  app.post('/api/posts/:id/translations', {
    config: { access: 'user' },
    schema: { tags: ['translations'], params: IdParams, body: Type.Object({ targetLang: LangSchema, bodyMd: Body }), response: NoContent },
  }, async (request, reply) => {
    await translateOwnPost(app.db, request.params.id, requireUser(request), request.body.targetLang, request.body.bodyMd);
    return reply.code(204).send(null);
  });
};

export default translationsRoutes;
