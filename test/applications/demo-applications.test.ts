// The demo's cohort: applications in every state and one key-respondent candidate or more per
// region of the demo forum (the model forum's four), each with a sector, created once.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApplications } from '../../server/demo/demo-applications.ts';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';

const DEMO = 'sse-policy-live';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importContent(t.db, path.resolve(import.meta.dirname, '../../content'));
}, 180_000);
afterAll(async () => t?.close());

describe('demo applications', () => {
  it('covers every status, every region and every sector, confirms the prerequisites, and does nothing the second time', async () => {
    const organizer = await createUser(t.db, { roles: [{ forumSlug: DEMO, role: 'organizer' }] });
    await seedDemoApplications(t.db, DEMO, organizer.email);
    const forum = await t.db.selectFrom('forums').select('id').where('slug', '=', DEMO).executeTakeFirstOrThrow();
    const rows = await t.db
      .selectFrom('applications')
      .leftJoin('forum_regions as r', 'r.id', 'applications.region_id')
      .leftJoin('forum_sectors as s', 's.id', 'applications.sector_id')
      .select([
        'applications.kind',
        'applications.status',
        'r.key as region',
        's.key as sector',
        'applications.prerequisites_confirmed',
      ])
      .where('applications.forum_id', '=', forum.id)
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['pending', 'accepted', 'waitlisted', 'declined']));
    expect(new Set(rows.filter((r) => r.kind === 'key_respondent').map((r) => r.region))).toEqual(
      new Set(['english-canada', 'quebec', 'brazil', 'hispanic-america']),
    );
    expect(new Set(rows.map((r) => r.sector))).toEqual(new Set(['government', 'ngo', 'academia', 'grassroots']));
    expect(rows.every((r) => r.prerequisites_confirmed.length === 4)).toBe(true);
    await seedDemoApplications(t.db, DEMO, organizer.email);
    expect(await t.db.selectFrom('applications').select('id').where('forum_id', '=', forum.id).execute()).toHaveLength(
      rows.length,
    );
  });
});
