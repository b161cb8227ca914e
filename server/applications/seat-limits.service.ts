// Organizers set key-respondent seats per week and per region (the model forum's week 4 has
// two key respondents for each region). Limits are changed under the same forum row lock every
// seat is taken under, and lowering one below what is taken is allowed: it stops new seats, and
// nobody already appointed loses theirs.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { lockForumSeats, writeCohortAudit } from './applications.queries.ts';
import { organizerForum, seatsTaken } from './review.service.ts';
import type { SeatLimits, SeatLimitsInput } from './seat-limits.schemas.ts';

export async function seatLimits(db: Kysely<DB>, slug: string, user: SessionUser): Promise<SeatLimits> {
  const forum = await organizerForum(db, slug, user);
  const [weeks, seats] = await Promise.all([
    db
      .selectFrom('weeks')
      .select(['number', 'key_respondent_limit', 'key_respondents_per_region'])
      .where('forum_id', '=', forum.id)
      .orderBy('number')
      .execute(),
    seatsTaken(db, forum.id),
  ]);
  return {
    limit: forum.key_respondent_limit,
    perWeek: forum.key_respondents_per_week,
    taken: seats.taken,
    weeks: weeks.map((week) => ({
      week: week.number,
      limit: week.key_respondent_limit,
      perRegion: week.key_respondents_per_region,
      taken: seats.byWeek[String(week.number)] ?? 0,
      byRegion: seats.byWeekRegion[String(week.number)] ?? {},
    })),
  };
}

/** Sets the weeks named in the body (all or none); weeks left out keep their limits. */
export async function setSeatLimits(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  input: SeatLimitsInput,
): Promise<SeatLimits> {
  const forum = await organizerForum(db, slug, user);
  const numbers = input.weeks.map((week) => week.week);
  if (new Set(numbers).size !== numbers.length) throw new DomainError('validation', { field: 'weeks' });
  await db.transaction().execute(async (trx) => {
    await lockForumSeats(trx, forum.id);
    for (const week of input.weeks) {
      const result = await trx
        .updateTable('weeks')
        .set({ key_respondent_limit: week.limit, key_respondents_per_region: week.perRegion })
        .where('forum_id', '=', forum.id)
        .where('number', '=', week.week)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new DomainError('validation', { field: 'week' });
    }
    await writeCohortAudit(trx, {
      forumId: forum.id,
      actorId: user.id,
      action: 'seats.changed',
      targetType: 'forum',
      targetId: forum.id,
    });
  });
  return seatLimits(db, slug, user);
}
