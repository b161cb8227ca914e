// Attachment routes of one kind of owner, registered once per kind: upload (multipart, one
// file) and removal by whoever the owner's rules let change it, download by whoever may read it.
// @fastify/multipart is registered in this plugin (and the readings' uploads) only, so no other route accepts multipart bodies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, ErrorSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { currentTime } from '../time/clock.ts';
import { sendAttachment } from './attachment-download.ts';
import { assertMultipart, readUpload, registerAttachmentMultipart } from './attachment-upload.ts';
import { DOWNLOAD_PATHS } from './attachment-view.ts';
import { AttachmentIdParams, AttachmentParams, AttachmentResponse, OwnerParams } from './attachments.schemas.ts';
import { addAttachment, attachmentForDownload, removeAttachment, type AttachmentOwner } from './attachments.service.ts';

export interface AttachmentsRoutesOptions {
  owner: AttachmentOwner;
  attachmentsDir: string;
  attachmentMaxBytes: number;
}

const attachmentsRoutes: FastifyPluginAsyncTypebox<AttachmentsRoutesOptions> = async (app, options) => {
  const { owner } = options;
  const files = { dir: options.attachmentsDir, maxBytes: options.attachmentMaxBytes };
  await registerAttachmentMultipart(app, files.maxBytes);

  app.post(
    `${owner.path}/:id/attachments`,
    {
      config: { access: 'user' },
      schema: {
        tags: owner.tags,
        params: OwnerParams,
        consumes: ['multipart/form-data'],
        response: { 200: AttachmentResponse, 201: AttachmentResponse, 415: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      assertMultipart(request);
      // Rights first: nobody who may not change the owner gets to have megabytes read into memory.
      await owner.mayChange(app.db, request.params.id, user, currentTime());
      const upload = await readUpload(request);
      const { attachment, created } = await addAttachment(app.db, owner, files, request.params.id, user, upload);
      return reply.code(created ? 201 : 200).send({ attachment });
    },
  );

  app.delete(
    `${owner.path}/:id/attachments/:attachmentId`,
    {
      config: { access: 'user' },
      schema: { tags: owner.tags, params: AttachmentParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeAttachment(app.db, owner, request.params.id, request.params.attachmentId, requireUser(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${DOWNLOAD_PATHS[owner.kind]}/:id`,
    {
      config: { access: 'public' },
      schema: {
        tags: owner.tags,
        params: AttachmentIdParams,
        // The file itself, streamed as stored: Fastify does not serialize streams.
        response: {
          200: Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' }),
          304: Type.Null(),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const attachment = await attachmentForDownload(app.db, owner, request.params.id, request.user);
      return sendAttachment(request, reply, options.attachmentsDir, attachment);
    },
  );
};

export default attachmentsRoutes;
