// CSV exports and the participants' directory. Access: exports are for the forum's organizers;
// the directory for its members and organizers; a member's own region for that member; privacy choices for the signed-in member
// (all checked by the services, which know the forum).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { EntryKey } from '../forums/forum-lists.schemas.ts';
import { DirectoryResponse, Privacy } from './directory.schemas.ts';
import { directory, directoryPrivacy, setDirectoryPrivacy, setOwnRegion } from './directory.service.ts';
import { EXPORT_KINDS, exportCsv } from './exports.service.ts';

const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/exports/:kind',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: Type.Object({
          slug: SlugParams.properties.slug,
          kind: Type.Union(EXPORT_KINDS.map((kind) => Type.Literal(kind))),
        }),
        response: {
          200: Type.String({ description: 'text/csv; charset=utf-8, with a byte-order mark' }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { filename, csv } = await exportCsv(
        app.db,
        request.params.slug,
        requireUser(request),
        request.params.kind,
        request.lang,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/api/forums/:slug/directory',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        querystring: Type.Object({ region: Type.Optional(EntryKey) }),
        response: {
          200: DirectoryResponse,
          ...errorResponses,
        },
      },
    },
    async (request) => directory(app.db, request.params.slug, requireUser(request), request.query.region),
  );

  app.put(
    '/api/forums/:slug/my-region',
    {
      config: { access: 'user' },
      schema: {
        tags: ['applications'],
        params: SlugParams,
        body: Type.Object({ region: Type.Union([EntryKey, Type.Literal('')]) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await setOwnRegion(app.db, request.params.slug, requireUser(request), request.body.region);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/directory-privacy',
    {
      config: { access: 'user' },
      schema: { tags: ['applications'], response: { 200: Privacy, ...errorResponses } },
    },
    async (request) => ({ hidden: await directoryPrivacy(app.db, requireUser(request)) }),
  );

  app.put(
    '/api/me/directory-privacy',
    {
      config: { access: 'user' },
      schema: { tags: ['applications'], body: Privacy, response: { 200: Privacy, ...errorResponses } },
    },
    async (request) => ({ hidden: await setDirectoryPrivacy(app.db, requireUser(request), request.body.hidden) }),
  );
};

export default exportsRoutes;
