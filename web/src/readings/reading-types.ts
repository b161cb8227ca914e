// The readings API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { AttachmentSchema } from '../../../server/attachments/attachments.schemas.ts';
import type {
  EditorListResponse,
  EditorReadingResponse,
  EditorReadingSchema,
  ReadingPageResponse,
  ReorderResponse,
  UploadResponse,
} from '../../../server/readings/readings.schemas.ts';

export type Attachment = Static<typeof AttachmentSchema>;
export type EditorReading = Static<typeof EditorReadingSchema>;
export type EditorList = Static<typeof EditorListResponse>;
export type ReadingPage = Static<typeof ReadingPageResponse>['reading'];
/** A file sent ahead of a save: the save names its id, and the server attaches it in the save's transaction. */
export type StagedUpload = Static<typeof UploadResponse>['upload'];
export type EditorReadingAnswer = Static<typeof EditorReadingResponse>;
export type ReorderAnswer = Static<typeof ReorderResponse>;
export type ReadingPageAnswer = Static<typeof ReadingPageResponse>;
