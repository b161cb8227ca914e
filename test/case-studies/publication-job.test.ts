// The publication job (case-studies.plugin.ts): with background jobs on, an approved case
// study whose week has opened is published by the next tick, with no reader asking; with them
// off nothing is published behind the readers' backs. The plugin runs on a small host over the
// test app's real database, with a short tick injected.
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import caseStudiesPlugin from '../../server/case-studies/case-studies.plugin.ts';
import { approveCaseStudy } from '../../server/case-studies/case-studies.service.ts';
import { importFixture, LIVE, member } from '../helpers/forum-fixture.ts';
import { createTestApp, testConfig, type TestApp } from '../helpers/test-app.ts';
import { forumWeek, keyRespondent, sessionUser, submitted } from './helpers.ts';

const TICK_MS = 100;
let t: TestApp;

/** A case study of week 1 (open on the site's clock) approved as if just before the opening. */
async function approvedBeforeOpening(weekNumber: number) {
  const kr = await keyRespondent(t, LIVE, weekNumber, 'es');
  const organizer = await member(t, 'organizer');
  const study = await submitted(t, LIVE, kr, weekNumber);
  const week = await forumWeek(t.db, LIVE, weekNumber);
  const approved = await approveCaseStudy(
    t.db,
    study.id,
    await sessionUser(t.db, organizer.id),
    { user: null, lang: 'en' },
    new Date(week.opens_at.getTime() - 60_000),
  );
  expect(approved.caseStudy.status).toBe('approved');
  return study.id;
}

async function host(backgroundJobs: boolean) {
  const app = Fastify({ logger: false });
  app.decorate('db', t.db);
  // Stand-ins for the plugins the job declares it needs: it uses only app.db.
  await app.register(fp(async () => {}, { name: 'db' }));
  await app.register(fp(async () => {}, { name: 'realtime' }));
  await app.register(caseStudiesPlugin, { config: { ...testConfig, backgroundJobs }, tickMs: TICK_MS });
  await app.ready();
  return app;
}

const statusOf = async (id: number) =>
  await t.db.selectFrom('case_studies').select(['status', 'thread_id']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
});
afterAll(async () => {
  await t?.close();
});

describe('the case-study publication job', () => {
  it('does nothing when background jobs are off', async () => {
    const id = await approvedBeforeOpening(1);
    const app = await host(false);
    await new Promise((resolve) => setTimeout(resolve, TICK_MS * 4));
    await app.close();
    expect(await statusOf(id)).toEqual({ status: 'approved', thread_id: null });
    // Removed, so the next test sees only its own case study published.
    await t.db.deleteFrom('case_studies').where('id', '=', id).execute();
  });

  it('publishes an approved case study whose week has opened within one tick, with no reader asking', async () => {
    const id = await approvedBeforeOpening(1);
    const app = await host(true);
    const started = Date.now();
    let row = await statusOf(id);
    // One tick is 100 ms; the machine is slow, so poll for a few seconds before failing.
    while (row.status !== 'published' && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      row = await statusOf(id);
    }
    await app.close();
    expect(row).toEqual({ status: 'published', thread_id: expect.any(Number) });
    const events = await t.db.selectFrom('events').select('type').where('type', '=', 'case_study.published').execute();
    expect(events).toHaveLength(1);
  });
});
