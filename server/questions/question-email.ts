// What question emails say, composed at delivery in the recipient's language: to a key
// respondent, who asked about which case study and a link to the question (nothing is sent
// when the question was hidden since); to organizers, how many questions passed the target.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { forumTitle, threadUrl } from '../notifications/notification-email.ts';
import type { Composed, MailComposers, Recipient } from '../mail/outbox-render.ts';

export async function composeQuestionAsked(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const question = await db
    .selectFrom('posts')
    .innerJoin('users as asker', 'asker.id', 'posts.author_id')
    .innerJoin('case_studies', 'case_studies.thread_id', 'posts.thread_id')
    .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
    .innerJoin('forums', 'forums.id', 'case_studies.forum_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.hidden_at',
      'asker.display_name as asker_name',
      'case_studies.title',
      'case_studies.forum_id',
      'weeks.number as week_number',
      'forums.question_target_hours',
      sql<number>`(SELECT count(*)::int FROM posts earlier WHERE earlier.thread_id = posts.thread_id AND earlier.path < posts.path)`.as(
        'posts_before',
      ),
    ])
    .where('posts.id', '=', Number(payload.questionId))
    .executeTakeFirst();
  if (!question || question.hidden_at) return { values: { itemCount: 0 }, blocks: {} };
  const forum = await forumTitle(db, question.forum_id, reader.interfaceLang);
  return {
    values: {
      name: reader.displayName,
      asker: question.asker_name,
      caseStudyTitle: question.title,
      weekNumber: question.week_number,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      targetHours: question.question_target_hours,
      questionUrl: threadUrl(base, forum?.slug ?? '', question.thread_id, question.posts_before, question.id),
    },
    blocks: {},
  };
}

export async function composeQuestionOverdue(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const forum = await forumTitle(db, Number(payload.forumId), reader.interfaceLang);
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      count: Number(payload.count),
      targetHours: Number(payload.targetHours),
      listUrl: `${base}/forums/${forum?.slug ?? ''}/questions/overdue`,
    },
    blocks: {},
  };
}

export const questionComposers: MailComposers = {
  question_asked: composeQuestionAsked,
  question_overdue: composeQuestionOverdue,
};
