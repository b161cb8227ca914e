// Shapes of the proceedings API (the console's editions and the public's published list).
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema } from '../http/common.schemas.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';

export const EditionStatusSchema = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('done'),
  Type.Literal('failed'),
]);
export const EditionFormatSchema = Type.Union([
  Type.Literal('html'),
  Type.Literal('pdf'),
  Type.Literal('csv'),
  Type.Literal('json'),
]);

export const EditionSchema = Type.Object({
  id: IdSchema,
  lang: LangSchema,
  status: EditionStatusSchema,
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  /** What the job is doing, in the caller's language. */
  step: Type.String(),
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  /** The threads chosen; null: every thread an accepted element cites. */
  threadIds: Type.Union([Type.Array(IdSchema), Type.Null()]),
  createdAt: DateTimeSchema,
  finishedAt: Type.Union([DateTimeSchema, Type.Null()]),
  publishedAt: Type.Union([DateTimeSchema, Type.Null()]),
  files: Type.Array(Type.Object({ format: EditionFormatSchema, sizeBytes: Type.Integer({ minimum: 1 }) })),
  /** The stable public address of this language's published proceedings, while the public may read it. */
  publicUrl: Type.Union([Type.String(), Type.Null()]),
});
export type EditionView = Static<typeof EditionSchema>;

export const CandidateThreadSchema = Type.Object({
  id: IdSchema,
  title: Type.Object({ lang: LangSchema, value: Type.String() }),
  week: Type.Integer({ minimum: 1 }),
  postCount: Type.Integer({ minimum: 0 }),
  /** Accepted elements that cite a post of this thread: these are chosen by default. */
  citedCount: Type.Integer({ minimum: 0 }),
});

export const ProceedingsResponse = Type.Object({
  editions: Type.Array(EditionSchema),
  candidates: Type.Array(CandidateThreadSchema),
});
export type ProceedingsView = Static<typeof ProceedingsResponse>;

export const NewEditionBody = Type.Object(
  {
    lang: LangSchema,
    threadIds: Type.Optional(Type.Array(IdSchema, { maxItems: 5000, uniqueItems: true })),
    idempotencyKey: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);

export const EditionResponse = Type.Object({ edition: EditionSchema });

export const PublishedEditionSchema = Type.Object({
  lang: LangSchema,
  publishedAt: DateTimeSchema,
  files: Type.Array(
    Type.Object({ format: EditionFormatSchema, sizeBytes: Type.Integer({ minimum: 1 }), url: Type.String() }),
  ),
});
export const PublishedResponse = Type.Object({ editions: Type.Array(PublishedEditionSchema) });

export const ProceedingsParams = SlugParams;
export const EditionParams = Type.Object({ id: IdSchema });
export const EditionFileParams = Type.Object({ id: IdSchema, format: EditionFormatSchema });
export const PublicFileParams = Type.Object({
  slug: SlugParams.properties.slug,
  file: Type.String({ pattern: '^(en|es|fr)(\\.(pdf|csv|json|html))?$' }),
});
