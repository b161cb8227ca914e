// Instants (posts, due times, a week's opening) in the interface language and the reader's zone.
// Calendar days are formatted by calendar-date.ts instead. Formatters are costly to build, so
// they are kept per language, zone and style.
import type { Lang } from '../i18n/languages.ts';

/** `weekTime` leaves out the year, which the forum's own dates already give, to fit narrow screens. */
export type DateStyle = 'dateTime' | 'weekTime';

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
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
