// How a post looks to one reader. Replies nest to three levels; deeper ones are shown at the
// third level with "in reply to …". A hidden post keeps its place in the tree, its text shown
// only to organizers.
import type { Lang } from '../db/schema.ts';
import type { PostRow } from './posts.queries.ts';
import type { TranslationView } from '../translation-policy/reader-view.ts';

export const MAX_DISPLAY_DEPTH = 3;

export interface PostView {
  id: number;
  threadId: number;
  parentId: number | null;
  /** Nesting level to draw, 0 for the thread's first post, at most MAX_DISPLAY_DEPTH. */
  displayDepth: number;
  /** Set when the post is drawn shallower than its real depth. */
  inReplyTo: { postId: number; authorName: string } | null;
  author: { id: number; displayName: string; former?: true };
  lang: Lang;
  html: string | null;
  /** Its author removed their words when leaving their account (server/privacy). */
  removed?: true;
  /** The Markdown source, for its author to edit. */
  markdown: string | null;
  wordCount: number;
  revision: number;
  createdAt: string;
  editedAt: string | null;
  hidden: { reason: string | null } | null;
  mine: boolean;
  /** For a reader who does not read the original's language: its translation into theirs. */
  translation: TranslationView | null;
  /** No translation into the reader's language yet, but one is queued. */
  translationPending: boolean;
  /** In the public archive, the author chose not to appear (server/consent/archive-authors.ts). */
  withheld?: true;
  /** Set on a question to a key respondent: whom it asks and whether it is answered. */
  question?: QuestionMark | null;
}

export interface QuestionMark {
  addressedTo: { id: number; displayName: string };
  answeredAt: string | null;
  answerPostId: number | null;
}

export interface PostViewer {
  userId: number | null;
  isOrganizer: boolean;
}

export function toPostView(row: PostRow, viewer: PostViewer): PostView {
  const depth = row.path.length - 1;
  const hidden = row.hidden_at !== null;
  const mayReadText = !hidden || viewer.isOrganizer;
  const mine = viewer.userId === row.author_id;
  return {
    id: row.id,
    threadId: row.thread_id,
    parentId: row.parent_id,
    displayDepth: Math.min(depth, MAX_DISPLAY_DEPTH),
    inReplyTo:
      depth > MAX_DISPLAY_DEPTH && row.parent_id !== null
        ? { postId: row.parent_id, authorName: row.parent_author_name ?? '' }
        : null,
    author:
      row.author_erased_at === null
        ? { id: row.author_id, displayName: row.author_name }
        : { id: row.author_id, displayName: row.author_name, former: true },
    ...(row.removed_at === null ? {} : { removed: true as const }),
    lang: row.original_lang,
    html: mayReadText ? row.body_html : null,
    markdown: mine && mayReadText ? row.body_md : null,
    wordCount: row.word_count,
    revision: row.revision,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    hidden: hidden ? { reason: viewer.isOrganizer || mine ? row.hidden_reason : null } : null,
    mine,
    translation: null,
    translationPending: false,
    question:
      row.addressed_to === null
        ? null
        : {
            addressedTo: { id: row.addressed_to, displayName: row.addressee_name ?? '' },
            answeredAt: row.answered_at?.toISOString() ?? null,
            answerPostId: row.answer_post_id,
          },
  };
}
