// Dates as <time> elements in the interface language: calendar days as the forum's calendar
// gives them (the same for every reader), instants in the reader's zone.
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatCalendarDate, type CalendarStyle } from '../time/calendar-date.ts';
import { formatInstant, type DateStyle } from '../time/format.ts';

interface CalendarRangeProps {
  /** First and last days, both included, as YYYY-MM-DD. */
  startsOn: string;
  endsOn: string;
  style: CalendarStyle;
  /** One line per end, for narrow table cells. */
  stacked?: boolean;
}

export function CalendarRange({ startsOn, endsOn, style, stacked }: CalendarRangeProps) {
  const { lang } = useI18n();
  const from = <time dateTime={startsOn}>{formatCalendarDate(startsOn, lang, style)}</time>;
  const to = <time dateTime={endsOn}>{formatCalendarDate(endsOn, lang, style)}</time>;
  return stacked ? (
    <span class="date-range stacked">
      <span>{from} –</span> <span>{to}</span>
    </span>
  ) : (
    <span class="date-range">
      {from} – {to}
    </span>
  );
}

export function CalendarDate({ value, style }: { value: string; style: CalendarStyle }) {
  const { lang } = useI18n();
  return <time dateTime={value}>{formatCalendarDate(value, lang, style)}</time>;
}

export function DateTime({ value, timeZone, style }: { value: string; timeZone: string; style: DateStyle }) {
  const { lang } = useI18n();
  return <time dateTime={value}>{formatInstant(value, lang, timeZone, style)}</time>;
}
