// Request and response shapes of attachments, the same for every kind of owner.
import { Type } from 'typebox';
import { IdSchema, LangSchema } from '../http/common.schemas.ts';

export const OwnerParams = Type.Object({ id: IdSchema });
/** A download: the attachment's own id. */
export const AttachmentIdParams = Type.Object({ id: IdSchema });
export const AttachmentParams = Type.Object({ id: IdSchema, attachmentId: IdSchema });

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  /** A reading's file: the language version it is, null when it is for every reader (case studies' files have none). */
  lang: Type.Optional(Type.Union([LangSchema, Type.Null()])),
  url: Type.String(),
});

export const AttachmentResponse = Type.Object({ attachment: AttachmentSchema });
