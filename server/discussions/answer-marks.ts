// The answered mark of a question, written in the caller's transaction with its live event and
// the asker's notification. The mark is columns of the post: posting sets it when the addressed
// key respondent replies to an unanswered question, and server/questions when someone marks or
// unmarks an answer by hand.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notify } from '../notifications/notify.ts';
import type { NewEvent } from '../events/events.queries.ts';

export interface QuestionFacts {
  id: number;
  forumId: number;
  weekId: number;
  threadId: number;
  askerId: number;
}

/** Where a reply lands: enough to tell whether it answers a question, read with the parent. */
export interface ParentQuestion {
  addressed_to: number | null;
  answered_at: Date | null;
  hidden_at: Date | null;
}

/**
 * A direct reply by the question's addressee to a question still unanswered answers it; a hidden
 * question is answered by nobody, so the asker is not told of an answer to what moderators removed.
 */
export function answersQuestion(parent: ParentQuestion, replierId: number): boolean {
  return parent.addressed_to === replierId && parent.answered_at === null && parent.hidden_at === null;
}

/**
 * Sets (answerPostId given or not) or clears the mark and tells the asker when someone else set
 * it. Returns the event the thread's readers receive live (the caller appends it last, after
 * the post it may name), or null when nothing changed.
 */
export async function writeAnswerMark(
  trx: Transaction<DB>,
  question: QuestionFacts,
  mark: { answerPostId: number | null; by: number } | null,
  now: Date,
): Promise<NewEvent | null> {
  const updated = await trx
    .updateTable('posts')
    .set(
      mark
        ? {
            answered_at: sql`coalesce(answered_at, ${now}::timestamptz)`,
            answered_by: mark.by,
            answer_post_id: mark.answerPostId === null ? sql`answer_post_id` : mark.answerPostId,
          }
        : { answered_at: null, answered_by: null, answer_post_id: null },
    )
    .where('id', '=', question.id)
    .where((eb) =>
      mark
        ? eb.or([
            eb('answered_at', 'is', null),
            ...(mark.answerPostId === null ? [] : [eb('answer_post_id', 'is distinct from', mark.answerPostId)]),
          ])
        : eb('answered_at', 'is not', null),
    )
    .returning(['answered_at', 'answer_post_id'])
    .executeTakeFirst();
  if (!updated) return null;
  const answered = updated.answered_at !== null;
  if (answered && mark) {
    await notify(
      trx,
      {
        type: 'question.answered',
        userIds: [question.askerId],
        forumId: question.forumId,
        weekId: question.weekId,
        threadId: question.threadId,
        postId: mark.answerPostId ?? question.id,
        actorId: mark.by,
        payload: { questionId: question.id },
      },
      now,
    );
  }
  return {
    forumId: question.forumId,
    weekId: question.weekId,
    threadId: question.threadId,
    type: answered ? 'question.answered' : 'question.reopened',
    payload: {
      questionId: question.id,
      answerPostId: updated.answer_post_id,
      answeredAt: updated.answered_at?.toISOString() ?? null,
    },
  };
}
