// Arithmetic on calendar days (YYYY-MM-DD) done on their digits in UTC, so no zone shifts them.
import { calendarDay } from '../time/calendar-date.ts';

export function addDaysTo(day: string, days: number): string {
  const date = calendarDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
