// The demo's cohort: applications in every state and one key-respondent candidate per region,
// created once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApplications } from '../../server/demo/demo-applications.ts';
import { REGIONS } from '../../server/applications/applications.schemas.ts';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE } from '../helpers/forum-fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
}, 180_000);
afterAll(async () => t?.close());

describe('demo applications', () => {
  it('covers every status and every region once, and does nothing the second time', async () => {
    const organizer = await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'organizer' }] });
    await seedDemoApplications(t.db, LIVE, organizer.email);
    const rows = await t.db.selectFrom('applications').select(['kind', 'status', 'region']).execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['pending', 'accepted', 'waitlisted', 'declined']));
    expect(rows.filter((r) => r.kind === 'key_respondent').map((r) => r.region).sort()).toEqual([...REGIONS].sort());
    await seedDemoApplications(t.db, LIVE, organizer.email);
    expect(await t.db.selectFrom('applications').select('id').execute()).toHaveLength(rows.length);
  });
});
