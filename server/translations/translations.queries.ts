// All SQL about published translations and the originals they translate.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang, TranslatableType, TranslatorRole } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** The original's text and current revision, whatever kind of item it is. */
export async function findOriginal(db: Handle, itemType: TranslatableType, itemId: number) {
  if (itemType === 'post') {
    const post = await db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .select([
        'posts.id',
        'posts.body_md',
        'posts.body_html',
        'posts.original_lang',
        'posts.revision',
        'posts.author_id',
        'posts.hidden_at',
        'threads.id as thread_id',
        'threads.week_id',
        'threads.forum_id',
      ])
      .where('posts.id', '=', itemId)
      .executeTakeFirst();
    return (
      post && {
        markdown: post.body_md,
        html: post.body_html,
        lang: post.original_lang,
        revision: post.revision,
        authorId: post.author_id,
        hidden: post.hidden_at !== null,
        threadId: post.thread_id,
        weekId: post.week_id,
        forumId: post.forum_id,
      }
    );
  }
  if (itemType === 'reading') {
    const reading = await db
      .selectFrom('readings')
      .innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .innerJoin('reading_texts', (join) =>
        join
          .onRef('reading_texts.reading_id', '=', 'readings.id')
          .onRef('reading_texts.lang', '=', 'readings.original_lang'),
      )
      .select([
        'readings.original_lang',
        'readings.revision',
        'readings.week_id',
        'readings.unpublished_at',
        'weeks.forum_id',
        'reading_texts.body_md',
        'reading_texts.body_html',
      ])
      .where('readings.id', '=', itemId)
      .executeTakeFirst();
    // Readings come from the organizers' content files: no author among the members. An
    // unpublished reading is hidden as a hidden post is: nobody translates what nobody may read.
    return (
      reading && {
        markdown: reading.body_md,
        html: reading.body_html,
        lang: reading.original_lang,
        revision: reading.revision,
        authorId: null as number | null,
        hidden: reading.unpublished_at !== null,
        threadId: null as number | null,
        weekId: reading.week_id,
        forumId: reading.forum_id,
      }
    );
  }
  if (itemType === 'week') {
    const week = await db
      .selectFrom('weeks')
      .innerJoin('week_texts', (join) =>
        join.onRef('week_texts.week_id', '=', 'weeks.id').onRef('week_texts.lang', '=', 'weeks.original_lang'),
      )
      .select([
        'weeks.id',
        'weeks.forum_id',
        'weeks.original_lang',
        'weeks.revision',
        'week_texts.summary_md',
        'week_texts.summary_html',
      ])
      .where('weeks.id', '=', itemId)
      .executeTakeFirst();
    return (
      week && {
        markdown: week.summary_md,
        html: week.summary_html,
        lang: week.original_lang,
        revision: week.revision,
        authorId: null as number | null,
        hidden: false,
        threadId: null as number | null,
        weekId: week.id,
        forumId: week.forum_id,
      }
    );
  }
  if (itemType === 'case_study') {
    // Only a published case study is in the queue's world; its title travels as its thread's title.
    const study = await db
      .selectFrom('case_studies')
      .select([
        'body_md',
        'body_html',
        'original_lang',
        'revision',
        'author_id',
        'status',
        'thread_id',
        'week_id',
        'forum_id',
      ])
      .where('id', '=', itemId)
      .executeTakeFirst();
    return (
      study && {
        markdown: study.body_md,
        html: study.body_html,
        lang: study.original_lang,
        revision: study.revision,
        authorId: study.author_id as number | null,
        hidden: study.status !== 'published',
        threadId: study.thread_id,
        weekId: study.week_id,
        forumId: study.forum_id,
      }
    );
  }
  if (itemType === 'policy_element') {
    const element = await db
      .selectFrom('policy_elements')
      .select(['body_md', 'body_html', 'original_lang', 'revision', 'proposed_by', 'status', 'week_id', 'forum_id'])
      .where('id', '=', itemId)
      .executeTakeFirst();
    // A declined or merged element leaves the synthesis: nobody translates what nobody reads.
    return (
      element && {
        markdown: element.body_md,
        html: element.body_html,
        lang: element.original_lang,
        revision: element.revision,
        authorId: element.proposed_by as number | null,
        hidden: element.status === 'declined' || element.status === 'merged',
        threadId: null as number | null,
        weekId: element.week_id,
        forumId: element.forum_id,
      }
    );
  }
  const thread = await db.selectFrom('threads').selectAll().where('id', '=', itemId).executeTakeFirst();
  return (
    thread && {
      markdown: thread.title,
      html: escapeHtml(thread.title),
      lang: thread.original_lang,
      revision: thread.title_revision,
      authorId: thread.author_id,
      hidden: false,
      threadId: thread.id,
      weekId: thread.week_id,
      forumId: thread.forum_id,
    }
  );
}

/** When an original's week opens, for the rule that translators work only on opened weeks. */
export function findWeekOpening(db: Handle, weekId: number) {
  return db.selectFrom('weeks').select(['number', 'opens_at']).where('id', '=', weekId).executeTakeFirst();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Inserts or revises the one translation of an item into a language, keeping every revision. */
export async function upsertTranslation(
  trx: Transaction<DB>,
  translation: {
    forumId: number;
    itemType: TranslatableType;
    itemId: number;
    sourceLang: Lang;
    targetLang: Lang;
    sourceRevision: number;
    bodyMd: string;
    bodyHtml: string;
    translatorId: number;
    translatorRole: TranslatorRole;
  },
): Promise<{ id: number; revision: number }> {
  const row = await trx
    .insertInto('translations')
    .values({
      forum_id: translation.forumId,
      item_type: translation.itemType,
      item_id: translation.itemId,
      source_lang: translation.sourceLang,
      target_lang: translation.targetLang,
      source_revision: translation.sourceRevision,
      body_md: translation.bodyMd,
      body_html: translation.bodyHtml,
      translator_id: translation.translatorId,
      translator_role: translation.translatorRole,
    })
    .onConflict((oc) =>
      oc.columns(['item_type', 'item_id', 'target_lang']).doUpdateSet((eb) => ({
        source_revision: eb.ref('excluded.source_revision'),
        body_md: eb.ref('excluded.body_md'),
        body_html: eb.ref('excluded.body_html'),
        translator_id: eb.ref('excluded.translator_id'),
        translator_role: eb.ref('excluded.translator_role'),
        revision: sql`translations.revision + 1`,
        updated_at: sql`now()`,
      })),
    )
    .returning(['id', 'revision'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('translation_revisions')
    .values({
      translation_id: row.id,
      revision: row.revision,
      source_revision: translation.sourceRevision,
      body_md: translation.bodyMd,
      translator_id: translation.translatorId,
    })
    .execute();
  return row;
}

/** Published translations of several items into one language, with their translators. */
export function findTranslations(db: Handle, itemType: TranslatableType, itemIds: number[], targetLang: Lang) {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('translations')
    .innerJoin('users', 'users.id', 'translations.translator_id')
    .select([
      'translations.item_id',
      'translations.target_lang',
      'translations.body_md',
      'translations.body_html',
      'translations.source_revision',
      'translations.translator_role',
      'translations.published_at',
      'users.display_name as translator_name',
    ])
    .where('item_type', '=', itemType)
    .where('item_id', 'in', itemIds)
    .where('target_lang', '=', targetLang)
    .execute();
}
