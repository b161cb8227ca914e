// Request and response shapes of threads, posts, drafts and read positions.
import { Type } from 'typebox';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';
import { TitleTranslationSchema, TranslationSchema } from '../translation-policy/translation-view.schemas.ts';
import {
  DateTimeSchema,
  IdSchema,
  LangSchema,
  LineText,
  NameText,
  PositiveInt4,
  SafeText,
  TextSchema,
  VisibleText,
} from '../http/common.schemas.ts';

/** Longest post body accepted, in characters (about 8,000 words): the most the renderer takes. */
export const MAX_BODY_LENGTH = MAX_MARKDOWN_LENGTH;

export const IdempotencyKey = Type.String({ format: 'uuid' });
export const Body = VisibleText({ maxLength: MAX_BODY_LENGTH });
const DraftKey = Type.String({ pattern: '^(thread:week|reply:thread|reply:post|edit:post|case-study):[1-9]\\d{0,9}$' });

export const PostSchema = Type.Object({
  id: Type.Integer(),
  threadId: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  displayDepth: Type.Integer({ minimum: 0, maximum: 3 }),
  inReplyTo: Type.Union([Type.Object({ postId: Type.Integer(), authorName: Type.String() }), Type.Null()]),
  author: Type.Object({
    id: Type.Integer(),
    displayName: Type.String(),
    /** The author erased their account: readers show "former participant" in their own language. */
    former: Type.Optional(Type.Literal(true)),
  }),
  lang: LangSchema,
  html: Type.Union([Type.String(), Type.Null()]),
  /** Its author removed their words when leaving; the post keeps its place so replies stay in the tree. */
  removed: Type.Optional(Type.Literal(true)),
  markdown: Type.Union([Type.String(), Type.Null()]),
  wordCount: Type.Integer(),
  revision: Type.Integer(),
  createdAt: DateTimeSchema,
  editedAt: Type.Union([DateTimeSchema, Type.Null()]),
  hidden: Type.Union([Type.Object({ reason: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  mine: Type.Boolean(),
  translation: TranslationSchema,
  translationPending: Type.Boolean(),
  /** In the public archive, the author chose not to appear: the text is withheld, the post keeps its place. */
  withheld: Type.Optional(Type.Literal(true)),
  /** Set on a question to a key respondent (server/questions): whom it asks and whether it is answered. */
  question: Type.Optional(
    Type.Union([
      Type.Object({
        addressedTo: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
        answeredAt: Type.Union([DateTimeSchema, Type.Null()]),
        answerPostId: Type.Union([Type.Integer(), Type.Null()]),
      }),
      Type.Null(),
    ]),
  ),
});

const threadSummaryProperties = {
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('discussion'), Type.Literal('prompt'), Type.Literal('case_study')]),
  title: TextSchema,
  /** The title in the reader's language when they do not read the original's. */
  titleTranslation: TitleTranslationSchema,
  /** No title translation the reader reads yet, but one is queued. */
  titleTranslationPending: Type.Boolean(),
  requiresOwnAnswer: Type.Boolean(),
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  author: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
  replyCount: Type.Integer(),
  lastPostAt: DateTimeSchema,
  createdAt: DateTimeSchema,
  unreadCount: Type.Union([Type.Integer(), Type.Null()]),
};
export const ThreadSummarySchema = Type.Object(threadSummaryProperties);

const BlockedBy = Type.Union([Type.String(), Type.Null()], {
  description: 'Error code saying why the viewer may not write here, or null',
});

export const ThreadListResponse = Type.Object({
  weekId: Type.Integer(),
  threads: Type.Array(ThreadSummarySchema),
  unreadCount: Type.Union([Type.Integer(), Type.Null()]),
  permissions: Type.Object({
    startThreadBlockedBy: BlockedBy,
    canStartPrompt: Type.Boolean(),
    canModerate: Type.Boolean(),
  }),
  /** Subscribe to live updates "after" this id to miss nothing since this answer. */
  lastEventId: Type.Integer(),
});

export const NewThreadBody = Type.Object({
  kind: Type.Union([Type.Literal('discussion'), Type.Literal('prompt')], { default: 'discussion' }),
  requiresOwnAnswer: Type.Boolean({ default: false }),
  title: NameText({ maxLength: 200 }),
  bodyMd: Body,
  lang: LangSchema,
  idempotencyKey: IdempotencyKey,
  draftKey: Type.Optional(DraftKey),
});

export const NewThreadResponse = Type.Object({ thread: ThreadSummarySchema, post: PostSchema });

export const ThreadPageQuery = Type.Object({ page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }) });
export const ThreadPageResponse = Type.Object({
  thread: Type.Object({
    ...threadSummaryProperties,
    forumSlug: Type.String(),
    weekNumber: Type.Integer(),
    canReply: Type.Boolean(),
    replyBlockedBy: BlockedBy,
    canModerate: Type.Boolean(),
    /** For a thread of kind 'case_study': the case study it discusses (the page links back to it). */
    caseStudyId: Type.Union([Type.Integer(), Type.Null()]),
  }),
  posts: Type.Array(PostSchema),
  page: Type.Integer(),
  pageCount: Type.Integer(),
  mustAnswerFirst: Type.Boolean(),
  lastEventId: Type.Integer(),
});

export const NewReplyBody = Type.Object({
  parentId: Type.Optional(IdSchema),
  bodyMd: Body,
  lang: LangSchema,
  idempotencyKey: IdempotencyKey,
  draftKey: Type.Optional(DraftKey),
});
export const PostResponse = Type.Object({ post: PostSchema });

export const EditPostBody = Type.Object({
  bodyMd: Body,
  lang: LangSchema,
  baseRevision: PositiveInt4,
  draftKey: Type.Optional(DraftKey),
});

export const RevisionsResponse = Type.Object({
  revisions: Type.Array(
    Type.Object({
      revision: Type.Integer(),
      lang: LangSchema,
      html: Type.String(),
      editorName: Type.String(),
      createdAt: DateTimeSchema,
    }),
  ),
});

export const ReadBody = Type.Object({ lastReadPostId: IdSchema });

export const DraftParams = Type.Object({ key: DraftKey });
export const DraftBody = Type.Object({
  title: LineText({ maxLength: 200, default: '' }),
  bodyMd: SafeText({ maxLength: MAX_BODY_LENGTH }),
  lang: LangSchema,
});
export const DraftSchema = Type.Object({
  key: Type.String(),
  title: Type.String(),
  bodyMd: Type.String(),
  lang: LangSchema,
  updatedAt: DateTimeSchema,
});
export const DraftResponse = Type.Object({ draft: Type.Union([DraftSchema, Type.Null()]) });
