// SQL for the schedule editor: weeks with all their texts, what ties a week down, and
// inserting, renumbering and removing weeks.
import type { Kysely, Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export function findScheduleWeeks(db: Handle, forumId: number) {
  return db.selectFrom('weeks').selectAll().where('forum_id', '=', forumId).orderBy('number').execute();
}

export function findAllWeekTexts(db: Handle, forumId: number) {
  return db
    .selectFrom('week_texts')
    .innerJoin('weeks', 'weeks.id', 'week_texts.week_id')
    .select(['week_texts.week_id', 'week_texts.lang', 'week_texts.title', 'week_texts.summary_md'])
    .where('weeks.forum_id', '=', forumId)
    .orderBy('week_texts.lang')
    .execute();
}

/** Weeks that hold discussion, a case study or a key respondent's assignment: removing them would destroy or orphan it. */
export async function weeksInUse(db: Handle, forumId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('weeks')
    .select('weeks.id')
    .where('weeks.forum_id', '=', forumId)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('threads').select('threads.id').whereRef('threads.week_id', '=', 'weeks.id')),
        eb.exists(
          eb.selectFrom('memberships').select('memberships.user_id').whereRef('memberships.week_id', '=', 'weeks.id'),
        ),
        eb.exists(
          eb.selectFrom('case_studies').select('case_studies.id').whereRef('case_studies.week_id', '=', 'weeks.id'),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function upsertWeekText(
  trx: Transaction<DB>,
  weekId: number,
  text: { lang: Lang; title: string; summaryMd: string; summaryHtml: string },
) {
  await trx
    .insertInto('week_texts')
    .values({
      week_id: weekId,
      lang: text.lang,
      title: text.title,
      summary_md: text.summaryMd,
      summary_html: text.summaryHtml,
    })
    .onConflict((oc) =>
      oc
        .columns(['week_id', 'lang'])
        .doUpdateSet({ title: text.title, summary_md: text.summaryMd, summary_html: text.summaryHtml }),
    )
    .execute();
}

/** Removes a week and closes the gap in the numbering; later weeks move down one at a time so the unique number never clashes. */
export async function removeWeek(trx: Transaction<DB>, forumId: number, weekId: number, number: number): Promise<void> {
  await trx.deleteFrom('weeks').where('id', '=', weekId).execute();
  const later = await trx
    .selectFrom('weeks')
    .select(['id', 'number'])
    .where('forum_id', '=', forumId)
    .where('number', '>', number)
    .orderBy('number')
    .execute();
  for (const week of later)
    await trx
      .updateTable('weeks')
      .set({ number: week.number - 1 })
      .where('id', '=', week.id)
      .execute();
}
