// The rules a forum's calendar must keep, and the instants it derives. Dates are days of the
// forum's own zone; every instant (forum start and end, deadline, week openings) is computed
// from them here, so a change of dates or zone recomputes all of them the same way.
import { isTimeZone } from '../auth/time-zone.ts';
import { DomainError } from '../errors/domain-error.ts';
import { addDays, startOfLocalDay } from './forum-calendar.ts';

export interface CalendarInput {
  timeZone: string;
  startsOn: string;
  endsOn: string;
  /** The last day to apply; applications close at the end of it. */
  deadlineOn: string;
  /** The weeks in order of number, each with its first day. */
  weeks: { number: number; startsOn: string }[];
}

export interface DerivedInstants {
  startsAt: Date;
  endsAt: Date;
  applicationDeadline: Date;
  weeks: { number: number; startsOn: string; endsOn: string; opensAt: Date; closesAt: Date }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from one date to another (negative when earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Refuses a calendar whose zone is unknown or whose dates are out of order, naming the first
 * fault. Forums imported as live editions take applications while they run (their deadline is
 * their last day): a change that leaves such a deadline alone is not refused for it.
 */
export function assertCalendar(input: CalendarInput, previous?: Pick<CalendarInput, 'startsOn' | 'deadlineOn'>): void {
  if (!isTimeZone(input.timeZone)) throw new DomainError('invalid_time_zone', { timeZone: input.timeZone });
  if (input.endsOn <= input.startsOn) throw new DomainError('forum_dates_out_of_order');
  const deadlineRuleHeld =
    !previous || previous.deadlineOn < previous.startsOn || previous.deadlineOn !== input.deadlineOn;
  if (deadlineRuleHeld && input.deadlineOn >= input.startsOn) throw new DomainError('deadline_not_before_start');
  let before: string | null = null;
  for (const week of input.weeks) {
    if (week.startsOn < input.startsOn || week.startsOn > input.endsOn)
      throw new DomainError('week_outside_forum', { number: week.number });
    if (before !== null && week.startsOn <= before)
      throw new DomainError('week_dates_out_of_order', { number: week.number });
    before = week.startsOn;
  }
}

/**
 * Every instant of the calendar. A week opens at local midnight of its first day (the first
 * minute after the gap where midnight does not exist) and closes when the next one opens; the
 * last closes when the forum ends, at the midnight after its last day.
 */
export function deriveInstants(input: CalendarInput): DerivedInstants {
  const endsAt = startOfLocalDay(addDays(input.endsOn, 1), input.timeZone);
  const weeks = input.weeks.map((week, index) => {
    const next = input.weeks[index + 1];
    return {
      number: week.number,
      startsOn: week.startsOn,
      endsOn: next ? addDays(next.startsOn, -1) : input.endsOn,
      opensAt: startOfLocalDay(week.startsOn, input.timeZone),
      closesAt: next ? startOfLocalDay(next.startsOn, input.timeZone) : endsAt,
    };
  });
  return {
    startsAt: startOfLocalDay(input.startsOn, input.timeZone),
    endsAt,
    applicationDeadline: startOfLocalDay(addDays(input.deadlineOn, 1), input.timeZone),
    weeks,
  };
}
