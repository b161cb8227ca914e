// Request and response shapes of readings: the organizers' editor and the reader's page.
import { Type, type Static } from 'typebox';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';
import {
  DateTimeSchema,
  IdSchema,
  LangSchema,
  NameText,
  TextSchema,
  VisibleText,
  HtmlSchema,
} from '../http/common.schemas.ts';
import { SlugParams, WeekParams } from '../forums/forum-params.schemas.ts';
import { MAX_ATTACHMENTS_PER_READING } from '../../web/src/readings/attachment-limit.ts';
import { AttachmentSchema } from '../attachments/attachments.schemas.ts';
import { TranslationSchema } from '../translation-policy/translation-view.schemas.ts';

export const MAX_READING_TITLE = 200;

export const ReadingIdParams = Type.Object({ id: IdSchema });
export const ReadingPageParams = Type.Object({
  slug: SlugParams.properties.slug,
  number: WeekParams.properties.number,
  readingSlug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }),
});

const TextInput = Type.Object({
  lang: LangSchema,
  title: NameText({ maxLength: MAX_READING_TITLE }),
  bodyMd: VisibleText({ maxLength: MAX_MARKDOWN_LENGTH }),
});

export const ReadingInput = Type.Object({
  originalLang: LangSchema,
  /** One version per language; the original's among them. */
  texts: Type.Array(TextInput, { minItems: 1, maxItems: 3 }),
});
export type ReadingInput = Static<typeof ReadingInput>;

/** Files sent ahead (POST …/reading-uploads), attached in the save's transaction: all or nothing. */
const Uploads = Type.Optional(
  Type.Array(Type.String({ format: 'uuid' }), { maxItems: MAX_ATTACHMENTS_PER_READING, uniqueItems: true }),
);
export const CreateReadingBody = Type.Object({
  ...ReadingInput.properties,
  idempotencyKey: Type.String({ format: 'uuid' }),
  uploads: Uploads,
});
/** The version the editor started from (its updatedAt), so two organizers' edits never silently overwrite each other. */
export const UpdateReadingBody = Type.Object({
  ...ReadingInput.properties,
  baseVersion: DateTimeSchema,
  uploads: Uploads,
});
export const UploadResponse = Type.Object({
  upload: Type.Object({
    id: Type.String(),
    fileName: Type.String(),
    mediaType: Type.String(),
    sizeBytes: Type.Integer(),
  }),
});
export const ReorderBody = Type.Object({ ids: Type.Array(IdSchema, { minItems: 1, maxItems: 200 }) });

export const EditorReadingSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  position: Type.Integer(),
  originalLang: LangSchema,
  revision: Type.Integer(),
  published: Type.Boolean(),
  /** The edit version: send it back as baseVersion. */
  updatedAt: DateTimeSchema,
  texts: Type.Array(Type.Object({ lang: LangSchema, title: Type.String(), bodyMd: Type.String() })),
  attachments: Type.Array(AttachmentSchema),
});

export const EditorReadingResponse = Type.Object({ reading: EditorReadingSchema });
export const EditorListResponse = Type.Object({
  week: Type.Object({ number: Type.Integer(), title: TextSchema }),
  languages: Type.Array(LangSchema),
  readings: Type.Array(EditorReadingSchema),
});
/** A reorder answers with the week's readings in their new order. */
export const ReorderResponse = Type.Object({ readings: EditorListResponse.properties.readings });

export const ReadingPageResponse = Type.Object({
  reading: Type.Object({
    id: Type.Integer(),
    slug: Type.String(),
    originalLang: LangSchema,
    title: TextSchema,
    body: HtmlSchema,
    translation: TranslationSchema,
    translationPending: Type.Boolean(),
    published: Type.Boolean(),
    attachments: Type.Array(AttachmentSchema),
    week: Type.Object({ number: Type.Integer(), title: TextSchema }),
    /** The week's other readings, for the previous / next links. */
    siblings: Type.Array(Type.Object({ slug: Type.String(), title: TextSchema })),
  }),
});
