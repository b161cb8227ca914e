// The console's export download: the forum's programme as a .tar.gz of the content/ layout.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { exportForumArchive } from './export.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }) });

export interface ExportRoutesOptions {
  attachmentsDir: string;
}

const exportRoutes: FastifyPluginAsyncTypebox<ExportRoutesOptions> = async (app, options) => {
  app.get('/api/forums/:slug/export', {
    // Organizers of the forum and admins: checked by the service, which knows the forum.
    config: { access: 'user' },
    schema: {
      tags: ['content'],
      params: SlugParams,
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/gzip (tar)' }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { fileName, archive } = await exportForumArchive(app.db, request.params.slug, request.user, { attachmentsDir: options.attachmentsDir });
    return reply
      .type('application/gzip')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(archive);
  });
};

export default exportRoutes;
