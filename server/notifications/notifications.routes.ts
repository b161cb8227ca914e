// Notification routes. Access: a signed-in user reads and marks their own notifications and
// preferences and follows threads they may read; unsubscribe links need no session (the signed
// token is the authority, and mail providers POST them without an Origin); admins see the outbox.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { callerLang } from '../plugins/language.plugin.ts';
import {
  FollowBody,
  FollowResponse,
  MarkReadBody,
  NotificationListQuery,
  NotificationListResponse,
  OutboxQuery,
  OutboxResponse,
  PreferencesBody,
  PreferencesResponse,
  UnreadResponse,
  UnsubscribeParams,
  UnsubscribeResponse,
} from './notifications.schemas.ts';
import { listNotifications, readNotifications } from './notifications.service.ts';
import { countUnread } from './notifications.queries.ts';
import { listOutbox } from './outbox.service.ts';
import { followLevel, followThread, getPreferences, updatePreferences } from './preferences.service.ts';
import { previewUnsubscribe, unsubscribe } from './unsubscribe.service.ts';

const tags = ['notifications'];

const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // RFC 8058: the one-click POST body is `List-Unsubscribe=One-Click`, form-encoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.get(
    '/api/notifications',
    {
      config: { access: 'user' },
      schema: {
        tags,
        querystring: NotificationListQuery,
        response: { 200: NotificationListResponse, ...errorResponses },
      },
    },
    async (request) =>
      listNotifications(
        app.db,
        requireUser(request),
        callerLang(request),
        request.query.before ?? null,
        request.query.limit,
      ),
  );

  app.get(
    '/api/notifications/unread',
    {
      config: { access: 'user' },
      schema: { tags, response: { 200: UnreadResponse, ...errorResponses } },
    },
    async (request) => ({ unread: await countUnread(app.db, requireUser(request).id) }),
  );

  app.post(
    '/api/notifications/read',
    {
      config: { access: 'user' },
      schema: { tags, body: MarkReadBody, response: { 200: UnreadResponse, ...errorResponses } },
    },
    async (request) => readNotifications(app.db, requireUser(request), request.body.ids),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'user' },
      schema: { tags, response: { 200: UnreadResponse, ...errorResponses } },
    },
    async (request) => readNotifications(app.db, requireUser(request), 'all'),
  );

  app.get(
    '/api/notification-preferences',
    {
      config: { access: 'user' },
      schema: { tags, response: { 200: PreferencesResponse, ...errorResponses } },
    },
    async (request) => getPreferences(app.db, requireUser(request), callerLang(request)),
  );

  app.put(
    '/api/notification-preferences',
    {
      config: { access: 'user' },
      schema: { tags, body: PreferencesBody, response: { 200: PreferencesResponse, ...errorResponses } },
    },
    async (request) => updatePreferences(app.db, requireUser(request), callerLang(request), request.body),
  );

  app.get(
    '/api/threads/:id/follow',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, response: { 200: FollowResponse, ...errorResponses } },
    },
    async (request) => followLevel(app.db, requireUser(request), request.params.id),
  );

  app.put(
    '/api/threads/:id/follow',
    {
      config: { access: 'user' },
      schema: { tags, params: IdParams, body: FollowBody, response: { 200: FollowResponse, ...errorResponses } },
    },
    async (request) => followThread(app.db, requireUser(request), request.params.id, request.body.level),
  );

  app.get(
    '/api/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: { tags, params: UnsubscribeParams, response: { 200: UnsubscribeResponse, ...errorResponses } },
    },
    async (request) =>
      previewUnsubscribe(
        app.db,
        (await app.notifications.renderContext()).secret,
        request.params.token,
        callerLang(request),
      ),
  );

  // Two callers: the mail provider's one-click POST (RFC 8058 body `List-Unsubscribe=One-Click`,
  // form-encoded) and the page's button, which sends no body. The signed token is the whole
  // request, so no body is required and whatever comes is ignored.
  app.post(
    '/api/unsubscribe/:token',
    {
      config: { access: 'public', crossOrigin: true },
      schema: { tags, params: UnsubscribeParams, response: { 200: UnsubscribeResponse, ...errorResponses } },
    },
    async (request) =>
      unsubscribe(app.db, (await app.notifications.renderContext()).secret, request.params.token, callerLang(request)),
  );

  app.get(
    '/api/admin/outbox',
    {
      config: { access: 'admin' },
      schema: { tags, querystring: OutboxQuery, response: { 200: OutboxResponse, ...errorResponses } },
    },
    async (request) =>
      listOutbox(
        app.db,
        { ...(await app.notifications.renderContext()), smtpConfigured: app.notifications.smtpConfigured },
        request.query,
      ),
  );
};

export default notificationsRoutes;
