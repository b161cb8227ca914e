// The SPA's time module: a forum's calendar days read the same in every reader's zone, while
// instants follow the reader; time zones get names in the reader's language and a search.
import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate } from '../../web/src/time/calendar-date.ts';
import { formatInstant } from '../../web/src/time/format.ts';
import { canonicalZone, matchesZone, USUAL_ZONES, zoneChoices } from '../../web/src/time/zone-choices.ts';
import { formatOffset, zoneName } from '../../web/src/time/zone-names.ts';

const READERS = ['America/Bogota', 'America/Sao_Paulo', 'Europe/Madrid', 'Pacific/Auckland'];
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** The 2009 forum as the API gives it: calendar days, and the instants of Toronto's midnights. */
const forum2009 = { startsOn: '2009-10-26', endsOn: '2009-12-04', startsAt: '2009-10-26T04:00:00.000Z' };
const range = (lang: 'en' | 'es' | 'fr') =>
  `${formatCalendarDate(forum2009.startsOn, lang, 'date')} – ${formatCalendarDate(forum2009.endsOn, lang, 'date')}`;

describe('calendar days', () => {
  it('render the 2009 forum’s dates identically whatever zone the machine is in', () => {
    const seen = READERS.map((zone) => {
      process.env.TZ = zone;
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
      expect(new Date(2009, 9, 26).getTimezoneOffset()).not.toBe(0);
      return {
        es: range('es'),
        fr: range('fr'),
        en: range('en'),
        week: formatCalendarDate('2009-11-30', 'es', 'weekDay'),
      };
    });
    for (const rendering of seen) expect(rendering).toEqual(seen[0]);
    expect(seen[0]).toEqual({
      es: '26 oct 2009 – 4 dic 2009',
      fr: '26 oct. 2009 – 4 déc. 2009',
      en: 'Oct 26, 2009 – Dec 4, 2009',
      week: 'lun, 30 nov',
    });
  });

  it('differ from the forum’s first instant read in a reader’s zone, which is why days are not instants', () => {
    // Toronto's midnight is still the 25th in Bogotá (the bug the calendar days fix).
    expect(formatInstant(forum2009.startsAt, 'es', 'America/Bogota', 'dateTime')).toMatch(/^25 oct 2009/);
    expect(formatInstant(forum2009.startsAt, 'es', 'Pacific/Auckland', 'dateTime')).toMatch(/^26 oct 2009/);
  });

  it('refuse anything but YYYY-MM-DD', () => {
    expect(() => formatCalendarDate('2009-10-26T04:00:00Z', 'en', 'date')).toThrow(RangeError);
  });
});

describe('time-zone names', () => {
  const january = new Date('2027-01-15T12:00:00Z');

  it('give the city, the zone’s name in the reader’s language and the offset', () => {
    expect(zoneName('America/Bogota', 'es', january).label).toBe('Bogotá — hora estándar de Colombia (UTC−5)');
    expect(zoneName('Europe/Madrid', 'fr', january).label).toBe('Madrid — heure d’Europe centrale (UTC+1)');
    expect(zoneName('America/Argentina/Buenos_Aires', 'en', january).label).toBe(
      'Buenos Aires — Argentina Standard Time (UTC−3)',
    );
    expect(zoneName('UTC', 'en', january).label).toBe('UTC');
    expect(zoneName('Mars/Olympus_Mons', 'en', january).label).toBe('Mars/Olympus Mons');
  });

  it('write offsets with a true minus sign and minutes where there are some', () => {
    expect([formatOffset(0), formatOffset(-300), formatOffset(330), formatOffset(345), formatOffset(-210)]).toEqual([
      'UTC',
      'UTC−5',
      'UTC+5:30',
      'UTC+5:45',
      'UTC−3:30',
    ]);
  });

  it('are found by city, country, offset or id, with or without accents', () => {
    const bogota = zoneName('America/Bogota', 'es', january);
    for (const query of ['bogotá', 'bogota', 'Colombia', 'utc-5', 'UTC−5', 'america/bog', 'hora colombia'])
      expect(matchesZone(bogota, query), query).toBe(true);
    expect(matchesZone(bogota, 'madrid')).toBe(false);
    expect(matchesZone(zoneName('America/Sao_Paulo', 'fr', january), 'são paulo')).toBe(true);
  });
});

describe('time-zone choices', () => {
  it('put the likely zones first, then the usual ones, then every other zone once', () => {
    const { suggested, others } = zoneChoices('es', [
      'Asia/Tokyo',
      'America/Bogota',
      'America/Montreal',
      'America/Toronto',
    ]);
    const ids = suggested.map((zone) => zone.id);
    // Montreal is Toronto under another name: offered once.
    expect(ids.slice(0, 3)).toEqual(['Asia/Tokyo', 'America/Bogota', 'America/Montreal']);
    expect(ids).not.toContain('America/Toronto');
    expect(ids).toContain('Europe/Paris');
    const all = [...ids, ...others.map((zone) => zone.id)];
    const canonical = all.map((id) => canonicalZone(id));
    expect(new Set(canonical).size).toBe(all.length);
    expect(all).toContain('UTC');
    expect(all.length).toBeGreaterThan(300);
    expect(ids.length).toBeLessThanOrEqual(3 + USUAL_ZONES.length);
    const labels = others.map((zone) => zone.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('es').compare));
  });

  it('drop an unknown zone rather than fail', () => {
    expect(zoneChoices('en', ['Mars/Olympus_Mons']).suggested.map((zone) => zone.id)).not.toContain(
      'Mars/Olympus_Mons',
    );
  });
});
