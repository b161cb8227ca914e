// Proceedings: the console's editions (organizers, checked by the service, which knows the
// forum), their files, and the stable public address of each language's published edition.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { EditionFormat, Lang } from '../db/schema.ts';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { contentDisposition } from '../attachments/attachment-download.ts';
import { openEditionFile } from './edition-store.ts';
import {
  EditionFileParams,
  EditionParams,
  EditionResponse,
  NewEditionBody,
  ProceedingsParams,
  ProceedingsResponse,
  PublicFileParams,
  PublishedResponse,
} from './proceedings.schemas.ts';
import {
  changePublication,
  editionFile,
  latestPublishedFile,
  listProceedings,
  publishedEditions,
  requestEdition,
  retryEdition,
  type EditionDownload,
} from './proceedings.service.ts';

export interface ProceedingsRoutesOptions {
  proceedingsDir: string;
}

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });

const proceedingsRoutes: FastifyPluginAsyncTypebox<ProceedingsRoutesOptions> = async (app, options) => {
  const send = (request: FastifyRequest, reply: FastifyReply, file: EditionDownload, inline: boolean) => {
    const etag = `"${file.sha256}"`;
    reply.header('etag', etag);
    reply.header('cache-control', file.isPublic ? 'public, max-age=300' : 'private, no-cache');
    reply.header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
    reply.header('content-type', file.mediaType);
    reply.header('content-length', file.sizeBytes);
    reply.header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.fileName));
    return reply.send(openEditionFile(options.proceedingsDir, file.editionId, file.format));
  };

  app.get(
    '/api/forums/:slug/proceedings',
    {
      config: { access: 'user' },
      schema: {
        tags: ['proceedings'],
        params: ProceedingsParams,
        response: { 200: ProceedingsResponse, ...errorResponses },
      },
    },
    async (request) => listProceedings(app.db, request.params.slug, requireUser(request), request.lang),
  );

  app.post(
    '/api/forums/:slug/proceedings',
    {
      config: { access: 'user' },
      schema: {
        tags: ['proceedings'],
        params: ProceedingsParams,
        body: NewEditionBody,
        response: { 202: EditionResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const edition = await requestEdition(
        app.db,
        request.params.slug,
        requireUser(request),
        request.body,
        request.lang,
      );
      app.proceedingsJobs.wake();
      return reply.code(202).send({ edition });
    },
  );

  app.post(
    '/api/proceedings/:id/retry',
    {
      config: { access: 'user' },
      schema: { tags: ['proceedings'], params: EditionParams, response: { 200: EditionResponse, ...errorResponses } },
    },
    async (request) => {
      const edition = await retryEdition(app.db, request.params.id, requireUser(request), request.lang);
      app.proceedingsJobs.wake();
      return { edition };
    },
  );

  for (const [action, publish] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(
      `/api/proceedings/:id/${action}`,
      {
        config: { access: 'user' },
        schema: { tags: ['proceedings'], params: EditionParams, response: { 200: EditionResponse, ...errorResponses } },
      },
      async (request) => ({
        edition: await changePublication(app.db, request.params.id, requireUser(request), publish, request.lang),
      }),
    );
  }

  app.get(
    '/api/proceedings/:id/files/:format',
    {
      // Organizers always; members and the public once published (the service decides).
      config: { access: 'public' },
      schema: { tags: ['proceedings'], params: EditionFileParams, response: { 200: Binary, ...errorResponses } },
    },
    async (request, reply) =>
      send(request, reply, await editionFile(app.db, request.params.id, request.params.format, request.user), false),
  );

  app.get(
    '/api/forums/:slug/proceedings/published',
    {
      config: { access: 'public' },
      schema: {
        tags: ['proceedings'],
        params: ProceedingsParams,
        response: { 200: PublishedResponse, ...errorResponses },
      },
    },
    async (request) => ({ editions: await publishedEditions(app.db, request.params.slug, request.user) }),
  );

  app.get(
    '/forums/:slug/proceedings/:file',
    {
      config: { access: 'public' },
      schema: { tags: ['proceedings'], params: PublicFileParams, response: { 200: Binary, ...errorResponses } },
    },
    async (request, reply) => {
      const [lang, format = 'html'] = request.params.file.split('.') as [Lang, EditionFormat?];
      const file = await latestPublishedFile(app.db, request.params.slug, lang, format, request.user);
      return send(request, reply, file, format === 'html' || format === 'pdf');
    },
  );
};

export default proceedingsRoutes;
