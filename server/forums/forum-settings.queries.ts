// SQL for a forum's settings: the locked forum row, its texts and translation rules, and the
// derived instants written back to the forum and every week.
import type { Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import type { DerivedInstants } from './schedule.rules.ts';

export function lockForum(trx: Transaction<DB>, forumId: number) {
  return trx.selectFrom('forums').selectAll().where('id', '=', forumId).forUpdate().executeTakeFirstOrThrow();
}

export function findWeekDates(trx: Transaction<DB>, forumId: number) {
  return trx
    .selectFrom('weeks')
    .select(['id', 'number', 'starts_on', 'opens_at', 'closes_at'])
    .where('forum_id', '=', forumId)
    .orderBy('number')
    .execute();
}

/** Writes the forum's and its weeks' instants; weeks are matched by number. */
export async function writeInstants(trx: Transaction<DB>, forumId: number, instants: DerivedInstants): Promise<void> {
  await trx
    .updateTable('forums')
    .set({
      starts_at: instants.startsAt,
      ends_at: instants.endsAt,
      application_deadline: instants.applicationDeadline,
      updated_at: new Date(),
    })
    .where('id', '=', forumId)
    .execute();
  for (const week of instants.weeks) {
    await trx
      .updateTable('weeks')
      .set({ starts_on: week.startsOn, opens_at: week.opensAt, closes_at: week.closesAt })
      .where('forum_id', '=', forumId)
      .where('number', '=', week.number)
      .execute();
  }
}

export async function upsertForumText(
  trx: Transaction<DB>,
  forumId: number,
  text: { lang: Lang; title: string; summary: string; callMd: string; callHtml: string },
) {
  await trx
    .insertInto('forum_texts')
    .values({
      forum_id: forumId,
      lang: text.lang,
      title: text.title,
      summary: text.summary,
      call_md: text.callMd,
      call_html: text.callHtml,
    })
    .onConflict((oc) =>
      oc
        .columns(['forum_id', 'lang'])
        .doUpdateSet({ title: text.title, summary: text.summary, call_md: text.callMd, call_html: text.callHtml }),
    )
    .execute();
}

export async function replaceTranslationRules(
  trx: Transaction<DB>,
  forumId: number,
  pairs: { from: Lang; to: Lang }[],
) {
  await trx.deleteFrom('translation_rules').where('forum_id', '=', forumId).execute();
  if (pairs.length) {
    await trx
      .insertInto('translation_rules')
      .values(pairs.map((pair) => ({ forum_id: forumId, source_lang: pair.from, target_lang: pair.to })))
      .execute();
  }
}

export async function writeForumAudit(
  trx: Transaction<DB>,
  entry: {
    forumId: number;
    actorId: number;
    action: string;
    targetType: 'forum' | 'week';
    targetId: number;
    reason?: string | null;
  },
) {
  await trx
    .insertInto('audit_log')
    .values({
      forum_id: entry.forumId,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? null,
    })
    .execute();
}

/** Key-respondent seats held in a forum, per week (a seat without a week counts under null). */
export async function countSeatsByWeek(
  trx: Transaction<DB>,
  forumId: number,
): Promise<{ week: number | null; seats: number }[]> {
  const rows = await trx
    .selectFrom('memberships')
    .leftJoin('weeks', 'weeks.id', 'memberships.week_id')
    .select(['weeks.number', (eb) => eb.fn.countAll<string>().as('seats')])
    .where('memberships.forum_id', '=', forumId)
    .where('memberships.role', '=', 'key_respondent')
    .groupBy('weeks.number')
    .execute();
  return rows.map((row) => ({ week: row.number, seats: Number(row.seats) }));
}
