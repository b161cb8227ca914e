// A span of time as two <time> elements, in the interface language and the reader's zone.
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatInstant, lastMomentBefore, type DateStyle } from '../time/format.ts';

interface Props {
  start: string;
  /** The first instant after the span, as the API gives it. */
  end: string;
  timeZone: string;
  style: DateStyle;
  /** One line per end, for narrow table cells. */
  stacked?: boolean;
}

export function DateRange({ start, end, timeZone, style, stacked }: Props) {
  const { lang } = useI18n();
  // As days, an exclusive end would read one day late; as times, midnight is the honest bound.
  const shownEnd = style === 'date' ? lastMomentBefore(end) : end;
  const from = <time dateTime={start}>{formatInstant(start, lang, timeZone, style)}</time>;
  const to = <time dateTime={end}>{formatInstant(shownEnd, lang, timeZone, style)}</time>;
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

export function DateTime({ value, timeZone, style }: { value: string; timeZone: string; style: DateStyle }) {
  const { lang } = useI18n();
  return <time dateTime={value}>{formatInstant(value, lang, timeZone, style)}</time>;
}
