// With background jobs on, asking for an edition starts its generation at once on this instance:
// the organizer does not wait for the next tick, and mail does not wait for the edition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, newKey } from '../helpers/forum-fixture.ts';
import { buildWorld, type ProceedingsWorld } from './proceedings-fixture.ts';

let w: ProceedingsWorld;

beforeAll(async () => {
  // The timer's first tick comes after 30 s: only the request's wake-up generates the edition within the 20 s waited.
  w = await buildWorld({ backgroundJobs: true });
}, 180_000);
afterAll(async () => w?.t.close());

describe('an edition asked for', () => {
  it('is generated without waiting for the scheduler', async () => {
    const asked = await w.t
      .post(`/api/forums/${LIVE}/proceedings`)
      .set('Cookie', w.organizer.cookie)
      .send({ lang: 'fr', idempotencyKey: newKey() })
      .expect(202);
    const statusOf = async () => {
      const list = await w.t.get(`/api/forums/${LIVE}/proceedings`).set('Cookie', w.organizer.cookie).expect(200);
      return list.body.editions.find((edition: { id: number }) => edition.id === asked.body.edition.id)?.status;
    };
    await expect.poll(statusOf, { timeout: 20_000, interval: 200 }).toBe('done');
  });
});
