// The one statement behind the reading rule: for a page of items, the best published translation
// for the reader and whether one is on its way.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang, TranslatableType } from '../db/schema.ts';
import { LIVE_STATUSES } from './translation-tasks.queries.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/**
 * For each item, its published translation into the first of the reader's languages (in their
 * order) that has one, or nulls, and whether a live task is translating it into any of them:
 * a reader's page needs both, in one statement whatever the number of items.
 */
export function findReaderTranslations(
  db: Handle,
  itemType: TranslatableType,
  itemIds: number[],
  langs: readonly Lang[],
) {
  if (itemIds.length === 0 || langs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom(sql<{ item: number }>`unnest(${itemIds}::integer[])`.as('item'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('translations')
          .innerJoin('users', 'users.id', 'translations.translator_id')
          .select([
            'translations.target_lang',
            'translations.body_md',
            'translations.body_html',
            'translations.source_revision',
            'translations.translator_role',
            'translations.translator_id',
            'users.display_name as translator_name',
          ])
          .whereRef('translations.item_id', '=', 'item.item')
          .where('translations.item_type', '=', itemType)
          .where('translations.target_lang', 'in', [...langs])
          // A title translation of an earlier title is not that thread's title any more: readers get
          // the original (marked pending) until the new title is translated.
          .$if(itemType === 'thread_title', (qb) =>
            qb.where(
              sql<boolean>`translations.source_revision >= (SELECT title_revision FROM threads WHERE threads.id = item.item)`,
            ),
          )
          .orderBy(sql`array_position(${[...langs]}::text[], translations.target_lang)`)
          .limit(1)
          .as('best'),
      (join) => join.onTrue(),
    )
    .select([
      'item.item as item_id',
      'best.target_lang',
      'best.body_md',
      'best.body_html',
      'best.source_revision',
      'best.translator_role',
      'best.translator_id',
      'best.translator_name',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('translation_tasks')
            .select('translation_tasks.id')
            .whereRef('translation_tasks.item_id', '=', 'item.item')
            .where('translation_tasks.item_type', '=', itemType)
            .where('translation_tasks.target_lang', 'in', [...langs])
            .where('translation_tasks.status', 'in', LIVE_STATUSES),
        )
        .as('pending'),
    )
    .execute();
}
