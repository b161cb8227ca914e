// Case study attachment routes: the author (while they may edit it) and organizers upload
// (multipart, one file) and remove; whoever may read the case study downloads. Rights are
// checked by the services, before the upload's body is read.
// @fastify/multipart is registered in this plugin (and the readings' one) only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, ErrorSchema } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { sendAttachment } from '../readings/attachment-download.ts';
import { assertMultipart, readUpload, registerAttachmentMultipart } from '../readings/attachment-upload.ts';
import { CaseStudyAttachmentParams, CaseStudyAttachmentResponse, CaseStudyParams } from './case-studies.schemas.ts';
import { editableCaseStudy } from './case-studies.service.ts';
import { addCaseStudyAttachment, caseStudyAttachmentForDownload, removeCaseStudyAttachment } from './case-study-attachments.service.ts';

export interface CaseStudyAttachmentsRoutesOptions {
  attachmentsDir: string;
  attachmentMaxBytes: number;
}

const tags = ['case-studies'];

const caseStudyAttachmentsRoutes: FastifyPluginAsyncTypebox<CaseStudyAttachmentsRoutesOptions> = async (app, options) => {
  await registerAttachmentMultipart(app, options.attachmentMaxBytes);

  app.post('/api/case-studies/:id/attachments', {
    config: { access: 'user' },
    schema: {
      tags, params: CaseStudyParams, consumes: ['multipart/form-data'],
      response: { 200: CaseStudyAttachmentResponse, 201: CaseStudyAttachmentResponse, 415: ErrorSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    assertMultipart(request);
    // Rights first: nobody who may not edit the case study gets to have megabytes read into memory.
    await editableCaseStudy(app.db, request.params.id, user);
    const upload = await readUpload(request);
    const { attachment, created } = await addCaseStudyAttachment(app.db, options.attachmentsDir, options.attachmentMaxBytes, request.params.id, user, upload);
    return reply.code(created ? 201 : 200).send({ attachment });
  });

  app.delete('/api/case-studies/:id/attachments/:attachmentId', {
    config: { access: 'user' },
    schema: { tags, params: CaseStudyAttachmentParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await removeCaseStudyAttachment(app.db, request.params.id, request.params.attachmentId, requireUser(request));
    return reply.code(204).send(null);
  });

  app.get('/api/case-study-attachments/:id', {
    config: { access: 'public' },
    schema: {
      tags, params: CaseStudyParams,
      // The file itself, streamed as stored: Fastify does not serialize streams.
      response: { 200: Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary' }), 304: Type.Null(), ...errorResponses },
    },
  }, async (request, reply) => {
    const attachment = await caseStudyAttachmentForDownload(app.db, request.params.id, request.user);
    return sendAttachment(request, reply, options.attachmentsDir, attachment);
  });
};

export default caseStudyAttachmentsRoutes;
