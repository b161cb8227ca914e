// Request and response shapes of case studies: writing, review, reading, revisions.
import { Type, type Static, type TSchema } from 'typebox';
import {
  DateTimeSchema,
  IdSchema,
  LangSchema,
  LineText,
  NameText,
  PositiveInt4,
  TextSchema,
  VisibleText,
} from '../http/common.schemas.ts';
import { Body, IdempotencyKey } from '../discussions/discussions.schemas.ts';
import { EntryKey, LocalizedName } from '../forums/forum-lists.schemas.ts';
import { AttachmentSchema } from '../attachments/attachments.schemas.ts';
import { TitleTranslationSchema, TranslationSchema } from '../translation-policy/translation-view.schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CaseStudyStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('changes_requested'),
  Type.Literal('approved'),
  Type.Literal('published'),
]);

export const CaseStudySchema = Type.Object({
  id: Type.Integer(),
  weekNumber: Type.Integer(),
  weekOpensAt: DateTimeSchema,
  status: CaseStudyStatusSchema,
  title: TextSchema,
  /** The title in a language the reader puts first, from the translation of its thread's title. */
  titleTranslation: TitleTranslationSchema,
  titleTranslationPending: Type.Boolean(),
  lang: LangSchema,
  html: Type.String(),
  /** The Markdown source, for the author and organizers to edit. */
  markdown: Nullable(Type.String()),
  translation: TranslationSchema,
  translationPending: Type.Boolean(),
  /** The key of the forum's region the case study is about ('' for none), and its name in each language. */
  region: Type.String(),
  regionName: Nullable(LocalizedName),
  theme: Type.String(),
  wordCount: Type.Integer(),
  revision: Type.Integer(),
  author: Type.Object({
    id: Type.Integer(),
    displayName: Type.String(),
    organisation: Nullable(Type.String()),
    region: Nullable(LocalizedName),
    keyRespondent: Type.Boolean(),
  }),
  mine: Type.Boolean(),
  /** Its discussion thread, once published. */
  threadId: Nullable(Type.Integer()),
  reviewComment: Nullable(Type.String()),
  reviewerName: Nullable(Type.String()),
  submittedAt: Nullable(DateTimeSchema),
  approvedAt: Nullable(DateTimeSchema),
  publishedAt: Nullable(DateTimeSchema),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
  permissions: Type.Object({
    canEdit: Type.Boolean(),
    canSubmit: Type.Boolean(),
    canWithdraw: Type.Boolean(),
    canReview: Type.Boolean(),
    canApprove: Type.Boolean(),
  }),
});
export type CaseStudy = Static<typeof CaseStudySchema>;

/** A case study on its week's page, with its questions' counts. */
export const WeekCaseStudySchema = Type.Object({
  ...CaseStudySchema.properties,
  questions: Type.Object({ answered: Type.Integer(), unanswered: Type.Integer() }),
  attachmentCount: Type.Integer(),
});
export type WeekCaseStudy = Static<typeof WeekCaseStudySchema>;

/** The forum's soft guidance on length (about 1–1½ pages); never enforced. */
export const GuidanceSchema = Type.Object({ minWords: Type.Integer(), maxWords: Type.Integer() });

export const CaseStudyResponse = Type.Object({ caseStudy: CaseStudySchema, guidance: GuidanceSchema });
/** A case study as its page and editor open it, with its attachments. */
export const CaseStudyReadResponse = Type.Object({
  ...CaseStudyResponse.properties,
  attachments: Type.Array(AttachmentSchema),
});
export const CaseStudyOnlyResponse = Type.Object({ caseStudy: CaseStudySchema });
export const CaseStudyListResponse = Type.Object({ caseStudies: Type.Array(CaseStudySchema) });
export const MyCaseStudiesResponse = Type.Object({
  assignedWeek: Nullable(Type.Object({ id: Type.Integer(), number: Type.Integer(), opensAt: DateTimeSchema })),
  guidance: GuidanceSchema,
  caseStudies: Type.Array(CaseStudySchema),
});

const Title = NameText({ maxLength: 200 });
/** One of the forum's regions, by key, or none; the service checks it belongs to the forum. */
const Region = Type.Union([EntryKey, Type.Literal('')], { default: '' });
const Theme = LineText({ maxLength: 100, default: '' });
const DraftKey = Type.String({ pattern: '^case-study:[1-9]\\d{0,9}$' });

export const NewCaseStudyBody = Type.Object({
  weekNumber: Type.Integer({ minimum: 1, maximum: 52 }),
  title: Title,
  bodyMd: Body,
  lang: LangSchema,
  region: Region,
  theme: Theme,
  idempotencyKey: IdempotencyKey,
  draftKey: Type.Optional(DraftKey),
});
export type NewCaseStudy = Static<typeof NewCaseStudyBody>;

export const EditCaseStudyBody = Type.Object({
  title: Title,
  bodyMd: Body,
  lang: LangSchema,
  region: Region,
  theme: Theme,
  baseRevision: PositiveInt4,
  draftKey: Type.Optional(DraftKey),
});
export type CaseStudyEdit = Static<typeof EditCaseStudyBody>;

export const RequestChangesBody = Type.Object({ comment: VisibleText({ maxLength: 4000 }) });

export const CaseStudyListQuery = Type.Object({ status: Type.Optional(CaseStudyStatusSchema) });

export const CaseStudyParams = Type.Object({ id: IdSchema });

export const CaseStudyRevisionsResponse = Type.Object({
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      title: Type.String(),
      lang: LangSchema,
      html: Type.String(),
      editorName: Type.String(),
      createdAt: DateTimeSchema,
    }),
  ),
});
