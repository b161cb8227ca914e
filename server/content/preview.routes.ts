// Renders Markdown exactly as publishing will, for live previews in the composer and the
// translation editor. Access: signed-in users; rate limited, as it costs a render.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../http/access.ts';
import { errorResponses, SafeText } from '../http/common.schemas.ts';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';
import { renderMarkdown } from '../markdown/markdown.ts';

const previewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/markdown/preview', {
    config: { access: 'user', rateLimit: { max: 120, timeWindow: 60_000, keyGenerator: (request: { user: { id: number } | null; ip: string }) => `preview:${request.user?.id ?? request.ip}` } },
    schema: {
      tags: ['content'],
      body: Type.Object({ bodyMd: SafeText({ maxLength: MAX_MARKDOWN_LENGTH }) }),
      response: { 200: Type.Object({ html: Type.String() }), ...errorResponses },
    },
  }, async (request) => ({ html: await renderMarkdown(request.body.bodyMd, { field: 'bodyMd', authorId: requireUser(request).id }) }));
};

export default previewRoutes;
