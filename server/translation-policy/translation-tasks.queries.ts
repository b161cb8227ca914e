// Translation tasks as every text domain's write makes them: queued as the forum's policy says,
// in the writer's transaction, and withdrawn when readers can no longer see the original.
import { sql, type Transaction } from 'kysely';
import type { DB, Lang, TaskStatus, TranslatableType } from '../db/schema.ts';

/** Tasks still to be done: one of these per item and language at most. */
export const LIVE_STATUSES: TaskStatus[] = ['open', 'claimed', 'in_review'];

export interface TranslatableItem {
  forumId: number;
  weekId: number;
  itemType: TranslatableType;
  itemId: number;
  sourceLang: Lang;
  sourceRevision: number;
}

/**
 * Queues a task for every language the forum's policy translates this original into, in the
 * caller's transaction. Live tasks for an earlier revision are superseded, and the new one
 * starts from their draft or from the published translation, so no work is thrown away.
 */
export async function queueTranslationTasks(
  trx: Transaction<DB>,
  item: TranslatableItem,
  options: { except?: Lang[] } = {},
): Promise<number> {
  const superseded = await trx
    .updateTable('translation_tasks')
    .set({ status: 'superseded', closed_at: sql`now()`, claimed_by: null, claim_expires_at: null })
    .where('item_type', '=', item.itemType)
    .where('item_id', '=', item.itemId)
    .where('status', 'in', LIVE_STATUSES)
    .returning(['target_lang', 'draft_md'])
    .execute();
  const draftByLang = new Map(superseded.filter((t) => t.draft_md).map((t) => [t.target_lang, t.draft_md!]));
  const rows = await trx
    .insertInto('translation_tasks')
    .columns([
      'forum_id',
      'week_id',
      'item_type',
      'item_id',
      'source_lang',
      'target_lang',
      'source_revision',
      'due_at',
      'draft_md',
    ])
    .expression((eb) =>
      eb
        .selectFrom('translation_rules')
        .innerJoin('forums', 'forums.id', 'translation_rules.forum_id')
        .leftJoin('translations', (join) =>
          join
            .on('translations.item_type', '=', item.itemType)
            .on('translations.item_id', '=', item.itemId)
            .onRef('translations.target_lang', '=', 'translation_rules.target_lang'),
        )
        .select([
          // Typed literals: a bare parameter in an INSERT … SELECT list would be read as text.
          sql<number>`${item.forumId}::int`.as('forum_id'),
          sql<number>`${item.weekId}::int`.as('week_id'),
          sql<string>`${item.itemType}::text`.as('item_type'),
          sql<number>`${item.itemId}::int`.as('item_id'),
          sql<string>`${item.sourceLang}::text`.as('source_lang'),
          'translation_rules.target_lang',
          sql<number>`${item.sourceRevision}::int`.as('source_revision'),
          sql<Date>`now() + make_interval(hours => forums.translation_target_hours)`.as('due_at'),
          sql<string | null>`translations.body_md`.as('draft_md'),
        ])
        .where('translation_rules.forum_id', '=', item.forumId)
        .where('translation_rules.source_lang', '=', item.sourceLang)
        .$if((options.except ?? []).length > 0, (qb) =>
          qb.where('translation_rules.target_lang', 'not in', options.except!),
        )
        // A translation already made of this revision needs no task.
        .where((w) =>
          w.or([w('translations.id', 'is', null), w('translations.source_revision', '<', item.sourceRevision)]),
        ),
    )
    .returning(['id', 'target_lang'])
    .execute();
  // A translator's unpublished draft for the old revision beats the old published text.
  for (const row of rows) {
    const draft = draftByLang.get(row.target_lang);
    if (draft) await trx.updateTable('translation_tasks').set({ draft_md: draft }).where('id', '=', row.id).execute();
  }
  return rows.length;
}

/** Withdraws the live tasks of an original that readers can no longer see. */
export async function withdrawTasks(
  trx: Transaction<DB>,
  itemType: TranslatableType,
  itemIds: number[],
  actorId: number,
): Promise<void> {
  if (itemIds.length === 0) return;
  await trx
    .updateTable('translation_tasks')
    .set({ status: 'withdrawn', closed_at: sql`now()`, closed_by: actorId, claimed_by: null, claim_expires_at: null })
    .where('item_type', '=', itemType)
    .where('item_id', 'in', itemIds)
    .where('status', 'in', LIVE_STATUSES)
    .execute();
}
