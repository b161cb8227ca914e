// Threads of a week: listing them with unread counts, starting one (idempotent on the first
// post's key), reading a page of one, and read positions.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import type { DB, Lang, ThreadKind, Week } from '../db/schema.ts';
import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import {
  assertMayReadWeek,
  assertMayWriteInWeek,
  assertOrganizer,
  forumAccessBySlug,
  type ForumAccess,
} from '../forums/forum-access.ts';
import { findWeek } from '../forums/forums.queries.ts';
import { cleanName } from '../http/text-rules.ts';
import { notifyNewPost } from '../notifications/post-notifications.ts';
import { appendEvent, latestEventId } from '../events/events.queries.ts';
import { queueTranslationTasks } from '../translation-policy/translation-tasks.queries.ts';
import { deleteDraft } from './drafts.queries.ts';
import { toPostView } from './post-view.ts';
import { archivedPost, archivedThread } from './archive-view.ts';
import { archiveAuthorsFor, translatorIdsOf } from '../consent/archive-authors.ts';
import {
  readerOf,
  withTitleTranslations,
  withTranslations,
  type TitleTranslation,
} from '../translation-policy/reader-view.ts';
import { findFirstPost, findPost, findThreadPage, insertPost, lockIdempotencyKey } from './posts.queries.ts';
import { publicView, replayedPost } from './posts.service.ts';
import { fingerprintOf, submitOnce } from './idempotent-submissions.ts';
import {
  countNewPost,
  findThread,
  findThreadCaseStudy,
  insertThread,
  listWeekThreads,
  recordThreadRead,
} from './threads.queries.ts';
import { loadThreadContext, mustAnswerFirst } from './write-context.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import { currentTime } from '../time/clock.ts';

export const POSTS_PER_PAGE = 50;

type ThreadRow = Awaited<ReturnType<typeof listWeekThreads>>[number];

export function toThreadSummary(row: Omit<ThreadRow, 'unread_count'> & { unread_count?: number }, signedIn: boolean) {
  return {
    id: row.id,
    kind: row.kind,
    title: { lang: row.original_lang, value: row.title },
    titleTranslation: null as TitleTranslation | null,
    titleTranslationPending: false,
    requiresOwnAnswer: row.requires_own_answer,
    pinned: row.pinned,
    locked: row.locked,
    author: { id: row.author_id, displayName: row.author_name },
    // A case study's thread has no opening post: every post in it is a question or a comment.
    replyCount: row.kind === 'case_study' ? row.post_count : Math.max(0, row.post_count - 1),
    lastPostAt: row.last_post_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    unreadCount: signedIn ? (row.unread_count ?? 0) : null,
  };
}

async function weekFor(db: Kysely<DB>, slug: string, number: number, user: SessionUser | null) {
  const access = await forumAccessBySlug(db, slug, user);
  const week = await findWeek(db, access.forum.id, number);
  if (!week) throw new DomainError('not_found');
  return { access, week };
}

export async function listThreads(
  db: Kysely<DB>,
  slug: string,
  number: number,
  user: SessionUser | null,
  readerLang: Lang,
  now = currentTime(),
) {
  const { access, week } = await weekFor(db, slug, number, user);
  assertMayReadWeek(access, week, now);
  const lastEventId = await latestEventId(db);
  const rows = await listWeekThreads(db, week.id, user?.id ?? null);
  const translated = await withTitleTranslations(
    db,
    rows.map((row) => toThreadSummary(row, user !== null)),
    readerOf(user, readerLang),
  );
  const archive = await archiveAuthorsFor(
    db,
    access,
    [...rows.map((row) => row.author_id), ...translatorIdsOf(translated)],
    readerLang,
  );
  const threads = translated.map((thread) => archivedThread(thread, week.number, archive, readerLang));
  const blockedBy = writeBlockedBy(access, week, false, now);
  return {
    weekId: week.id,
    threads,
    unreadCount: user ? threads.reduce((sum, t) => sum + (t.unreadCount ?? 0), 0) : null,
    permissions: {
      startThreadBlockedBy: blockedBy,
      canStartPrompt: blockedBy === null && access.isOrganizer,
      canModerate: access.isOrganizer,
    },
    lastEventId,
  };
}

export interface NewThread {
  kind: ThreadKind;
  requiresOwnAnswer: boolean;
  title: string;
  bodyMd: string;
  lang: Lang;
  idempotencyKey: string;
  draftKey?: string;
}

export async function createThread(
  db: Kysely<DB>,
  slug: string,
  number: number,
  user: SessionUser,
  input: NewThread,
  now = currentTime(),
) {
  const title = cleanName(input.title, 'title');
  const bodyMd = input.bodyMd.trim();
  if (!bodyMd) throw new DomainError('validation', { field: 'bodyMd' });
  const fingerprint = fingerprintOf(['thread', slug, number, bodyMd]);
  return submitOnce(user.id, input.idempotencyKey, fingerprint, () =>
    writeThread(db, slug, number, user, input, title, bodyMd, now),
  );
}

async function writeThread(
  db: Kysely<DB>,
  slug: string,
  number: number,
  user: SessionUser,
  input: NewThread,
  title: string,
  bodyMd: string,
  now: Date,
) {
  const { access, week } = await weekFor(db, slug, number, user);
  // Prompts are the organizers' follow-up questions.
  if (input.kind === 'prompt') assertOrganizer(access);
  // A retry of a stored submission gets its thread without rendering again (the render pool limits each author).
  const stored = await replayedPost(db, user, input.idempotencyKey, { parentId: null, bodyMd });
  const bodyHtml = stored ? '' : await renderMarkdown(bodyMd, { field: 'bodyMd', authorId: user.id });
  const threadId = stored
    ? stored.thread_id
    : await db.transaction().execute(async (trx) => {
        await lockIdempotencyKey(trx, user.id, input.idempotencyKey);
        const replay = await replayedPost(trx, user, input.idempotencyKey, { parentId: null, bodyMd });
        if (replay) return replay.thread_id;
        assertMayWriteInWeek(access, week, now);
        const id = await insertThread(trx, {
          forumId: access.forum.id,
          weekId: week.id,
          kind: input.kind,
          requiresOwnAnswer: input.kind === 'prompt' && input.requiresOwnAnswer,
          title,
          lang: input.lang,
          authorId: user.id,
        });
        const postId = await insertPost(trx, {
          threadId: id,
          parentId: null,
          parentPath: [],
          authorId: user.id,
          lang: input.lang,
          bodyMd,
          bodyHtml,
          wordCount: countWords(bodyMd),
          idempotencyKey: input.idempotencyKey,
        });
        await countNewPost(trx, id);
        if (input.draftKey) await deleteDraft(trx, user.id, input.draftKey);
        const item = { forumId: access.forum.id, weekId: week.id, sourceLang: input.lang, sourceRevision: 1 };
        await queueTranslationTasks(trx, { ...item, itemType: 'thread_title', itemId: id });
        await queueTranslationTasks(trx, { ...item, itemType: 'post', itemId: postId });
        await notifyNewPost(
          trx,
          {
            forumId: access.forum.id,
            weekId: week.id,
            threadId: id,
            postId,
            authorId: user.id,
            parentId: null,
            bodyMd,
          },
          now,
        );
        const thread = (await findThread(trx, id))!;
        const post = (await findPost(trx, postId))!;
        await appendEvent(trx, {
          forumId: access.forum.id,
          weekId: week.id,
          threadId: id,
          type: 'thread.created',
          payload: {
            thread: toThreadSummary({ ...thread, author_name: post.author_name }, false),
            post: publicView(post),
          },
        });
        return id;
      });
  const thread = (await findThread(db, threadId))!;
  const first = (await findFirstPost(db, threadId))!;
  return {
    thread: toThreadSummary({ ...thread, author_name: first.author_name, unread_count: 0 }, true),
    post: toPostView(first, { userId: user.id, isOrganizer: access.isOrganizer }),
  };
}

/** A page of a thread: a fixed number of queries whatever the thread's size. */
export async function getThreadPage(
  db: Kysely<DB>,
  threadId: number,
  page: number,
  user: SessionUser | null,
  readerLang: Lang,
  now = currentTime(),
) {
  const context = await loadThreadContext(db, threadId, user, now);
  const { access, thread, week } = context;
  // Read before the page, so a client subscribing "after" it misses nothing in between.
  const lastEventId = await latestEventId(db);
  const pageCount = Math.max(1, Math.ceil(thread.post_count / POSTS_PER_PAGE));
  if (page > pageCount) throw new DomainError('not_found');
  const answerFirst = await mustAnswerFirst(db, context, user);
  const rows = answerFirst
    ? [await findFirstPost(db, threadId)].filter((row) => row !== undefined)
    : await findThreadPage(db, threadId, (page - 1) * POSTS_PER_PAGE, POSTS_PER_PAGE);
  const viewer = { userId: user?.id ?? null, isOrganizer: access.isOrganizer };
  const reader = readerOf(user, readerLang);
  const replyBlockedBy = writeBlockedBy(access, week, thread.locked, now);
  // A case study's thread has no first post of its author's: its author and case study come from the case study.
  const caseStudy = thread.kind === 'case_study' ? await findThreadCaseStudy(db, threadId) : undefined;
  const authorName = caseStudy?.author_name ?? rows[0]?.author_name ?? '';
  const threadAuthorId = caseStudy?.author_id ?? thread.author_id;
  const [translated] = await withTitleTranslations(
    db,
    [toThreadSummary({ ...thread, author_id: threadAuthorId, author_name: authorName }, false)],
    reader,
  );
  const posts = await withTranslations(
    db,
    rows.map((row) => toPostView(row, viewer)),
    reader,
  );
  const archive = await archiveAuthorsFor(
    db,
    access,
    [
      threadAuthorId,
      ...rows.flatMap((row) => [row.author_id, row.parent_author_id, row.addressed_to]),
      ...translatorIdsOf([translated!, ...posts]),
    ].filter((id) => id !== null),
    readerLang,
  );
  const summary = archivedThread(translated!, week.number, archive, readerLang);
  return {
    thread: {
      ...summary,
      unreadCount: null,
      forumSlug: access.forum.slug,
      weekNumber: week.number,
      canReply: replyBlockedBy === null,
      replyBlockedBy,
      canModerate: access.isOrganizer,
      caseStudyId: caseStudy?.id ?? null,
    },
    posts: posts.map((post, index) => archivedPost(post, rows[index]!.parent_author_id, archive)),
    page,
    pageCount,
    mustAnswerFirst: answerFirst,
    lastEventId,
  };
}

/** Why the viewer may not write in a week or thread, or null when they may. */
export function writeBlockedBy(access: ForumAccess, week: Week, locked: boolean, now: Date): ErrorCode | null {
  try {
    assertMayWriteInWeek(access, week, now);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return locked && !access.isOrganizer ? 'thread_locked' : null;
}

/**
 * Moves a reader's position forward (never back) to a post of the thread, and marks read their
 * notifications about the thread up to it (as Discourse does), in one statement.
 */
export async function markThreadRead(
  db: Kysely<DB>,
  threadId: number,
  user: SessionUser,
  lastReadPostId: number,
  now = currentTime(),
): Promise<void> {
  await loadThreadContext(db, threadId, user, now);
  if (!(await recordThreadRead(db, user.id, threadId, lastReadPostId, now))) throw new DomainError('not_found');
}

export async function markWeekRead(
  db: Kysely<DB>,
  slug: string,
  number: number,
  user: SessionUser,
  now = currentTime(),
): Promise<void> {
  const { access, week } = await weekFor(db, slug, number, user);
  assertMayReadWeek(access, week, now);
  await db
    .insertInto('thread_reads')
    .columns(['user_id', 'thread_id', 'last_read_post_id'])
    .expression((eb) =>
      eb
        .selectFrom('posts')
        .innerJoin('threads', 'threads.id', 'posts.thread_id')
        .select((inner) => [
          inner.val(user.id).as('user_id'),
          'posts.thread_id',
          inner.fn.max('posts.id').as('last_read_post_id'),
        ])
        .where('threads.week_id', '=', week.id)
        .groupBy('posts.thread_id'),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'thread_id']).doUpdateSet((eb) => ({
        last_read_post_id: eb.fn('greatest', ['thread_reads.last_read_post_id', eb.ref('excluded.last_read_post_id')]),
      })),
    )
    .execute();
}
