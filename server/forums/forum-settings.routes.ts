// A forum's settings in the console. Access: signed in; the service requires an organizer of the
// forum (or a site admin).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { SlugParams } from './forum-params.schemas.ts';
import { ForumSettingsResponse, SettingsPatch } from './forum-settings.schemas.ts';
import { getForumSettings, updateForumSettings } from './forum-settings.service.ts';

const forumSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/forums/:slug/settings',
    {
      config: { access: 'user' },
      schema: { tags: ['forums'], params: SlugParams, response: { 200: ForumSettingsResponse, ...errorResponses } },
    },
    async (request) => ({ settings: await getForumSettings(app.db, request.params.slug, requireUser(request)) }),
  );

  app.patch(
    '/api/forums/:slug/settings',
    {
      config: { access: 'user' },
      schema: {
        tags: ['forums'],
        params: SlugParams,
        body: SettingsPatch,
        response: { 200: ForumSettingsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      settings: await updateForumSettings(app.db, request.params.slug, requireUser(request), request.body),
    }),
  );
};

export default forumSettingsRoutes;
