// Week boundaries are local midnights in the forum's zone, across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import {
  forumCalendar,
  forumStatus,
  localDate,
  startOfLocalDay,
  weekState,
} from '../../server/forums/forum-calendar.ts';

describe('forum calendar', () => {
  const calendar = forumCalendar('2009-10-26', '2009-12-04', 6, 'America/Toronto');

  it('opens week 1 at midnight EDT and week 2 at midnight EST after the 2009-11-01 change', () => {
    expect(calendar.weeks[0]!.opensAt.toISOString()).toBe('2009-10-26T04:00:00.000Z');
    expect(calendar.weeks[0]!.closesAt.toISOString()).toBe('2009-11-02T05:00:00.000Z');
    expect(calendar.weeks[1]!.opensAt.toISOString()).toBe('2009-11-02T05:00:00.000Z');
    // Week 1 has the extra hour of the fall-back night.
    expect((calendar.weeks[0]!.closesAt.getTime() - calendar.weeks[0]!.opensAt.getTime()) / 3_600_000).toBe(169);
    expect((calendar.weeks[1]!.closesAt.getTime() - calendar.weeks[1]!.opensAt.getTime()) / 3_600_000).toBe(168);
  });

  it('ends the forum at the midnight after its last day, and week 6 then', () => {
    expect(calendar.endsAt.toISOString()).toBe('2009-12-05T05:00:00.000Z');
    expect(calendar.weeks[5]!.startsOn).toBe('2009-11-30');
    expect(calendar.weeks[5]!.closesAt).toEqual(calendar.endsAt);
  });

  it('starts a day after the gap where midnight does not exist (Santiago, 2009-10-11)', () => {
    const start = startOfLocalDay('2009-10-11', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2009-10-11');
    expect(localDate(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2009-10-10');
    expect(start.toISOString()).toBe('2009-10-11T04:00:00.000Z');
  });

  it('derives forum status and week state from the instant', () => {
    const forum = { published: true, starts_at: calendar.startsAt, ends_at: calendar.endsAt };
    expect(forumStatus(forum, new Date('2009-10-01T00:00:00Z'))).toBe('recruiting');
    expect(forumStatus(forum, new Date('2009-11-02T05:00:00Z'))).toBe('running');
    expect(forumStatus(forum, new Date('2009-12-05T05:00:00Z'))).toBe('closed');
    expect(forumStatus({ ...forum, published: false }, new Date('2009-11-02T05:00:00Z'))).toBe('draft');
    const week2 = { opens_at: calendar.weeks[1]!.opensAt, closes_at: calendar.weeks[1]!.closesAt };
    expect(weekState(week2, new Date('2009-11-02T04:59:59.999Z'))).toBe('upcoming');
    expect(weekState(week2, new Date('2009-11-02T05:00:00Z'))).toBe('open');
    expect(weekState(week2, new Date('2009-11-09T05:00:00Z'))).toBe('past');
  });
});
