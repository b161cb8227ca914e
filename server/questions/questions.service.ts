// Questions to key respondents: asking one about a published case study (a post in its thread
// addressed to its author, posted through the discussions' reply path so translation tasks,
// notifications, live events and drafts work as for any post), marking it answered or not, and
// the lists: a case study's questions, those waiting for a key respondent, those overdue.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import { assertMayWriteInWeek, assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { notify } from '../notifications/notify.ts';
import { appendEvent, latestEventId } from '../events/events.queries.ts';
import { readerOf, withTranslations } from '../translation-policy/reader-view.ts';
import { toPostView, type PostView } from '../discussions/post-view.ts';
import { findPost, findPostsByIds } from '../discussions/posts.queries.ts';
import { createReply } from '../discussions/posts.service.ts';
import { writeBlockedBy } from '../discussions/threads.service.ts';
import { loadThreadContext } from '../discussions/write-context.ts';
import { currentTime } from '../time/clock.ts';
import { writeAnswerMark } from '../discussions/answer-marks.ts';
import {
  countQuestionsByThread,
  findCaseStudyForQuestions,
  findQuestion,
  isReplyBelow,
  listThreadQuestions,
  listUnansweredQuestions,
} from './questions.queries.ts';
import type { QuestionItem, QuestionStateFilter } from './questions.schemas.ts';
import { archiveAuthorsFor, translatorIdsOf } from '../consent/archive-authors.ts';
import { archivedPost } from '../discussions/archive-view.ts';

export interface NewQuestion {
  bodyMd: string;
  lang: Lang;
  idempotencyKey: string;
  addressedTo?: number;
  draftKey?: string;
}

type CaseStudyRow = NonNullable<Awaited<ReturnType<typeof findCaseStudyForQuestions>>>;

/** A published case study with its thread; anything else does not exist for questions. */
async function publishedCaseStudy(db: Kysely<DB>, caseStudyId: number): Promise<CaseStudyRow & { thread_id: number }> {
  const caseStudy = await findCaseStudyForQuestions(db, caseStudyId);
  if (!caseStudy || caseStudy.status !== 'published' || caseStudy.thread_id === null)
    throw new DomainError('not_found');
  return caseStudy as CaseStudyRow & { thread_id: number };
}

/** Why this user may not ask about this case study (beyond the week's write rule), or null. */
function askRefusal(caseStudy: CaseStudyRow, user: SessionUser | null, addressedTo?: number): ErrorCode | null {
  if (addressedTo !== undefined && addressedTo !== caseStudy.author_id) return 'question_addressee';
  // Appointments change: a case study whose author no longer answers for its week takes no new questions.
  if (!caseStudy.author_is_key_respondent) return 'question_addressee';
  if (user && user.id === caseStudy.author_id) return 'question_to_self';
  return null;
}

export async function askQuestion(
  db: Kysely<DB>,
  user: SessionUser,
  caseStudyId: number,
  input: NewQuestion,
  now = currentTime(),
): Promise<PostView> {
  const caseStudy = await publishedCaseStudy(db, caseStudyId);
  // Reading rights first: a case study of a week the caller may not read is not shown to exist.
  await loadThreadContext(db, caseStudy.thread_id, user, now);
  const refusal = askRefusal(caseStudy, user, input.addressedTo);
  if (refusal) throw new DomainError(refusal);
  const keyRespondent = caseStudy.author_id;
  return createReply(
    db,
    user,
    {
      threadId: caseStudy.thread_id,
      parentId: null,
      bodyMd: input.bodyMd,
      lang: input.lang,
      idempotencyKey: input.idempotencyKey,
      draftKey: input.draftKey,
      question: {
        addressedTo: keyRespondent,
        notify: (trx, postId) =>
          notify(
            trx,
            {
              type: 'question.asked',
              userIds: [keyRespondent],
              forumId: caseStudy.forum_id,
              weekId: caseStudy.week_id,
              threadId: caseStudy.thread_id,
              postId,
              actorId: user.id,
              payload: { questionId: postId, caseStudyId: caseStudy.id },
            },
            now,
          ),
      },
    },
    now,
  );
}

/**
 * Marks a question answered (optionally naming the reply that answers it) or, with `answered`
 * false, not answered. The addressed key respondent, the asker and the forum's organizers may.
 */
export async function setAnswered(
  db: Kysely<DB>,
  user: SessionUser,
  questionId: number,
  change: { answered: boolean; answerPostId?: number },
  now = currentTime(),
): Promise<PostView> {
  const isOrganizer = await db.transaction().execute(async (trx) => {
    const question = await findQuestion(trx, questionId, true);
    if (!question) throw new DomainError('not_found');
    const context = await loadThreadContext(trx, question.thread_id, user, now);
    if (question.addressed_to === null) throw new DomainError('not_a_question');
    const organizer = context.access.isOrganizer;
    if (!organizer && user.id !== question.addressed_to && user.id !== question.author_id)
      throw new DomainError('forbidden');
    if (question.hidden_at && !organizer) throw new DomainError('forbidden');
    assertMayWriteInWeek(context.access, context.week, now);
    const answerPostId = change.answered ? (change.answerPostId ?? null) : null;
    if (answerPostId !== null && !(await isReplyBelow(trx, answerPostId, question.id, question.thread_id))) {
      throw new DomainError('answer_not_below_question');
    }
    const event = await writeAnswerMark(
      trx,
      {
        id: question.id,
        forumId: question.forum_id,
        weekId: question.week_id,
        threadId: question.thread_id,
        askerId: question.author_id,
      },
      change.answered ? { answerPostId, by: user.id } : null,
      now,
    );
    if (event) await appendEvent(trx, event);
    return organizer;
  });
  return toPostView((await findPost(db, questionId))!, { userId: user.id, isOrganizer });
}

export async function listCaseStudyQuestions(
  db: Kysely<DB>,
  user: SessionUser | null,
  caseStudyId: number,
  state: QuestionStateFilter,
  readerLang: Lang,
  now = currentTime(),
) {
  const caseStudy = await publishedCaseStudy(db, caseStudyId);
  const context = await loadThreadContext(db, caseStudy.thread_id, user, now);
  // Read before the list, so a client subscribing "after" it misses nothing in between.
  const lastEventId = await latestEventId(db);
  const [rows, counts] = await Promise.all([
    listThreadQuestions(db, caseStudy.thread_id, state),
    countQuestionsByThread(db, [caseStudy.thread_id]),
  ]);
  const viewer = { userId: user?.id ?? null, isOrganizer: context.access.isOrganizer };
  const ids = [
    ...rows.map((row) => row.id),
    ...rows.flatMap((row) => (row.answer_post_id === null ? [] : [row.answer_post_id])),
  ];
  const postRows = await findPostsByIds(db, ids);
  const translated = await withTranslations(
    db,
    postRows.map((row) => toPostView(row, viewer)),
    readerOf(user, readerLang),
  );
  const archive = await archiveAuthorsFor(
    db,
    context.access,
    [
      ...postRows.flatMap((row) => [row.author_id, row.parent_author_id, row.addressed_to]),
      ...translatorIdsOf(translated),
    ].filter((id) => id !== null),
    readerLang,
  );
  const posts = translated.map((post, index) => archivedPost(post, postRows[index]!.parent_author_id, archive));
  const byId = new Map(posts.map((post) => [post.id, post]));
  const blockedBy = user
    ? (askRefusal(caseStudy, user) ?? writeBlockedBy(context.access, context.week, context.thread.locked, now))
    : 'sign_in_required';
  return {
    caseStudyId: caseStudy.id,
    threadId: caseStudy.thread_id,
    counts: counts.get(caseStudy.thread_id)!,
    questions: rows.map((row) => ({
      post: byId.get(row.id)!,
      answer: row.answer_post_id === null ? null : (byId.get(row.answer_post_id) ?? null),
    })),
    askBlockedBy: blockedBy,
    lastEventId,
  };
}

async function toItems(
  db: Kysely<DB>,
  rows: Awaited<ReturnType<typeof listUnansweredQuestions>>,
  user: SessionUser,
  isOrganizer: boolean,
  readerLang: Lang,
): Promise<QuestionItem[]> {
  const viewer = { userId: user.id, isOrganizer };
  const posts = await withTranslations(
    db,
    (
      await findPostsByIds(
        db,
        rows.map((row) => row.id),
      )
    ).map((row) => toPostView(row, viewer)),
    readerOf(user, readerLang),
  );
  const byId = new Map(posts.map((post) => [post.id, post]));
  return rows.map((row) => ({
    post: byId.get(row.id)!,
    caseStudy: { id: row.case_study_id, title: { lang: row.case_study_lang, value: row.case_study_title } },
    weekNumber: row.week_number,
    threadId: row.thread_id,
    dueAt: new Date(row.due_at).toISOString(),
  }));
}

/** "Questions waiting for you": the caller's unanswered questions in a forum, oldest first. */
export async function questionsWaiting(db: Kysely<DB>, user: SessionUser, slug: string, readerLang: Lang) {
  const access = await forumAccessBySlug(db, slug, user);
  if (!access.isMember && !access.isOrganizer) throw new DomainError('not_a_member');
  const rows = await listUnansweredQuestions(db, access.forum.id, { addressedTo: user.id });
  return {
    questions: await toItems(db, rows, user, access.isOrganizer, readerLang),
    targetHours: access.forum.question_target_hours,
  };
}

/** Organizers: questions still unanswered past the forum's target at `now`, oldest first. */
export async function questionsOverdue(
  db: Kysely<DB>,
  user: SessionUser,
  slug: string,
  readerLang: Lang,
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const rows = await listUnansweredQuestions(db, access.forum.id, { overdueAt: now });
  return {
    questions: await toItems(db, rows, user, true, readerLang),
    targetHours: access.forum.question_target_hours,
  };
}
