// SQL of the content export: a forum's programme rows, in the order the files list them.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export function findForumForExport(db: Kysely<DB>, slug: string) {
  return db.selectFrom('forums').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findProgrammeRows(db: Kysely<DB>, forumId: number) {
  const [texts, rules, weeks, weekTexts, readings, readingTexts, attachments, glossary] = await Promise.all([
    db.selectFrom('forum_texts').select(['lang', 'title', 'summary', 'call_md']).where('forum_id', '=', forumId).orderBy('lang').execute(),
    db.selectFrom('translation_rules').select(['source_lang', 'target_lang']).where('forum_id', '=', forumId).orderBy('source_lang').orderBy('target_lang').execute(),
    db.selectFrom('weeks').select(['id', 'number', 'starts_on', 'original_lang', 'writing_closes_at_end']).where('forum_id', '=', forumId).orderBy('number').execute(),
    db.selectFrom('week_texts').innerJoin('weeks', 'weeks.id', 'week_texts.week_id')
      .select(['week_texts.week_id', 'week_texts.lang', 'week_texts.title', 'week_texts.summary_md'])
      .where('weeks.forum_id', '=', forumId).orderBy('week_texts.lang').execute(),
    db.selectFrom('readings').innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select(['readings.id', 'readings.week_id', 'readings.slug', 'readings.position', 'readings.original_lang', 'readings.unpublished_at'])
      .where('weeks.forum_id', '=', forumId).orderBy('readings.position').orderBy('readings.slug').execute(),
    db.selectFrom('reading_texts').innerJoin('readings', 'readings.id', 'reading_texts.reading_id').innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select(['reading_texts.reading_id', 'reading_texts.lang', 'reading_texts.title', 'reading_texts.body_md'])
      .where('weeks.forum_id', '=', forumId).orderBy('reading_texts.lang').execute(),
    db.selectFrom('reading_attachments').innerJoin('readings', 'readings.id', 'reading_attachments.reading_id').innerJoin('weeks', 'weeks.id', 'readings.week_id')
      .select(['reading_attachments.reading_id', 'reading_attachments.sha256', 'reading_attachments.file_name', 'reading_attachments.position', 'reading_attachments.lang'])
      .where('weeks.forum_id', '=', forumId).orderBy('reading_attachments.position').orderBy('reading_attachments.id').execute(),
    db.selectFrom('glossary_terms').select(['id', 'en', 'es', 'fr', 'note']).where('forum_id', '=', forumId).orderBy('id').execute(),
  ]);
  return { texts, rules, weeks, weekTexts, readings, readingTexts, attachments, glossary };
}
