// Digest times on the user's own wall clock across zones and daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { localHourInstant, nextDigestAt } from '../../server/notifications/digest-clock.ts';

const at = (iso: string) => new Date(iso);

describe('next digest time', () => {
  it('keeps 8:00 local in Toronto across the end of daylight saving (1 Nov 2026)', () => {
    expect(nextDigestAt('daily', 8, 0, 'America/Toronto', at('2026-10-31T11:00:00Z'))).toEqual(
      at('2026-10-31T12:00:00Z'),
    );
    expect(nextDigestAt('daily', 8, 0, 'America/Toronto', at('2026-10-31T12:00:00Z'))).toEqual(
      at('2026-11-01T13:00:00Z'),
    );
    expect(nextDigestAt('daily', 8, 0, 'America/Toronto', at('2026-11-01T13:00:00Z'))).toEqual(
      at('2026-11-02T13:00:00Z'),
    );
  });

  it('gives the same instant different local hours in different zones', () => {
    const now = at('2026-12-01T10:30:00Z');
    expect(nextDigestAt('daily', 8, 0, 'America/Santiago', now)).toEqual(at('2026-12-01T11:00:00Z'));
    expect(nextDigestAt('daily', 8, 0, 'America/Toronto', now)).toEqual(at('2026-12-01T13:00:00Z'));
    expect(nextDigestAt('daily', 8, 0, 'Europe/Paris', now)).toEqual(at('2026-12-02T07:00:00Z'));
  });

  it('moves an hour the clocks skip to the end of the gap, and takes a repeated hour once', () => {
    // Paris, 28 Mar 2027: 02:00 becomes 03:00.
    expect(localHourInstant('2027-03-28', 2, 'Europe/Paris')).toEqual(at('2027-03-28T01:00:00Z'));
    expect(nextDigestAt('daily', 2, 0, 'Europe/Paris', at('2027-03-27T12:00:00Z'))).toEqual(at('2027-03-28T01:00:00Z'));
    // Santiago, 6 Sep 2026: midnight is skipped (00:00 → 01:00).
    expect(localHourInstant('2026-09-06', 0, 'America/Santiago')).toEqual(at('2026-09-06T04:00:00Z'));
    // Toronto, 1 Nov 2026: 01:00 happens twice; the digest goes at the first.
    expect(nextDigestAt('daily', 1, 0, 'America/Toronto', at('2026-10-31T12:00:00Z'))).toEqual(
      at('2026-11-01T05:00:00Z'),
    );
  });

  it('sends a weekly digest on the chosen weekday, and none for immediate or off', () => {
    // Monday 9:00 in Paris, asked on Wednesday 2 Dec 2026.
    expect(nextDigestAt('weekly', 9, 1, 'Europe/Paris', at('2026-12-02T12:00:00Z'))).toEqual(
      at('2026-12-07T08:00:00Z'),
    );
    expect(nextDigestAt('weekly', 9, 3, 'Europe/Paris', at('2026-12-02T07:00:00Z'))).toEqual(
      at('2026-12-02T08:00:00Z'),
    );
    expect(nextDigestAt('immediate', 9, 1, 'Europe/Paris', at('2026-12-02T07:00:00Z'))).toBeNull();
    expect(nextDigestAt('off', 9, 1, 'Europe/Paris', at('2026-12-02T07:00:00Z'))).toBeNull();
  });
});
