// Request and response shapes of the synthesis: policy elements proposed from what members read,
// their curation by organizers, endorsements, and the region × theme matrix with its comparison.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema, PositiveInt4, VisibleText } from '../http/common.schemas.ts';
import { TranslationSchema } from '../translation-policy/translation-view.schemas.ts';
import { ChoiceSchema, EntryKey } from '../forums/forum-lists.schemas.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';

/** Characters a statement may have at most, whatever the forum's word limit (the limit is in words). */
export const STATEMENT_MAX_LENGTH = 4000;
export const DECLINE_REASON_MAX_LENGTH = 1000;
/** The most items one proposal may cite. */
export const MAX_CITATIONS = 20;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Person = Type.Object({ id: Type.Integer(), displayName: Type.String() });

export const ElementStatusSchema = Type.Union([
  Type.Literal('proposed'),
  Type.Literal('accepted'),
  Type.Literal('declined'),
  Type.Literal('merged'),
]);
export const CitedItemTypeSchema = Type.Union([Type.Literal('post'), Type.Literal('case_study')]);

/** An item an element cites, as the viewer may see it: a link into its thread and a short excerpt. */
export const CitationSchema = Type.Object({
  type: CitedItemTypeSchema,
  id: Type.Integer(),
  weekNumber: Type.Integer(),
  /** The thread the cited post (or the case study's discussion) is in; null for a case study without one. */
  threadId: Nullable(Type.Integer()),
  /** The post to scroll to in that thread; null for a case study. */
  postId: Nullable(Type.Integer()),
  author: Person,
  /** The case study's title, or the first words of the post, in its own language. */
  excerpt: Type.Object({ lang: LangSchema, value: Type.String() }),
  /** Whether the cited post answers a question to a key respondent. */
  isAnswer: Type.Boolean(),
});

export const ElementSchema = Type.Object({
  id: Type.Integer(),
  status: ElementStatusSchema,
  region: ChoiceSchema,
  theme: ChoiceSchema,
  weekNumber: Type.Integer(),
  /** The statement in its original language. */
  lang: LangSchema,
  html: Type.String(),
  /** The Markdown source, for the proposer while proposed and for organizers; null otherwise. */
  markdown: Nullable(Type.String()),
  wordCount: Type.Integer(),
  revision: Type.Integer(),
  /** The reading rule's choice for the viewer, with its translator (server/translation-policy). */
  translation: TranslationSchema,
  translationPending: Type.Boolean(),
  proposers: Type.Array(Person),
  citations: Type.Array(CitationSchema),
  endorsementCount: Type.Integer(),
  endorsedByMe: Type.Boolean(),
  /** Shown to the proposers and organizers once declined. */
  declineReason: Nullable(Type.String()),
  /** The element a merged one now lives in. */
  mergedInto: Nullable(Type.Integer()),
  /** What the viewer may do with it now. */
  may: Type.Object({ edit: Type.Boolean(), decide: Type.Boolean(), endorse: Type.Boolean() }),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type Element = Static<typeof ElementSchema>;

/** Where an element may be placed and what the matrix is drawn on. */
const PlacesSchema = {
  regions: Type.Array(ChoiceSchema),
  themes: Type.Array(ChoiceSchema),
};

export const SynthesisQuery = Type.Object({
  /** Only elements that came from this week. */
  week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  theme: Type.Optional(EntryKey),
});

/** The matrix: accepted elements, which the page lays out by region (columns) and theme (rows). */
export const SynthesisResponse = Type.Object({
  ...PlacesSchema,
  /** The weeks elements may come from (opened weeks), for the week filter. */
  weeks: Type.Array(
    Type.Object({ number: Type.Integer(), title: Type.Object({ lang: LangSchema, value: Type.String() }) }),
  ),
  elements: Type.Array(ElementSchema),
  /** How many proposals wait for a decision (organizers), or the viewer's own waiting ones. */
  waitingCount: Type.Integer(),
  statementWordLimit: Type.Integer(),
  may: Type.Object({ propose: Type.Boolean(), decide: Type.Boolean() }),
});

export const ComparisonQuery = Type.Object({
  a: EntryKey,
  b: EntryKey,
  week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
});
/** Two regions side by side, theme by theme (themes with nothing on either side included, empty). */
export const ComparisonResponse = Type.Object({
  a: ChoiceSchema,
  b: ChoiceSchema,
  rows: Type.Array(Type.Object({ theme: ChoiceSchema, a: Type.Array(ElementSchema), b: Type.Array(ElementSchema) })),
});

export const ProposalsQuery = Type.Object({
  status: Type.Optional(ElementStatusSchema),
});
/** Organizers: every element of the forum by status; members: their own proposals. */
export const ProposalsResponse = Type.Object({ elements: Type.Array(ElementSchema) });

const Statement = VisibleText({ minLength: 1, maxLength: STATEMENT_MAX_LENGTH });
const CitationInput = Type.Object({ type: CitedItemTypeSchema, id: IdSchema });

export const NewElementBody = Type.Object({
  statement: Statement,
  lang: LangSchema,
  region: EntryKey,
  theme: EntryKey,
  citations: Type.Array(CitationInput, { minItems: 1, maxItems: MAX_CITATIONS }),
  idempotencyKey: Type.String({ format: 'uuid' }),
});

/** An edit; `revision` is the one the editor saw, so two organizers' edits cannot silently overwrite. */
export const EditElementBody = Type.Object({
  revision: PositiveInt4,
  statement: Type.Optional(Statement),
  lang: Type.Optional(LangSchema),
  region: Type.Optional(EntryKey),
  theme: Type.Optional(EntryKey),
});
export const MergeBody = Type.Object({ into: IdSchema });
export const DeclineBody = Type.Object({
  reason: VisibleText({ minLength: 1, maxLength: DECLINE_REASON_MAX_LENGTH }),
});

export const ElementResponse = Type.Object({ element: ElementSchema });
export const EndorsementResponse = Type.Object({ endorsementCount: Type.Integer(), endorsedByMe: Type.Boolean() });
export const ElementRevisionsResponse = Type.Object({
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      lang: LangSchema,
      html: Type.String(),
      region: ChoiceSchema,
      theme: ChoiceSchema,
      editor: Person,
      createdAt: DateTimeSchema,
    }),
  ),
});

export const SynthesisParams = SlugParams;
