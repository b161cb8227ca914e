// Renders Markdown exactly as publishing will, for live previews in the composer and the
// translation editor. Access: signed-in users; rate limited, as it costs a render.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../http/access.ts';
import { errorResponses } from '../http/common.schemas.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import { PreviewBody, PreviewResponse } from './preview.schemas.ts';

const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/markdown/preview', {
    config: { access: 'user', rateLimit: { max: 120, timeWindow: 60_000, keyGenerator: (request: { user: { id: number } | null; ip: string }) => `preview:${request.user?.id ?? request.ip}` } },
    schema: {
      tags: ['content'],
      body: PreviewBody,
      response: { 200: PreviewResponse, ...errorResponses },
    },
  }, async (request) => ({ html: await renderMarkdown(request.body.bodyMd, { field: 'bodyMd', authorId: requireUser(request).id }) }));
};

export default previewRoutes;
