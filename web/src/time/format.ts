// Dates in the interface language and the reader's zone. Formatters are costly to build, so
// they are kept per language, zone and style.
import type { Lang } from '../api/types.ts';

/** `weekTime` leaves out the year, which the forum's own dates already give, to fit narrow screens. */
export type DateStyle = 'date' | 'dateTime' | 'weekTime';

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  weekTime: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

const cache = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(iso: string, lang: Lang, timeZone: string, style: DateStyle): string {
  const key = `${lang}|${timeZone}|${style}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, { ...styles[style], timeZone });
    cache.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}

/**
 * Forum and week ends are the first instant after them (the next local midnight); shown as a
 * day, the last day is the one just before.
 */
export function lastMomentBefore(iso: string): string {
  return new Date(new Date(iso).getTime() - 1).toISOString();
}
