// Calendar days (a deadline, a forum's first and last days) reach readers as days, not instants:
// the YYYY-MM-DD digits are formatted as a UTC date so neither the server's zone nor the
// reader's can move them. Error messages and emails both format them here.
import type { Lang } from '../db/schema.ts';

// English uses day-month-year, which readers on both sides of the Atlantic read the same way.
const locales: Record<Lang, string> = { en: 'en-GB', es: 'es', fr: 'fr' };
const formatters = new Map<Lang, Intl.DateTimeFormat>();

export function formatCalendarDate(lang: Lang, value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' });
    formatters.set(lang, formatter);
  }
  return formatter.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}
