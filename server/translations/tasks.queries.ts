// All SQL about working translation tasks: the atomic claim, renewals, status changes and the queue.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang, TaskStatus, TranslatableType } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** The claim's new expiry: now plus the forum's claim time. */
function claimExpiry(now: Date) {
  return sql<Date>`${now}::timestamptz + make_interval(mins => (SELECT translation_claim_minutes FROM forums WHERE forums.id = translation_tasks.forum_id))`;
}

/** Saves the holder's draft and extends their claim; undefined when they no longer hold it. */
export function renewClaim(db: Handle, taskId: number, userId: number, now: Date, draftMd: string) {
  return db
    .updateTable('translation_tasks')
    .set({ draft_md: draftMd, draft_updated_at: now, claim_expires_at: claimExpiry(now) })
    .where('id', '=', taskId)
    .where('claimed_by', '=', userId)
    .where('status', '=', 'claimed')
    .where('claim_expires_at', '>', now)
    .returning(['claim_expires_at'])
    .executeTakeFirst();
}

/**
 * Claims a task in one statement: it succeeds only if the task is open, or claimed with an
 * expired claim, so of two translators racing exactly one gets the row back.
 */
export function claimTask(db: Handle, taskId: number, userId: number, now: Date) {
  return db
    .updateTable('translation_tasks')
    .set({ status: 'claimed', claimed_by: userId, claim_expires_at: claimExpiry(now) })
    .where('id', '=', taskId)
    .where((eb) =>
      eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'claimed'), eb('claim_expires_at', '<=', now)])]),
    )
    .returning(['id', 'claimed_by', 'claim_expires_at'])
    .executeTakeFirst();
}

/** A task with what decides who may see it: its week's opening and whether its original is hidden. */
export function findTask(db: Handle, taskId: number) {
  return db
    .selectFrom('translation_tasks')
    .leftJoin('weeks', 'weeks.id', 'translation_tasks.week_id')
    .selectAll('translation_tasks')
    .select(['weeks.number as week_number', 'weeks.opens_at as week_opens_at'])
    .select((eb) => hiddenOriginal(eb).as('source_hidden'))
    .where('translation_tasks.id', '=', taskId)
    .executeTakeFirst();
}

/** Whether a task's original is a post that moderators hid or a reading organizers unpublished. */
function hiddenOriginal(eb: ExpressionBuilder<DB, 'translation_tasks'>) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('posts')
        .select('posts.id')
        .whereRef('posts.id', '=', 'translation_tasks.item_id')
        .where('translation_tasks.item_type', '=', 'post')
        .where('posts.hidden_at', 'is not', null),
    ),
    eb.exists(
      eb
        .selectFrom('readings')
        .select('readings.id')
        .whereRef('readings.id', '=', 'translation_tasks.item_id')
        .where('translation_tasks.item_type', '=', 'reading')
        .where('readings.unpublished_at', 'is not', null),
    ),
  ]);
}

/** A task's state and who holds it, by name. */
export function findClaim(db: Handle, taskId: number) {
  return db
    .selectFrom('translation_tasks')
    .leftJoin('users', 'users.id', 'translation_tasks.claimed_by')
    .select([
      'translation_tasks.status',
      'translation_tasks.claimed_by',
      'translation_tasks.claim_expires_at',
      'users.display_name as claimer_name',
    ])
    .where('translation_tasks.id', '=', taskId)
    .executeTakeFirst();
}

export function lockTask(trx: Transaction<DB>, taskId: number) {
  return trx.selectFrom('translation_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst();
}

export async function setTaskStatus(
  trx: Transaction<DB>,
  taskId: number,
  status: TaskStatus,
  closedBy: number | null,
): Promise<void> {
  const closing = status !== 'open' && status !== 'claimed';
  await trx
    .updateTable('translation_tasks')
    .set({
      status,
      claimed_by: null,
      claim_expires_at: null,
      closed_at: closing ? sql`now()` : null,
      closed_by: closing ? closedBy : null,
    })
    .where('id', '=', taskId)
    .execute();
}

export interface QueueFilter {
  status?: 'open' | 'claimed' | 'mine' | 'in_review' | 'published';
  sourceLang?: Lang;
  targetLang?: Lang;
  weekNumber?: number;
  kind?: TranslatableType;
  /** A translator's queue: only weeks that have opened, and no hidden original. */
  readableOnly?: boolean;
}

/** The forum's queue: overdue first, then by due time. Expired claims count as open. */
export function listTasks(db: Handle, forumId: number, userId: number, filter: QueueFilter, now: Date) {
  return db
    .selectFrom('translation_tasks')
    .leftJoin('weeks', 'weeks.id', 'translation_tasks.week_id')
    .leftJoin('users as claimer', 'claimer.id', 'translation_tasks.claimed_by')
    .select([
      'translation_tasks.id',
      'translation_tasks.item_type',
      'translation_tasks.item_id',
      'translation_tasks.source_lang',
      'translation_tasks.target_lang',
      'translation_tasks.source_revision',
      'translation_tasks.status',
      'translation_tasks.claimed_by',
      'translation_tasks.claim_expires_at',
      'translation_tasks.due_at',
      'translation_tasks.created_at',
      'weeks.number as week_number',
      'claimer.display_name as claimer_name',
    ])
    .where('translation_tasks.forum_id', '=', forumId)
    .$call((qb) => {
      const expired = (eb: ExpressionBuilder<DB, 'translation_tasks'>) =>
        eb.and([eb('translation_tasks.status', '=', 'claimed'), eb('translation_tasks.claim_expires_at', '<=', now)]);
      switch (filter.status ?? 'open') {
        case 'open':
          return qb
            .where((eb) => eb.or([eb('translation_tasks.status', '=', 'open'), expired(eb)]))
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('translation_task_skips')
                    .select('task_id')
                    .whereRef('translation_task_skips.task_id', '=', 'translation_tasks.id')
                    .where('translation_task_skips.user_id', '=', userId),
                ),
              ),
            );
        case 'in_review':
          return qb.where('translation_tasks.status', '=', 'in_review');
        case 'claimed':
          return qb
            .where('translation_tasks.status', '=', 'claimed')
            .where('translation_tasks.claim_expires_at', '>', now);
        case 'mine':
          return qb
            .where('translation_tasks.status', '=', 'claimed')
            .where('translation_tasks.claimed_by', '=', userId)
            .where('translation_tasks.claim_expires_at', '>', now);
        case 'published':
          return qb.where('translation_tasks.status', '=', 'published');
      }
    })
    .$if(filter.sourceLang !== undefined, (qb) => qb.where('translation_tasks.source_lang', '=', filter.sourceLang!))
    .$if(filter.targetLang !== undefined, (qb) => qb.where('translation_tasks.target_lang', '=', filter.targetLang!))
    .$if(filter.weekNumber !== undefined, (qb) => qb.where('weeks.number', '=', filter.weekNumber!))
    .$if(filter.kind !== undefined, (qb) => qb.where('translation_tasks.item_type', '=', filter.kind!))
    .$if(filter.readableOnly === true, (qb) =>
      qb
        .where((eb) => eb.or([eb('translation_tasks.week_id', 'is', null), eb('weeks.opens_at', '<=', now)]))
        .where((eb) => eb.not(hiddenOriginal(eb))),
    )
    .orderBy(sql`translation_tasks.due_at < ${now}`, 'desc')
    .orderBy('translation_tasks.due_at')
    .orderBy('translation_tasks.id')
    .limit(200)
    .execute();
}
