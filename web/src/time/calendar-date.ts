// Calendar days (a forum's first and last days, a week's, an application deadline) are days of
// the forum's own calendar, not instants: every reader sees the same day whatever their zone.
// They are formatted from their YYYY-MM-DD digits as a UTC date, so no zone can move them.
import type { Lang } from '../i18n/languages.ts';

/** `weekDay` leaves out the year, which the forum's own dates already give, to fit narrow cells. */
export type CalendarStyle = 'date' | 'weekDay';

const styles: Record<CalendarStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  weekDay: { weekday: 'short', day: 'numeric', month: 'short' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(lang: Lang, style: CalendarStyle): Intl.DateTimeFormat {
  const key = `${lang}|${style}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, { ...styles[style], timeZone: 'UTC' });
    cache.set(key, formatter);
  }
  return formatter;
}

/** The UTC midnight that carries a YYYY-MM-DD day's digits. */
export function calendarDay(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export function formatCalendarDate(value: string, lang: Lang, style: CalendarStyle): string {
  return formatterFor(lang, style).format(calendarDay(value));
}
