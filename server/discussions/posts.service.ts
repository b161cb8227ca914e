// Writing posts: replies (idempotent on a client-generated key), edits with revision history,
// and reading a post's revisions. Every write is one transaction that also appends its event.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { notifyNewPost } from '../notifications/post-notifications.ts';
import { answersQuestion, writeAnswerMark } from './answer-marks.ts';
import { appendEvent } from '../events/events.queries.ts';
import { queueTranslationTasks } from '../translation-policy/translation-tasks.queries.ts';
import { deleteDraft } from './drafts.queries.ts';
import { fingerprintOf, submitOnce } from './idempotent-submissions.ts';
import { toPostView, type PostView } from './post-view.ts';
import { archiveAuthorsFor } from '../consent/archive-authors.ts';
import {
  findPost,
  findPostByIdempotencyKey,
  findRevisions,
  insertPost,
  lockIdempotencyKey,
  updatePostBody,
} from './posts.queries.ts';
import { countNewPost, lockThread } from './threads.queries.ts';
import { assertMayWriteInThread, loadThreadContext, mustAnswerFirst } from './write-context.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import { currentTime } from '../time/clock.ts';

export interface NewReply {
  threadId: number;
  parentId: number | null;
  bodyMd: string;
  lang: Lang;
  idempotencyKey: string;
  draftKey?: string;
  /** A question to a key respondent (server/questions checks who may be asked, then posts through here). */
  question?: { addressedTo: number; notify(trx: Transaction<DB>, postId: number): Promise<void> };
}

/** The post as a reader with no special rights sees it: what live events carry. */
export function publicView(row: NonNullable<Awaited<ReturnType<typeof findPost>>>): PostView {
  return toPostView(row, { userId: null, isOrganizer: false });
}

/**
 * Replays an earlier submission with the same key: the same post when the content matches,
 * a conflict when the key was reused for something else.
 */
export async function replayedPost(
  trx: Kysely<DB> | Transaction<DB>,
  user: SessionUser,
  key: string,
  expected: { threadId?: number; parentId?: number | null; bodyMd: string },
) {
  const existing = await findPostByIdempotencyKey(trx, user.id, key);
  if (!existing) return undefined;
  const same =
    existing.body_md === expected.bodyMd &&
    (expected.threadId === undefined || existing.thread_id === expected.threadId) &&
    (expected.parentId === undefined || existing.parent_id === expected.parentId);
  if (!same) throw new DomainError('idempotency_conflict');
  return existing;
}

export async function createReply(
  db: Kysely<DB>,
  user: SessionUser,
  input: NewReply,
  now = currentTime(),
): Promise<PostView> {
  const bodyMd = input.bodyMd.trim();
  if (!bodyMd) throw new DomainError('validation', { field: 'bodyMd' });
  const fingerprint = fingerprintOf(['reply', input.threadId, input.parentId, bodyMd]);
  return submitOnce(user.id, input.idempotencyKey, fingerprint, () => writeReply(db, user, input, bodyMd, now));
}

async function writeReply(
  db: Kysely<DB>,
  user: SessionUser,
  input: NewReply,
  bodyMd: string,
  now: Date,
): Promise<PostView> {
  // A retry of a stored submission gets its post without rendering again (the render pool limits each author).
  const stored = await replayedPost(db, user, input.idempotencyKey, {
    threadId: input.threadId,
    parentId: input.parentId ?? undefined,
    bodyMd,
  });
  if (stored) return toPostView((await findPost(db, stored.id))!, { userId: user.id, isOrganizer: false });
  const bodyHtml = await renderMarkdown(bodyMd, { field: 'bodyMd', authorId: user.id });
  const postId = await db.transaction().execute(async (trx) => {
    await lockIdempotencyKey(trx, user.id, input.idempotencyKey);
    const replay = await replayedPost(trx, user, input.idempotencyKey, {
      threadId: input.threadId,
      parentId: input.parentId ?? undefined,
      bodyMd,
    });
    if (replay) return replay.id;

    const context = await loadThreadContext(trx, input.threadId, user, now);
    assertMayWriteInThread(context, now);
    // Row lock: a lock or a concurrent reply cannot slip between the check and the count.
    await lockThread(trx, input.threadId);
    let parentPath: number[];
    // A reply by a question's addressee to it, still unanswered, answers it (server/questions).
    let answered: { id: number; askerId: number } | null = null;
    if (input.parentId === null) {
      const first = await trx
        .selectFrom('posts')
        .select('path')
        .where('thread_id', '=', input.threadId)
        .where('parent_id', 'is', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      // A case study's thread opens with the case study itself, not a post: its top-level posts (questions) are roots.
      if (!first && context.thread.kind !== 'case_study') throw new DomainError('not_found');
      parentPath = context.thread.kind === 'case_study' ? [] : first!.path;
    } else {
      const parent = await trx
        .selectFrom('posts')
        .select(['path', 'thread_id', 'author_id', 'addressed_to', 'answered_at', 'hidden_at'])
        .where('id', '=', input.parentId)
        .executeTakeFirst();
      if (!parent || parent.thread_id !== input.threadId) throw new DomainError('not_found');
      parentPath = parent.path;
      if (answersQuestion(parent, user.id)) answered = { id: input.parentId, askerId: parent.author_id };
    }
    const id = await insertPost(trx, {
      threadId: input.threadId,
      parentId: input.parentId ?? parentPath.at(-1) ?? null,
      parentPath,
      authorId: user.id,
      lang: input.lang,
      bodyMd,
      bodyHtml,
      wordCount: countWords(bodyMd),
      idempotencyKey: input.idempotencyKey,
      addressedTo: input.question?.addressedTo,
    });
    await countNewPost(trx, input.threadId);
    if (input.draftKey) await deleteDraft(trx, user.id, input.draftKey);
    await queueTranslationTasks(trx, {
      forumId: context.thread.forum_id,
      weekId: context.thread.week_id,
      itemType: 'post',
      itemId: id,
      sourceLang: input.lang,
      sourceRevision: 1,
    });
    if (input.question) await input.question.notify(trx, id);
    const answerEvent =
      answered &&
      (await writeAnswerMark(
        trx,
        {
          id: answered.id,
          forumId: context.thread.forum_id,
          weekId: context.thread.week_id,
          threadId: input.threadId,
          askerId: answered.askerId,
        },
        { answerPostId: id, by: user.id },
        now,
      ));
    await notifyNewPost(
      trx,
      {
        forumId: context.thread.forum_id,
        weekId: context.thread.week_id,
        threadId: input.threadId,
        postId: id,
        authorId: user.id,
        parentId: parentPath.at(-1) ?? null,
        bodyMd,
        alreadyTold: [...(input.question ? [input.question.addressedTo] : []), ...(answered ? [answered.askerId] : [])],
      },
      now,
    );
    const row = (await findPost(trx, id))!;
    await appendEvent(trx, {
      forumId: context.thread.forum_id,
      weekId: context.thread.week_id,
      threadId: input.threadId,
      type: 'post.created',
      payload: { post: publicView(row) },
    });
    if (answerEvent) await appendEvent(trx, answerEvent);
    return id;
  });
  const row = (await findPost(db, postId))!;
  return toPostView(row, { userId: user.id, isOrganizer: false });
}

export async function editPost(
  db: Kysely<DB>,
  user: SessionUser,
  postId: number,
  edit: { bodyMd: string; lang: Lang; baseRevision: number; draftKey?: string },
  now = currentTime(),
): Promise<PostView> {
  const bodyMd = edit.bodyMd.trim();
  if (!bodyMd) throw new DomainError('validation', { field: 'bodyMd' });
  const bodyHtml = await renderMarkdown(bodyMd, { field: 'bodyMd', authorId: user.id });
  await db.transaction().execute(async (trx) => {
    const post = await findPost(trx, postId);
    if (!post) throw new DomainError('not_found');
    const context = await loadThreadContext(trx, post.thread_id, user, now);
    if (post.author_id !== user.id) throw new DomainError('forbidden');
    assertMayWriteInThread(context, now);
    if (post.hidden_at) throw new DomainError('forbidden');
    const saved = await updatePostBody(trx, postId, edit.baseRevision, {
      lang: edit.lang,
      bodyMd,
      bodyHtml,
      wordCount: countWords(bodyMd),
      editorId: user.id,
    });
    if (!saved) throw new DomainError('edit_conflict');
    if (edit.draftKey) await deleteDraft(trx, user.id, edit.draftKey);
    // Published translations now translate an earlier version; a new task starts from them.
    await queueTranslationTasks(trx, {
      forumId: context.thread.forum_id,
      weekId: context.thread.week_id,
      itemType: 'post',
      itemId: postId,
      sourceLang: edit.lang,
      sourceRevision: edit.baseRevision + 1,
    });
    const row = (await findPost(trx, postId))!;
    await appendEvent(trx, {
      forumId: context.thread.forum_id,
      weekId: context.thread.week_id,
      threadId: post.thread_id,
      type: 'post.edited',
      payload: { post: publicView(row) },
    });
  });
  return toPostView((await findPost(db, postId))!, { userId: user.id, isOrganizer: false });
}

export async function listRevisions(db: Kysely<DB>, user: SessionUser | null, postId: number, now = currentTime()) {
  const post = await findPost(db, postId);
  if (!post) throw new DomainError('not_found');
  const context = await loadThreadContext(db, post.thread_id, user, now);
  // A hidden post's history is as hidden as its text.
  if (post.hidden_at && !context.access.isOrganizer) throw new DomainError('forbidden');
  // So is an answer to a prompt the reader has not answered yet (the prompt itself is shown).
  if (post.parent_id !== null && post.author_id !== user?.id && (await mustAnswerFirst(db, context, user)))
    throw new DomainError('answer_first');
  // The public archive withholds the text of an author who chose not to appear, and so its history.
  const archive = await archiveAuthorsFor(db, context.access, [post.author_id], user?.interfaceLang ?? 'en');
  if (archive && !archive(post.author_id, post.author_name).shown) throw new DomainError('forbidden');
  const revisions = await findRevisions(db, postId);
  return revisions.map((revision) => ({
    revision: revision.revision,
    lang: revision.original_lang,
    html: revision.body_html,
    editorName: archive ? archive(revision.editor_id, revision.editor_name).displayName : revision.editor_name,
    createdAt: revision.created_at.toISOString(),
  }));
}
