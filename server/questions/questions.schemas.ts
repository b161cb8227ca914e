// Request and response shapes of questions to key respondents. A question is a post (PostSchema,
// whose `question` field carries its mark); these routes add the lists around it.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema, TextSchema } from '../http/common.schemas.ts';
import { Body, IdempotencyKey, PostSchema } from '../discussions/discussions.schemas.ts';

export const QuestionState = Type.Union([Type.Literal('unanswered'), Type.Literal('answered'), Type.Literal('all')]);
export type QuestionStateFilter = Static<typeof QuestionState>;

/** Answered and unanswered questions of a case study or a week (hidden ones are not counted). */
export const QuestionCountsSchema = Type.Object({ answered: Type.Integer(), unanswered: Type.Integer() });
export type QuestionCounts = Static<typeof QuestionCountsSchema>;

export const AskBody = Type.Object({
  bodyMd: Body,
  lang: LangSchema,
  idempotencyKey: IdempotencyKey,
  /**
   * Optional: the key respondent the asker means. The case study's key respondent is always the
   * addressee; any other id is refused rather than silently redirected.
   */
  addressedTo: Type.Optional(IdSchema),
  /** The composer's draft, deleted with the question's creation (a `reply:thread:<threadId>` key). */
  draftKey: Type.Optional(Type.String({ pattern: '^reply:thread:[1-9]\\d{0,9}$' })),
});

export const AskResponse = Type.Object({ post: PostSchema });

export const CaseStudyQuestionsQuery = Type.Object({ state: Type.Optional(QuestionState) });

/** A question with the reply marked as its answer, both by the reading rule. */
export const QuestionWithAnswerSchema = Type.Object({
  post: PostSchema,
  answer: Type.Union([PostSchema, Type.Null()]),
});

export const CaseStudyQuestionsResponse = Type.Object({
  caseStudyId: Type.Integer(),
  threadId: Type.Integer(),
  counts: QuestionCountsSchema,
  questions: Type.Array(QuestionWithAnswerSchema),
  /** Whether the viewer may ask here now, or the error code saying why not. */
  askBlockedBy: Type.Union([Type.String(), Type.Null()]),
  /** Subscribe to the thread's live updates "after" this id to miss nothing since this answer. */
  lastEventId: Type.Integer(),
});

export const MarkAnsweredBody = Type.Object({
  /** A reply to the question (in its thread, below it) to mark as the answer; omitted: just "answered". */
  answerPostId: Type.Optional(IdSchema),
});

export const MarkResponse = Type.Object({ post: PostSchema });

/** A question in the key respondent's "waiting for you" list or the organizers' overdue list. */
export const QuestionItemSchema = Type.Object({
  post: PostSchema,
  caseStudy: Type.Object({ id: Type.Integer(), title: TextSchema }),
  weekNumber: Type.Integer(),
  threadId: Type.Integer(),
  /** When the forum's target for answering it passes (or passed). */
  dueAt: DateTimeSchema,
});
export type QuestionItem = Static<typeof QuestionItemSchema>;

export const QuestionListResponse = Type.Object({
  questions: Type.Array(QuestionItemSchema),
  /** The forum's target, in hours. */
  targetHours: Type.Integer(),
});
