// Date-only values travel as the forum's own calendar days, so every reader's page shows the
// same first and last days whatever their zone; instants stay alongside for times.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const contentDir = path.resolve(import.meta.dirname, '../../content');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await importContent(t.db, contentDir);
});
afterAll(async () => {
  await t?.close();
});

describe('calendar dates of the 2009 forum', () => {
  it('lists the forum with its first, last and deadline days in Toronto', async () => {
    const { forums } = (await t.get('/api/forums').expect(200)).body;
    const archive = forums.find((f: { slug: string }) => f.slug === 'sse-policy-2009');
    expect(archive).toMatchObject({
      timeZone: 'America/Toronto',
      startsOn: '2009-10-26',
      endsOn: '2009-12-04',
      applicationDeadlineOn: '2009-09-30',
      // The instants: Toronto's midnights, which are the 25th and 4th in Bogotá's evening.
      startsAt: '2009-10-26T04:00:00.000Z',
      endsAt: '2009-12-05T05:00:00.000Z',
      applicationDeadline: '2009-10-01T04:00:00.000Z',
    });
  });

  it('gives every week its first and last day, across the change to winter time', async () => {
    const { forum } = (await t.get('/api/forums/sse-policy-2009').expect(200)).body;
    expect(forum.weeks.map((w: { startsOn: string; endsOn: string }) => [w.startsOn, w.endsOn])).toEqual([
      ['2009-10-26', '2009-11-01'],
      ['2009-11-02', '2009-11-08'],
      ['2009-11-09', '2009-11-15'],
      ['2009-11-16', '2009-11-22'],
      ['2009-11-23', '2009-11-29'],
      ['2009-11-30', '2009-12-04'],
    ]);
    const week = (await t.get('/api/forums/sse-policy-2009/weeks/1').expect(200)).body.week;
    expect(week).toMatchObject({
      startsOn: '2009-10-26',
      endsOn: '2009-11-01',
      opensAt: '2009-10-26T04:00:00.000Z',
      closesAt: '2009-11-02T05:00:00.000Z',
    });
  });

  it('gives the live edition calendar days that agree with its instants in the forum’s zone', async () => {
    const { forum } = (await t.get('/api/forums/sse-policy-live').expect(200)).body;
    const toronto = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date(iso));
    expect(forum.startsOn).toBe(toronto(forum.startsAt));
    expect(forum.endsOn).toBe(toronto(new Date(Date.parse(forum.endsAt) - 1).toISOString()));
    expect(forum.applicationDeadlineOn).toBe(forum.endsOn);
    expect(forum.weeks.at(-1).endsOn).toBe(forum.endsOn);
  });
});
