// Request and response shapes of the privacy routes: data exports, account erasure, legal texts.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema } from '../http/common.schemas.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/password.ts';

export const ExportFormat = Type.Union([Type.Literal('json'), Type.Literal('html')]);
export const ExportQuery = Type.Object({ format: Type.Optional(ExportFormat) });
export const ExportParams = Type.Object({ exportId: IdSchema });

/** The export document: rows by section and by table column, as the personal-data map names them. */
export const PersonalDataExportSchema = Type.Object({
  format: Type.Literal('tertulia-personal-data'),
  version: Type.Literal(1),
  generatedAt: DateTimeSchema,
  userId: Type.Integer(),
  sections: Type.Record(
    Type.String(),
    Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  ),
});

export const ExportSummarySchema = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  createdAt: DateTimeSchema,
  finishedAt: Type.Union([DateTimeSchema, Type.Null()]),
  expiresAt: Type.Union([DateTimeSchema, Type.Null()]),
  expired: Type.Boolean(),
});
export type ExportSummaryView = Static<typeof ExportSummarySchema>;

export const ExportQueuedResponse = Type.Object({ export: ExportSummarySchema });
export const ExportListResponse = Type.Object({ exports: Type.Array(ExportSummarySchema) });
export type ExportList = Static<typeof ExportListResponse>;

export const PostsChoiceSchema = Type.Union([Type.Literal('keep'), Type.Literal('remove')]);

export const ErasureBody = Type.Object({
  /** The caller's own password: the owner's, or the organizer's or admin's acting on a request. */
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  /** What becomes of the person's posts: kept under a neutral name, or their words removed. */
  posts: PostsChoiceSchema,
});
export type ErasureInput = Static<typeof ErasureBody>;

export const ErasureParams = Type.Object({ userId: IdSchema });
export const ErasedResponse = Type.Object({ status: Type.Literal('erased') });

export const LegalParams = Type.Object({
  document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
});
export const LegalQuery = Type.Object({ lang: Type.Optional(LangSchema) });
export const LegalTextSchema = Type.Object({
  document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
  lang: LangSchema,
  version: Type.String(),
  title: Type.String(),
  html: Type.String(),
});
export type LegalTextView = Static<typeof LegalTextSchema>;
