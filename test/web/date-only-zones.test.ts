// Date-only values in the console and on the forum page (a forum's first and last days, its
// last day to apply, each week's days, and the move preview's old → new days) are days of the
// forum's calendar: they render the same for readers in Bogotá, Madrid and Auckland, in every
// interface language, including on the days clocks change.
import { afterEach, describe, expect, it } from 'vitest';
import { addDaysTo } from '../../web/src/console/calendar-days.ts';
import { formatCalendarDate } from '../../web/src/time/calendar-date.ts';

const READERS = ['America/Bogota', 'Europe/Madrid', 'Pacific/Auckland'];
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** A forum in Santiago as the schedule API gives it, moved one week later in the preview. */
const forum = { startsOn: '2027-08-29', endsOn: '2027-09-25', deadlineOn: '2027-08-01' };
const preview = {
  days: 7,
  weeks: [
    {
      number: 1,
      from: { startsOn: '2027-08-22', endsOn: '2027-08-28' },
      to: { startsOn: '2027-08-29', endsOn: '2027-09-04' },
    },
    // 5 September 2027: the day clocks jump in Santiago.
    {
      number: 2,
      from: { startsOn: '2027-08-29', endsOn: '2027-09-04' },
      to: { startsOn: '2027-09-05', endsOn: '2027-09-11' },
    },
  ],
};
/** Days the readers' own clocks change: Madrid in spring and autumn, Auckland in autumn and spring. */
const clockDays = ['2027-03-28', '2027-10-31', '2027-04-04', '2027-09-26'];

function renderAll() {
  const out: Record<string, string> = {};
  for (const lang of ['en', 'es', 'fr'] as const) {
    out[`${lang}.forum`] =
      `${formatCalendarDate(forum.startsOn, lang, 'date')} – ${formatCalendarDate(forum.endsOn, lang, 'date')}`;
    out[`${lang}.deadline`] = formatCalendarDate(forum.deadlineOn, lang, 'date');
    for (const week of preview.weeks) {
      out[`${lang}.week${week.number}`] = [week.from.startsOn, week.from.endsOn, week.to.startsOn, week.to.endsOn]
        .map((day) => formatCalendarDate(day, lang, 'weekDay'))
        .join(' | ');
    }
    out[`${lang}.clockDays`] = clockDays.map((day) => formatCalendarDate(day, lang, 'date')).join(' | ');
  }
  return out;
}

describe("date-only values in three readers' zones", () => {
  it('render identically in Bogotá, Madrid and Auckland', () => {
    const seen = READERS.map((zone) => {
      process.env.TZ = zone;
      // The machine really is in that zone: a local midnight is not UTC's.
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
      expect(new Date(2027, 7, 29).getTimezoneOffset()).not.toBe(0);
      return renderAll();
    });
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
    expect(seen[0]).toMatchObject({
      'en.forum': 'Aug 29, 2027 – Sep 25, 2027',
      'es.forum': '29 ago 2027 – 25 sept 2027',
      'fr.forum': '29 août 2027 – 25 sept. 2027',
      'fr.deadline': '1 août 2027',
      'es.week2': 'dom, 29 ago | sáb, 4 sept | dom, 5 sept | sáb, 11 sept',
      'en.clockDays': 'Mar 28, 2027 | Oct 31, 2027 | Apr 4, 2027 | Sep 26, 2027',
      'fr.week1': 'dim. 22 août | sam. 28 août | dim. 29 août | sam. 4 sept.',
    });
  });

  it('are different from what the same day read as an instant would show, which is the bug they avoid', () => {
    process.env.TZ = 'America/Bogota';
    // Midnight UTC of 29 August is still the 28th in Bogotá.
    expect(new Date('2027-08-29').toLocaleDateString('en-GB')).toBe('28/08/2027');
    expect(formatCalendarDate('2027-08-29', 'en', 'date')).toBe('Aug 29, 2027');
  });

  it('shift by whole days the same way in every zone, across clock changes and month ends', () => {
    const shifted = READERS.map((zone) => {
      process.env.TZ = zone;
      return [
        addDaysTo('2027-08-29', 7),
        addDaysTo('2027-03-27', 1),
        addDaysTo('2027-10-30', 2),
        addDaysTo('2027-12-31', 1),
        addDaysTo('2027-03-01', -1),
      ];
    });
    for (const result of shifted)
      expect(result).toEqual(['2027-09-05', '2027-03-28', '2027-11-01', '2028-01-01', '2027-02-28']);
  });
});
