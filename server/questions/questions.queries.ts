// All SQL about questions to key respondents: the case study they are asked about, one
// question with its thread, the lists (by case study, waiting for a key respondent, overdue for
// organizers) and the answered / unanswered counts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { QuestionCounts, QuestionStateFilter } from './questions.schemas.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** A case study with what asking about it checks: its thread and whether its author is still the week's key respondent. */
export function findCaseStudyForQuestions(db: Handle, caseStudyId: number) {
  return db
    .selectFrom('case_studies')
    .select((eb) => [
      'case_studies.id',
      'case_studies.forum_id',
      'case_studies.week_id',
      'case_studies.author_id',
      'case_studies.status',
      'case_studies.thread_id',
      'case_studies.title',
      'case_studies.original_lang',
      eb
        .exists(
          eb
            .selectFrom('memberships')
            .select('memberships.user_id')
            .whereRef('memberships.forum_id', '=', 'case_studies.forum_id')
            .whereRef('memberships.user_id', '=', 'case_studies.author_id')
            .where('memberships.role', '=', 'key_respondent')
            .whereRef('memberships.week_id', '=', 'case_studies.week_id'),
        )
        .as('author_is_key_respondent'),
    ])
    .where('case_studies.id', '=', caseStudyId)
    .executeTakeFirst();
}

/** A question (or any post: the caller checks) with its thread's forum and week; locked when marking. */
export function findQuestion(trx: Handle, postId: number, lock: boolean) {
  return trx
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.author_id',
      'posts.addressed_to',
      'posts.answered_at',
      'posts.answer_post_id',
      'posts.hidden_at',
      'threads.forum_id',
      'threads.week_id',
    ])
    .where('posts.id', '=', postId)
    .$if(lock, (qb) => qb.forUpdate('posts'))
    .executeTakeFirst();
}

/** Whether a post is a visible reply below the question (its path passes through it). */
export async function isReplyBelow(db: Handle, postId: number, questionId: number, threadId: number): Promise<boolean> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('id', '=', postId)
    .where('thread_id', '=', threadId)
    .where('hidden_at', 'is', null)
    .where('id', '<>', questionId)
    .where(sql<boolean>`${questionId}::int = ANY (path)`)
    .executeTakeFirst();
  return row !== undefined;
}

function stateFilter(state: QuestionStateFilter) {
  if (state === 'answered') return sql`AND answered_at IS NOT NULL`;
  if (state === 'unanswered') return sql`AND answered_at IS NULL`;
  return sql``;
}

/** A thread's visible questions, oldest first, with the counts of all of them. */
export async function listThreadQuestions(db: Handle, threadId: number, state: QuestionStateFilter) {
  const { rows } = await sql<{ id: number; answer_post_id: number | null }>`
    SELECT id, answer_post_id FROM posts
    WHERE thread_id = ${threadId} AND addressed_to IS NOT NULL AND hidden_at IS NULL ${stateFilter(state)}
    ORDER BY created_at, id LIMIT 500`.execute(db);
  return rows;
}

/** Answered / unanswered visible questions per thread, for any number of threads in one statement. */
export async function countQuestionsByThread(db: Handle, threadIds: number[]): Promise<Map<number, QuestionCounts>> {
  const counts = new Map<number, QuestionCounts>();
  if (threadIds.length === 0) return counts;
  const { rows } = await sql<{ thread_id: number; answered: number; unanswered: number }>`
    SELECT thread_id, count(answered_at)::int AS answered, (count(*) - count(answered_at))::int AS unanswered
    FROM posts WHERE thread_id = ANY (${`{${threadIds.join(',')}}`}::int[]) AND addressed_to IS NOT NULL AND hidden_at IS NULL
    GROUP BY thread_id`.execute(db);
  for (const id of threadIds) counts.set(id, { answered: 0, unanswered: 0 });
  for (const row of rows) counts.set(row.thread_id, { answered: row.answered, unanswered: row.unanswered });
  return counts;
}

export interface QuestionListRow {
  id: number;
  thread_id: number;
  case_study_id: number;
  case_study_title: string;
  case_study_lang: 'en' | 'es' | 'fr';
  week_number: number;
  due_at: Date;
}

/**
 * Unanswered, visible questions of a forum's published case studies, oldest first: those
 * addressed to one member, or (for organizers) those past the forum's target at `now`.
 */
export async function listUnansweredQuestions(
  db: Handle,
  forumId: number,
  filter: { addressedTo: number } | { overdueAt: Date },
) {
  const which =
    'addressedTo' in filter
      ? sql`p.addressed_to = ${filter.addressedTo}`
      : sql`p.addressed_to IS NOT NULL AND p.created_at + make_interval(hours => f.question_target_hours) <= ${filter.overdueAt}`;
  const { rows } = await sql<QuestionListRow>`
    SELECT p.id, p.thread_id, c.id AS case_study_id, c.title AS case_study_title, c.original_lang AS case_study_lang, w.number AS week_number,
           p.created_at + make_interval(hours => f.question_target_hours) AS due_at
    FROM posts p
    JOIN case_studies c ON c.thread_id = p.thread_id AND c.status = 'published'
    JOIN weeks w ON w.id = c.week_id
    JOIN forums f ON f.id = c.forum_id
    WHERE c.forum_id = ${forumId} AND ${which} AND p.answered_at IS NULL AND p.hidden_at IS NULL
    ORDER BY p.created_at, p.id LIMIT 500`.execute(db);
  return rows;
}
