// Schedule editor routes: the weeks, adding, changing and removing one, and moving the forum's
// start (a preview that writes nothing, then the move). Access: signed in; the service requires
// an organizer of the forum or a site admin.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams, WeekParams } from './forum-params.schemas.ts';
import { LocalDate } from './forum-settings.schemas.ts';
import {
  MoveBody,
  MoveResponse,
  NewWeekBody,
  PreviewResponse,
  ScheduleResponse,
  WeekPatch,
} from './schedule.schemas.ts';
import {
  addWeek,
  changeWeek,
  deleteWeek,
  getSchedule,
  moveStart,
  previewMove,
  type Reconfirm,
} from './schedule.service.ts';

const scheduleRoutes: FastifyPluginAsyncTypebox<{ reconfirm: Reconfirm }> = async (app, options) => {
  app.get(
    '/api/forums/:slug/schedule',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: SlugParams, response: { 200: ScheduleResponse, ...errorResponses } },
    },
    async (request) => ({ schedule: await getSchedule(app.db, request.params.slug, requireUser(request)) }),
  );

  app.post(
    '/api/forums/:slug/weeks',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: SlugParams,
        body: NewWeekBody,
        response: { 201: ScheduleResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ schedule: await addWeek(app.db, request.params.slug, requireUser(request), request.body) }),
  );

  app.patch(
    '/api/forums/:slug/weeks/:number',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: WeekParams,
        body: WeekPatch,
        response: { 200: ScheduleResponse, ...errorResponses },
      },
    },
    async (request) => ({
      schedule: await changeWeek(
        app.db,
        request.params.slug,
        request.params.number,
        requireUser(request),
        request.body,
      ),
    }),
  );

  app.delete(
    '/api/forums/:slug/weeks/:number',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: WeekParams, response: { 200: ScheduleResponse, ...errorResponses } },
    },
    async (request) => ({
      schedule: await deleteWeek(app.db, request.params.slug, request.params.number, requireUser(request)),
    }),
  );

  app.post(
    '/api/forums/:slug/schedule/preview',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: SlugParams,
        body: Type.Object({ startsOn: LocalDate }),
        response: { 200: PreviewResponse, ...errorResponses },
      },
    },
    async (request) => ({
      preview: await previewMove(app.db, request.params.slug, requireUser(request), request.body.startsOn),
    }),
  );

  app.post(
    '/api/forums/:slug/schedule/move',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: SlugParams,
        body: MoveBody,
        response: { 200: MoveResponse, ...errorResponses },
      },
    },
    async (request) => moveStart(app.db, request.params.slug, requireUser(request), request.body, options.reconfirm),
  );
};

export default scheduleRoutes;
