// Turns a forum's local dates into instants and derives states from them. Weeks open at local
// midnight in the forum's time zone, so a week that spans a daylight-saving change is 167 or
// 169 hours long, never shifted by an hour.

export type ForumStatus = 'draft' | 'recruiting' | 'running' | 'closed';
export type WeekState = 'upcoming' | 'open' | 'past';

const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a zone, expressed as if that reading were UTC. */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
}

function parseDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function formatDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date) + days * DAY_MS);
}

/** The calendar date an instant falls on in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return formatDate(
    wallClockAsUtc(instant.getTime(), timeZone) - (wallClockAsUtc(instant.getTime(), timeZone) % DAY_MS),
  );
}

/** Deadlines and week ends are stored as the first instant after them; their day is the one before. */
export function lastLocalDay(exclusiveEnd: Date, timeZone: string): string {
  return localDate(new Date(exclusiveEnd.getTime() - 1), timeZone);
}

/**
 * The first instant of a local date in a zone. Where midnight itself does not exist (zones
 * that change the clocks at midnight, such as America/Santiago) that is the first minute after the gap.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const wall = parseDate(date);
  let instant = wall - (wallClockAsUtc(wall, timeZone) - wall);
  // A second pass settles the offset when the first guess fell on the other side of a change.
  instant = wall - (wallClockAsUtc(instant, timeZone) - instant);
  if (localDate(new Date(instant), timeZone) < date) {
    // Midnight was skipped: walk forward to the first minute of the date.
    while (localDate(new Date(instant), timeZone) < date) instant += 60_000;
  }
  return new Date(instant);
}

export interface WeekDates {
  number: number;
  startsOn: string;
  opensAt: Date;
  closesAt: Date;
}

export interface ForumDates {
  startsAt: Date;
  endsAt: Date;
  weeks: WeekDates[];
}

/** Week n starts 7(n−1) days after the forum's first day; each closes when the next opens, the last when the forum ends. */
export function forumCalendar(startsOn: string, endsOn: string, weekCount: number, timeZone: string): ForumDates {
  if (endsOn < startsOn) throw new RangeError('A forum cannot end before it starts');
  const endsAt = startOfLocalDay(addDays(endsOn, 1), timeZone);
  const weeks: WeekDates[] = [];
  for (let number = 1; number <= weekCount; number++) {
    const weekStart = addDays(startsOn, 7 * (number - 1));
    const opensAt = startOfLocalDay(weekStart, timeZone);
    const closesAt = number === weekCount ? endsAt : startOfLocalDay(addDays(weekStart, 7), timeZone);
    weeks.push({ number, startsOn: weekStart, opensAt, closesAt });
  }
  return { startsAt: weeks[0]?.opensAt ?? startOfLocalDay(startsOn, timeZone), endsAt, weeks };
}

export function forumStatus(forum: { published: boolean; starts_at: Date; ends_at: Date }, now: Date): ForumStatus {
  if (!forum.published) return 'draft';
  if (now < forum.starts_at) return 'recruiting';
  if (now < forum.ends_at) return 'running';
  return 'closed';
}

export function weekState(week: { opens_at: Date; closes_at: Date }, now: Date): WeekState {
  if (now < week.opens_at) return 'upcoming';
  if (now < week.closes_at) return 'open';
  return 'past';
}
