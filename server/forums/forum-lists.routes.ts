// A forum's regions, sectors and call prerequisites in the console. Access: signed in; the
// service requires an organizer of the forum (or a site admin). Applicants read the active
// entries with the call (GET /api/forums/:slug/application).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import {
  EntryParams,
  EntryPatchBody,
  EntryResponse,
  ListParams,
  ListResponse,
  NewEntryBody,
  OrderBody,
} from './forum-lists.schemas.ts';
import { addEntry, changeEntry, listEntries, removeEntry, reorderEntries } from './forum-lists.service.ts';

const forumListsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/lists/:list',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: ListParams, response: { 200: ListResponse, ...errorResponses } },
    },
    async (request) => ({
      entries: await listEntries(app.db, request.params.slug, requireUser(request), request.params.list),
    }),
  );

  app.post(
    '/api/forums/:slug/lists/:list',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: ListParams,
        body: NewEntryBody,
        response: { 201: EntryResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        entry: await addEntry(app.db, request.params.slug, requireUser(request), request.params.list, request.body),
      }),
  );

  app.put(
    '/api/forums/:slug/lists/:list/order',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: ListParams,
        body: OrderBody,
        response: { 200: ListResponse, ...errorResponses },
      },
    },
    async (request) => ({
      entries: await reorderEntries(
        app.db,
        request.params.slug,
        requireUser(request),
        request.params.list,
        request.body.ids,
      ),
    }),
  );

  app.patch(
    '/api/forums/:slug/lists/:list/:id',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: EntryParams,
        body: EntryPatchBody,
        response: { 200: EntryResponse, ...errorResponses },
      },
    },
    async (request) => ({
      entry: await changeEntry(
        app.db,
        request.params.slug,
        requireUser(request),
        request.params.list,
        request.params.id,
        request.body,
      ),
    }),
  );

  app.delete(
    '/api/forums/:slug/lists/:list/:id',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: EntryParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeEntry(app.db, request.params.slug, requireUser(request), request.params.list, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default forumListsRoutes;
