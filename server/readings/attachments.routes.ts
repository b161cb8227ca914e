// Attachment routes: organizers upload (multipart, one file) and remove; readers download.
// Access: uploads and removals by the forum's organizers and site admins, downloads by whoever
// may read the reading's week — both checked by the service.
// @fastify/multipart is registered in this plugin (and the case studies' one) only, so no other route accepts multipart bodies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, ErrorSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { sendAttachment } from './attachment-download.ts';
import { assertMultipart, readUpload, registerAttachmentMultipart } from './attachment-upload.ts';
import { addAttachment, attachmentForDownload, removeAttachment } from './attachments.service.ts';
import { organizerReading, organizerWeek } from './readings.service.ts';
import { stageUpload } from './reading-uploads.service.ts';
import { AttachmentParams, AttachmentResponse, ReadingIdParams, UploadResponse } from './readings.schemas.ts';
import { WeekParams } from '../forums/forum-params.schemas.ts';

export interface AttachmentsRoutesOptions {
  attachmentsDir: string;
  attachmentMaxBytes: number;
}

const attachmentsRoutes: FastifyPluginAsyncTypebox<AttachmentsRoutesOptions> = async (app, options) => {
  await registerAttachmentMultipart(app, options.attachmentMaxBytes);

  app.post('/api/readings/:id/attachments', {
    config: { access: 'user' },
    schema: {
      tags: ['readings'], params: ReadingIdParams, consumes: ['multipart/form-data'],
      response: { 200: AttachmentResponse, 201: AttachmentResponse, 415: ErrorSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    assertMultipart(request);
    // Rights first: nobody but an organizer gets to have megabytes read into memory.
    await organizerReading(app.db, request.params.id, user);
    const upload = await readUpload(request);
    const { attachment, created } = await addAttachment(app.db, options.attachmentsDir, options.attachmentMaxBytes, request.params.id, user, upload);
    return reply.code(created ? 201 : 200).send({ attachment });
  });

  // A file for a reading's form, attached only when the form is saved (reading-uploads.service.ts).
  app.post('/api/forums/:slug/weeks/:number/reading-uploads', {
    config: { access: 'user' },
    schema: {
      tags: ['readings'], params: WeekParams, consumes: ['multipart/form-data'],
      response: { 201: UploadResponse, 415: ErrorSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    assertMultipart(request);
    const { access } = await organizerWeek(app.db, request.params.slug, request.params.number, user);
    const upload = await stageUpload(app.db, options.attachmentsDir, options.attachmentMaxBytes, access.forum.id, user, await readUpload(request));
    return reply.code(201).send({ upload });
  });

  app.delete('/api/readings/:id/attachments/:attachmentId', {
    config: { access: 'user' },
    schema: { tags: ['readings'], params: AttachmentParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await removeAttachment(app.db, request.params.id, request.params.attachmentId, requireUser(request));
    return reply.code(204).send(null);
  });

  app.get('/api/reading-attachments/:id', {
    config: { access: 'public' },
    schema: {
      tags: ['readings'], params: ReadingIdParams,
      // The file itself, streamed as stored: Fastify does not serialize streams.
      response: { 200: Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' }), 304: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    const attachment = await attachmentForDownload(app.db, request.params.id, request.user);
    return sendAttachment(request, reply, options.attachmentsDir, attachment);
  });
};

export default attachmentsRoutes;
