// People routes of the organizer console. Access: the forum's organizers and site admins,
// checked by the service (organizerForum); everyone else is refused.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { listPeople, removeMember, setRoles, suspendMember, unsuspendMember } from './people.service.ts';
import { PeopleQuery, PeopleResponse, PersonParams, PersonResponse, ReasonBody, RolesBody } from './people.schemas.ts';

const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/people',
    {
      config: { access: 'user' },
      schema: {
        tags: ['people'],
        params: SlugParams,
        querystring: PeopleQuery,
        response: { 200: PeopleResponse, ...errorResponses },
      },
    },
    async (request) => listPeople(app.db, request.params.slug, requireUser(request), request.query),
  );

  app.put(
    '/api/forums/:slug/people/:userId/roles',
    {
      config: { access: 'user' },
      schema: {
        tags: ['people'],
        params: PersonParams,
        body: RolesBody,
        response: { 200: PersonResponse, ...errorResponses },
      },
    },
    async (request) => ({
      person: await setRoles(app.db, request.params.slug, requireUser(request), request.params.userId, request.body),
    }),
  );

  app.post(
    '/api/forums/:slug/people/:userId/suspend',
    {
      config: { access: 'user' },
      schema: {
        tags: ['people'],
        params: PersonParams,
        body: ReasonBody,
        response: { 200: PersonResponse, ...errorResponses },
      },
    },
    async (request) => ({
      person: await suspendMember(
        app.db,
        request.params.slug,
        requireUser(request),
        request.params.userId,
        request.body.reason,
      ),
    }),
  );

  app.post(
    '/api/forums/:slug/people/:userId/unsuspend',
    {
      config: { access: 'user' },
      schema: {
        tags: ['people'],
        params: PersonParams,
        body: ReasonBody,
        response: { 200: PersonResponse, ...errorResponses },
      },
    },
    async (request) => ({
      person: await unsuspendMember(
        app.db,
        request.params.slug,
        requireUser(request),
        request.params.userId,
        request.body.reason,
      ),
    }),
  );

  app.post(
    '/api/forums/:slug/people/:userId/remove',
    {
      config: { access: 'user' },
      schema: {
        tags: ['people'],
        params: PersonParams,
        body: ReasonBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeMember(app.db, request.params.slug, requireUser(request), request.params.userId, request.body.reason);
      return reply.code(204).send(null);
    },
  );
};

export default peopleRoutes;
