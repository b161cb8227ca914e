// Synthesis routes. Access: reading the matrix is public at the route (the service applies the
// forum's reading rule: members, organizers, and a closed public archive's readers); everything
// else needs a signed-in caller, and the service checks the forum role (members propose and
// endorse, organizers decide).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, IdParams } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import {
  ComparisonQuery,
  ComparisonResponse,
  DeclineBody,
  EditElementBody,
  ElementResponse,
  ElementRevisionsResponse,
  EndorsementResponse,
  MergeBody,
  NewElementBody,
  ProposalsQuery,
  ProposalsResponse,
  SynthesisParams,
  SynthesisQuery,
  SynthesisResponse,
} from './synthesis.schemas.ts';
import {
  acceptElement,
  compareRegions,
  declineElement,
  reopenElement,
  editElement,
  getSynthesis,
  listElementRevisions,
  listProposals,
  mergeElement,
  proposeElement,
  setEndorsement,
} from './synthesis.service.ts';

const tags = ['synthesis'];

const synthesisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/synthesis',
    {
      config: { access: 'public' },
      schema: {
        tags,
        params: SynthesisParams,
        querystring: SynthesisQuery,
        response: { 200: SynthesisResponse, ...errorResponses },
      },
    },
    async (request) =>
      getSynthesis(app.db, request.params.slug, { user: request.user, lang: request.lang }, request.query),
  );

  app.get(
    '/api/forums/:slug/synthesis/compare',
    {
      config: { access: 'public' },
      schema: {
        tags,
        params: SynthesisParams,
        querystring: ComparisonQuery,
        response: { 200: ComparisonResponse, ...errorResponses },
      },
    },
    async (request) =>
      compareRegions(app.db, request.params.slug, { user: request.user, lang: request.lang }, request.query),
  );

  app.get(
    '/api/forums/:slug/synthesis/proposals',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SynthesisParams,
        querystring: ProposalsQuery,
        response: { 200: ProposalsResponse, ...errorResponses },
      },
    },
    async (request) =>
      listProposals(
        app.db,
        request.params.slug,
        { user: requireUser(request), lang: request.lang },
        request.query.status,
      ),
  );

  app.post(
    '/api/forums/:slug/synthesis/elements',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: SynthesisParams,
        body: NewElementBody,
        response: { 200: ElementResponse, 201: ElementResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await proposeElement(
        app.db,
        request.params.slug,
        { user: requireUser(request), lang: request.lang },
        request.body,
      );
      // A retry with the same key is answered with the element the first request made.
      return reply.code(result.created ? 201 : 200).send({ element: result.element });
    },
  );

  app.patch(
    '/api/synthesis/elements/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        params: IdParams,
        body: EditElementBody,
        response: { 200: ElementResponse, ...errorResponses },
      },
    },
    async (request) => ({
      element: await editElement(
        app.db,
        request.params.id,
        { user: requireUser(request), lang: request.lang },
        request.body,
      ),
    }),
  );

  app.post(
    '/api/synthesis/elements/:id/accept',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: { 200: ElementResponse, ...errorResponses } },
    },
    async (request) => ({
      element: await acceptElement(app.db, request.params.id, { user: requireUser(request), lang: request.lang }),
    }),
  );

  app.post(
    '/api/synthesis/elements/:id/decline',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: DeclineBody, response: { 200: ElementResponse, ...errorResponses } },
    },
    async (request) => ({
      element: await declineElement(
        app.db,
        request.params.id,
        { user: requireUser(request), lang: request.lang },
        request.body.reason,
      ),
    }),
  );

  app.post(
    '/api/synthesis/elements/:id/reopen',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: { 200: ElementResponse, ...errorResponses } },
    },
    async (request) => ({
      element: await reopenElement(app.db, request.params.id, { user: requireUser(request), lang: request.lang }),
    }),
  );

  app.post(
    '/api/synthesis/elements/:id/merge',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: MergeBody, response: { 200: ElementResponse, ...errorResponses } },
    },
    async (request) => ({
      element: await mergeElement(
        app.db,
        request.params.id,
        { user: requireUser(request), lang: request.lang },
        request.body.into,
      ),
    }),
  );

  for (const method of ['PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/synthesis/elements/:id/endorsement',
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: { 200: EndorsementResponse, ...errorResponses } },
      handler: async (request) => setEndorsement(app.db, request.params.id, requireUser(request), method === 'PUT'),
    });
  }

  app.get(
    '/api/synthesis/elements/:id/revisions',
    {
      config: { access: 'public' },
      schema: { tags, params: IdParams, response: { 200: ElementRevisionsResponse, ...errorResponses } },
    },
    async (request) => listElementRevisions(app.db, request.params.id, { user: request.user, lang: request.lang }),
  );
};

export default synthesisRoutes;
