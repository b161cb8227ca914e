// Glossary routes. Access: translators and organizers read and export; organizers edit and
// import (merging by default; replacing after a dry run, confirmed). CSV travels as text/csv.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import {
  addTerm,
  changeTerm,
  exportGlossaryCsv,
  importGlossaryCsv,
  readGlossary,
  removeTerm,
} from './glossary.service.ts';
import {
  GlossaryImportQuery,
  GlossaryImportResponse,
  GlossaryResponse,
  TermBody,
  TermParams,
} from './translations.schemas.ts';

const tags = ['glossary'];

const glossaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/forums/:slug/glossary',
    {
      config: { access: 'user' },
      schema: { tags, params: SlugParams, response: { 200: GlossaryResponse, ...errorResponses } },
    },
    async (request) => ({ terms: await readGlossary(app.db, request.params.slug, requireUser(request)) }),
  );

  app.post(
    '/api/forums/:slug/glossary',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SlugParams,
        body: TermBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ id: await addTerm(app.db, request.params.slug, requireUser(request), request.body) }),
  );

  app.put(
    '/api/forums/:slug/glossary/:id',
    {
      config: { access: 'user' },
      schema: { tags, params: TermParams, body: TermBody, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await changeTerm(app.db, request.params.slug, requireUser(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/forums/:slug/glossary/:id',
    {
      config: { access: 'user' },
      schema: { tags, params: TermParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeTerm(app.db, request.params.slug, requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/forums/:slug/glossary.csv',
    {
      config: { access: 'user' },
      schema: { tags, params: SlugParams, response: { 200: Type.String(), ...errorResponses } },
    },
    async (request, reply) => {
      const csv = await exportGlossaryCsv(app.db, request.params.slug, requireUser(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="glossary-${request.params.slug}.csv"`)
        .send(csv);
    },
  );

  app.put(
    '/api/forums/:slug/glossary.csv',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SlugParams,
        querystring: GlossaryImportQuery,
        body: Type.String({ maxLength: 1024 * 1024 }),
        response: { 200: GlossaryImportResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { mode = 'merge', dryRun = false, confirm } = request.query;
      return importGlossaryCsv(app.db, request.params.slug, requireUser(request), request.body, {
        mode,
        dryRun,
        confirm,
      });
    },
  );
};

export default glossaryRoutes;
