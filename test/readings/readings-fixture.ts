// The readings tests' world: the fixture forum (week 1 past, week 2 open, week 3 added still to
// come, with its key respondent), every role the authorization matrix asks about, and an
// attachments folder of the file's own.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';

export interface ReadingsWorld {
  t: TestApp;
  attachmentsDir: string;
  forumId: number;
  week3Id: number;
  people: {
    participant: Member;
    keyRespondent: Member;
    translator: Member;
    otherOrganizer: Member;
    organizer: Member;
    admin: Member;
  };
  close(): Promise<void>;
}

export const MAX_BYTES = 64 * 1024;

export async function readingsWorld(): Promise<ReadingsWorld> {
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-attachments-'));
  const t = await createTestApp({ attachmentsDir, attachmentMaxBytes: MAX_BYTES });
  await importFixture(t);
  const forumId = (await t.db.selectFrom('forums').select('id').where('slug', '=', LIVE).executeTakeFirstOrThrow()).id;
  const week2 = await t.db
    .selectFrom('weeks')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('number', '=', 2)
    .executeTakeFirstOrThrow();
  const opensAt = new Date(week2.closes_at.getTime());
  const week3 = await t.db
    .insertInto('weeks')
    .values({
      forum_id: forumId,
      number: 3,
      starts_on: '2099-01-01',
      opens_at: opensAt,
      closes_at: new Date(opensAt.getTime() + 7 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('week_texts')
    .values({
      week_id: week3.id,
      lang: 'en',
      title: 'Week three',
      summary_md: 'Prepare',
      summary_html: '<p>Prepare</p>',
    })
    .execute();

  const keyRespondent = await member(t, 'key_respondent');
  await t.db
    .updateTable('memberships')
    .set({ week_id: week3.id })
    .where('user_id', '=', keyRespondent.id)
    .where('role', '=', 'key_respondent')
    .execute();
  const adminUser = await createUser(t.db, { isAdmin: true });
  const translatorUser = await createUser(t.db, { roles: [{ forumSlug: LIVE, role: 'translator' }] });
  const otherUser = await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] });
  const people = {
    participant: await member(t, 'participant'),
    keyRespondent,
    translator: { ...translatorUser, cookie: await signIn(t, translatorUser) },
    otherOrganizer: { ...otherUser, cookie: await signIn(t, otherUser) },
    organizer: await member(t, 'organizer'),
    admin: { ...adminUser, cookie: await signIn(t, adminUser) },
  };
  return {
    t,
    attachmentsDir,
    forumId,
    week3Id: week3.id,
    people,
    async close() {
      await t.close();
      await rm(attachmentsDir, { recursive: true, force: true });
    },
  };
}

export function readingBody(extra: Record<string, unknown> = {}) {
  return {
    originalLang: 'es',
    texts: [{ lang: 'es', title: 'Economía solidaria en Quebec', bodyMd: 'Un texto **breve** sobre cooperativas.' }],
    idempotencyKey: randomUUID(),
    ...extra,
  };
}

/** Adds a reading to a week of the live forum as the organizer; returns the editor's view of it. */
export async function addReading(world: ReadingsWorld, week: number, extra: Record<string, unknown> = {}) {
  const response = await world.t
    .post(`/api/forums/${LIVE}/weeks/${week}/readings`)
    .set('Cookie', world.people.organizer.cookie)
    .send(readingBody(extra))
    .expect(201);
  return response.body.reading as {
    id: number;
    slug: string;
    updatedAt: string;
    revision: number;
    position: number;
    published: boolean;
  };
}
