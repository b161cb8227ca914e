// When a daily or weekly digest is next due: the user's chosen hour on their own wall clock,
// whatever daylight-saving change lies between. An hour the clocks skip falls to the first
// instant after the gap; an hour they repeat is taken the first time.
import type { DigestSchedule } from '../db/schema.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The instant a local date and hour happen in a zone. */
export function localHourInstant(date: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  let instant = wall - (wallClock(wall, timeZone) - wall);
  instant = wall - (wallClock(instant, timeZone) - instant);
  // In a skipped hour neither guess shows the wanted wall time: take the end of the gap.
  if (wallClock(instant, timeZone) < wall) while (wallClock(instant, timeZone) < wall) instant += 60_000;
  return new Date(instant);
}

function localDateOf(instant: number, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}

/** The first digest time strictly after `after`; null for schedules without digests. */
export function nextDigestAt(
  schedule: DigestSchedule,
  hour: number,
  weekday: number,
  timeZone: string,
  after: Date,
): Date | null {
  if (schedule !== 'daily' && schedule !== 'weekly') return null;
  const start = Date.parse(`${localDateOf(after.getTime(), timeZone)}T00:00:00Z`);
  for (let day = 0; day <= 8; day += 1) {
    const date = new Date(start + day * 86_400_000);
    if (schedule === 'weekly' && date.getUTCDay() !== weekday) continue;
    const at = localHourInstant(date.toISOString().slice(0, 10), hour, timeZone);
    if (at > after) return at;
  }
  throw new Error('no digest time within eight days');
}
