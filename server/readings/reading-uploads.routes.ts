// Files for a reading's form, sent ahead and attached only when the form is saved
// (reading-uploads.service.ts). Organizers and site admins only.
// @fastify/multipart is registered in this plugin (and server/attachments/attachments.routes.ts) only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, ErrorSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { assertMultipart, readUpload, registerAttachmentMultipart } from '../attachments/attachment-upload.ts';
import { WeekParams } from '../forums/forum-params.schemas.ts';
import { organizerWeek } from './readings.service.ts';
import { stageUpload } from './reading-uploads.service.ts';
import { UploadResponse } from './readings.schemas.ts';

export interface ReadingUploadsRoutesOptions {
  attachmentsDir: string;
  attachmentMaxBytes: number;
}

const readingUploadsRoutes: FastifyPluginAsyncTypebox<ReadingUploadsRoutesOptions> = async (app, options) => {
  await registerAttachmentMultipart(app, options.attachmentMaxBytes);

  app.post(
    '/api/forums/:slug/weeks/:number/reading-uploads',
    {
      config: { access: 'user' },
      schema: {
        tags: ['readings'],
        params: WeekParams,
        consumes: ['multipart/form-data'],
        response: { 201: UploadResponse, 415: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      assertMultipart(request);
      const { access } = await organizerWeek(app.db, request.params.slug, request.params.number, user);
      const upload = await stageUpload(
        app.db,
        options.attachmentsDir,
        options.attachmentMaxBytes,
        access.forum.id,
        user,
        await readUpload(request),
      );
      return reply.code(201).send({ upload });
    },
  );
};

export default readingUploadsRoutes;
