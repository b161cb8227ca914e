// All SQL the week page reads beyond the forum's own tables: the week's published readings with
// their texts and how many files each gives a reader.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export function findReadingsWithTexts(db: Kysely<DB>, weekId: number) {
  return (
    db
      .selectFrom('readings')
      .innerJoin('reading_texts', 'reading_texts.reading_id', 'readings.id')
      .select([
        'readings.id',
        'readings.slug',
        'readings.position',
        'readings.original_lang',
        'readings.revision',
        'reading_texts.lang',
        'reading_texts.title',
        'reading_texts.body_html',
      ])
      // Files every reader gets: one per file for everyone, one per position given in several languages.
      .select((eb) =>
        eb
          .selectFrom('reading_attachments')
          .select(
            sql<string>`count(*) FILTER (WHERE reading_attachments.lang IS NULL) + count(DISTINCT reading_attachments.position) FILTER (WHERE reading_attachments.lang IS NOT NULL)`.as(
              'n',
            ),
          )
          .whereRef('reading_attachments.reading_id', '=', 'readings.id')
          .as('attachment_count'),
      )
      .where('readings.week_id', '=', weekId)
      // Unpublished readings are the organizers' to see, in their console (server/readings).
      .where('readings.unpublished_at', 'is', null)
      .orderBy('readings.position')
      .orderBy('readings.id')
      .execute()
  );
}
