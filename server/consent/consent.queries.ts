// Reads and writes of publication consent. Other domains (applications, proceedings) call
// recordConsent and consentByAuthor; nothing else touches the two tables.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ConsentChoice, ConsentSource, DB } from '../db/schema.ts';
import { currentTime } from '../time/clock.ts';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Sets the member's choice and keeps a dated record of it. A choice equal to the current one
 * writes nothing: a double submit or a retried request is not a new decision, and the history
 * then lists decisions rather than clicks. Callers run this inside their own transaction; the
 * row lock on the current choice makes two concurrent changes record in turn.
 * Returns whether the choice changed.
 */
export async function recordConsent(
  trx: Transaction<DB>,
  input: { forumId: number; userId: number; choice: ConsentChoice; source: ConsentSource },
): Promise<boolean> {
  const current = await trx
    .selectFrom('publication_consents')
    .select('choice')
    .where('forum_id', '=', input.forumId)
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (current?.choice === input.choice) return false;
  const now = currentTime();
  const changed = await trx
    .insertInto('publication_consents')
    .values({ forum_id: input.forumId, user_id: input.userId, choice: input.choice, chosen_at: now })
    .onConflict((oc) =>
      oc
        .columns(['forum_id', 'user_id'])
        .doUpdateSet({ choice: input.choice, chosen_at: now })
        // A concurrent first choice equal to this one already inserted it: nothing new to record.
        .where('publication_consents.choice', '<>', input.choice),
    )
    .returning('choice')
    .executeTakeFirst();
  if (!changed) return false;
  await trx
    .insertInto('publication_consent_records')
    .values({
      forum_id: input.forumId,
      user_id: input.userId,
      choice: input.choice,
      source: input.source,
      chosen_at: now,
    })
    .execute();
  return true;
}

/** The recorded choices of these authors; an author with none is absent (proceedings treat them as 'none'). */
export async function consentByAuthor(
  db: Db,
  forumId: number,
  userIds: readonly number[],
): Promise<Map<number, ConsentChoice>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('publication_consents')
    .select(['user_id', 'choice'])
    .where('forum_id', '=', forumId)
    .where('user_id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((row) => [row.user_id, row.choice]));
}

export async function findConsent(db: Db, forumId: number, userId: number) {
  return db
    .selectFrom('publication_consents')
    .select(['choice', 'chosen_at'])
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function listConsentRecords(db: Db, forumId: number, userId: number) {
  return db
    .selectFrom('publication_consent_records')
    .select(['choice', 'source', 'chosen_at'])
    .where('forum_id', '=', forumId)
    .where('user_id', '=', userId)
    .orderBy('chosen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Whether any proceedings edition of the forum is published: from then on choices are fixed. */
export async function proceedingsPublished(db: Db, forumId: number): Promise<boolean> {
  const row = await db
    .selectFrom('proceedings_editions')
    .select('id')
    .where('forum_id', '=', forumId)
    .where('published_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Current members (anyone with a role) by their choice; 'unanswered' for those without one. */
export async function countConsents(db: Db, forumId: number) {
  const rows = await db
    .selectFrom(db.selectFrom('memberships').select('user_id').distinct().where('forum_id', '=', forumId).as('member'))
    .leftJoin('publication_consents as consent', (join) =>
      join.onRef('consent.user_id', '=', 'member.user_id').on('consent.forum_id', '=', forumId),
    )
    .select([sql<string>`coalesce(consent.choice, 'unanswered')`.as('choice'), (eb) => eb.fn.countAll().as('count')])
    .groupBy(sql`coalesce(consent.choice, 'unanswered')`)
    .execute();
  return rows.map((row) => ({ choice: row.choice, count: Number(row.count) }));
}
