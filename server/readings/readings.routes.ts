// Reading routes: the organizers' editor for a week's readings (list, add, edit, reorder,
// unpublish, republish) and a reading's own page for readers. Access: the editor is for the
// forum's organizers and site admins, checked by the service; the page follows the week's
// rule (members once it opens, its key respondent before, organizers always).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { WeekParams } from '../forums/forum-params.schemas.ts';
import {
  CreateReadingBody,
  EditorListResponse,
  EditorReadingResponse,
  ReadingIdParams,
  ReadingPageParams,
  ReadingPageResponse,
  ReorderBody,
  ReorderResponse,
  UpdateReadingBody,
} from './readings.schemas.ts';
import {
  createReading,
  editReading,
  listReadingsForEditor,
  reorderReadings,
  setReadingPublished,
} from './readings.service.ts';
import { readerReading } from './reading-page.service.ts';

const readingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/weeks/:number/readings',
    {
      config: { access: 'user' },
      schema: { tags: ['readings'], params: WeekParams, response: { 200: EditorListResponse, ...errorResponses } },
    },
    async (request) =>
      listReadingsForEditor(app.db, request.params.slug, request.params.number, requireUser(request), request.lang),
  );

  app.post(
    '/api/forums/:slug/weeks/:number/readings',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        params: WeekParams,
        body: CreateReadingBody,
        response: { 200: EditorReadingResponse, 201: EditorReadingResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reading, created } = await createReading(
        app.db,
        request.params.slug,
        request.params.number,
        requireUser(request),
        request.body,
      );
      return reply.code(created ? 201 : 200).send({ reading });
    },
  );

  app.put(
    '/api/forums/:slug/weeks/:number/readings/order',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        params: WeekParams,
        body: ReorderBody,
        response: { 200: ReorderResponse, ...errorResponses },
      },
    },
    async (request) => ({
      readings: await reorderReadings(
        app.db,
        request.params.slug,
        request.params.number,
        requireUser(request),
        request.body.ids,
      ),
    }),
  );

  app.get(
    '/api/forums/:slug/weeks/:number/readings/:readingSlug',
    {
      config: { access: 'public' },
      schema: {
        tags: ['readings'],
        params: ReadingPageParams,
        response: { 200: ReadingPageResponse, ...errorResponses },
      },
    },
    async (request) => ({
      reading: await readerReading(
        app.db,
        request.params.slug,
        request.params.number,
        request.params.readingSlug,
        request,
      ),
    }),
  );

  app.put(
    '/api/readings/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        params: ReadingIdParams,
        body: UpdateReadingBody,
        response: { 200: EditorReadingResponse, ...errorResponses },
      },
    },
    async (request) => ({ reading: await editReading(app.db, request.params.id, requireUser(request), request.body) }),
  );

  app.post(
    '/api/readings/:id/unpublish',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        params: ReadingIdParams,
        response: { 200: EditorReadingResponse, ...errorResponses },
      },
    },
    async (request) => ({ reading: await setReadingPublished(app.db, request.params.id, requireUser(request), false) }),
  );

  app.post(
    '/api/readings/:id/publish',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        params: ReadingIdParams,
        response: { 200: EditorReadingResponse, ...errorResponses },
      },
    },
    async (request) => ({ reading: await setReadingPublished(app.db, request.params.id, requireUser(request), true) }),
  );
};

export default readingsRoutes;
