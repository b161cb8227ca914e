// Publication consent. Access: signed in; reading and changing one's own choice is for members
// of the forum (anyone with a role), the counts for its organizers (both checked by the service).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { ConsentBody, ConsentCountsResponse, ConsentResponse } from './consent.schemas.ts';
import { consentCounts, ownConsent, setOwnConsent } from './consent.service.ts';

const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/consent',
    {
      config: { access: 'user' },
      schema: { tags: ['consent'], params: SlugParams, response: { 200: ConsentResponse, ...errorResponses } },
    },
    async (request) => ownConsent(app.db, request.params.slug, requireUser(request)),
  );

  app.put(
    '/api/forums/:slug/consent',
    {
      config: { access: 'user' },
      schema: {
        tags: ['consent'],
        params: SlugParams,
        body: ConsentBody,
        response: { 200: ConsentResponse, ...errorResponses },
      },
    },
    async (request) => setOwnConsent(app.db, request.params.slug, requireUser(request), request.body.choice),
  );

  app.get(
    '/api/forums/:slug/consent/counts',
    {
      config: { access: 'user' },
      schema: { tags: ['consent'], params: SlugParams, response: { 200: ConsentCountsResponse, ...errorResponses } },
    },
    async (request) => consentCounts(app.db, request.params.slug, requireUser(request)),
  );
};

export default consentRoutes;
