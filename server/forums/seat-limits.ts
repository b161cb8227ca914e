// The key-respondent limits (a total and a per-week cap) must hold the seats already given:
// the console's settings and the content importer both set limits, and both go through this
// rule, under the forum's row lock that every acceptance also takes.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { countSeatsByWeek } from './forum-settings.queries.ts';

export async function assertLimitsHoldSeats(
  trx: Transaction<DB>,
  forumId: number,
  limits: { total: number; perWeek: number },
): Promise<void> {
  const weeks = await countSeatsByWeek(trx, forumId);
  const taken = weeks.reduce((sum, row) => sum + row.seats, 0);
  const busiest = weeks.filter((row) => row.week !== null).sort((a, b) => b.seats - a.seats)[0] ?? {
    week: 1,
    seats: 0,
  };
  if (taken > limits.total || busiest.seats > limits.perWeek) {
    throw new DomainError('limits_below_seats', { taken, inWeek: busiest.seats, number: busiest.week ?? 1 });
  }
}
