// Translation queue and editor routes. Access: the forum's translators and organizers
// (reassigning and requesting extra translations: organizers); an author may translate their
// own post. The services check the forum role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, IdParams } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { approve, publish, reject, requestTranslation, translateOwnPost } from './publishing.service.ts';
import { claim, listQueue, reassign, release, saveTaskDraft, skip, taskDetail } from './queue.service.ts';
import {
  ApproveBody,
  ClaimResponse,
  DraftBody,
  OwnTranslationBody,
  PublishResponse,
  QueueQuery,
  QueueResponse,
  ReassignBody,
  RequestBody,
  TaskDetailResponse,
  TranslationBody,
} from './translations.schemas.ts';

const NoContent = { 204: Type.Null(), ...errorResponses };
const tags = ['translations'];

const translationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/translation-tasks',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SlugParams,
        querystring: QueueQuery,
        response: { 200: QueueResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { status, source, target, week, kind } = request.query;
      const filter = { status, sourceLang: source, targetLang: target, weekNumber: week, kind };
      return { tasks: await listQueue(app.db, request.params.slug, requireUser(request), filter) };
    },
  );

  app.get(
    '/api/translation-tasks/:id',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: { 200: TaskDetailResponse, ...errorResponses } },
    },
    async (request) => ({ task: await taskDetail(app.db, request.params.id, requireUser(request)) }),
  );

  app.post(
    '/api/translation-tasks/:id/claim',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: { 200: ClaimResponse, ...errorResponses } },
    },
    async (request) => claim(app.db, request.params.id, requireUser(request)),
  );

  app.post(
    '/api/translation-tasks/:id/release',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await release(app.db, request.params.id, requireUser(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/translation-tasks/:id/skip',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await skip(app.db, request.params.id, requireUser(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/translation-tasks/:id/reassign',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: ReassignBody, response: NoContent },
    },
    async (request, reply) => {
      await reassign(app.db, request.params.id, requireUser(request), request.body.userId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/translation-tasks/:id/draft',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: DraftBody, response: { 200: ClaimResponse, ...errorResponses } },
    },
    async (request) => saveTaskDraft(app.db, request.params.id, requireUser(request), request.body.bodyMd),
  );

  app.post(
    '/api/translation-tasks/:id/publish',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: TranslationBody, response: { 200: PublishResponse, ...errorResponses } },
    },
    async (request) => ({
      status: await publish(app.db, request.params.id, requireUser(request), request.body.bodyMd),
    }),
  );

  app.post(
    '/api/translation-tasks/:id/approve',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: ApproveBody, response: NoContent },
    },
    async (request, reply) => {
      await approve(app.db, request.params.id, requireUser(request), request.body.bodyMd);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/translation-tasks/:id/reject',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: NoContent },
    },
    async (request, reply) => {
      await reject(app.db, request.params.id, requireUser(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/posts/:id/translations',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: OwnTranslationBody, response: NoContent },
    },
    async (request, reply) => {
      await translateOwnPost(
        app.db,
        request.params.id,
        requireUser(request),
        request.body.targetLang,
        request.body.bodyMd,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/translation-requests',
    {
      config: { access: 'user' },
      schema: {
        tags,
        body: RequestBody,
        response: { 201: Type.Object({ taskId: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const taskId = await requestTranslation(app.db, requireUser(request), {
        itemType: request.body.kind,
        itemId: request.body.itemId,
        targetLang: request.body.targetLang,
      });
      return reply.code(201).send({ taskId });
    },
  );
};

export default translationsRoutes;
