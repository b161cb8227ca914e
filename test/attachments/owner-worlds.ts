// One world per kind of attachment owner, so the shared cases (attachments.test.ts) run alike
// for readings and case studies: a test app with its own attachments folder and the size limit
// MAX_BYTES, a new owner on demand, and who may and may not change its files.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importFixture, LIVE, member, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { addReading, MAX_BYTES, readingsWorld } from '../readings/readings-fixture.ts';
import { forumWeek, keyRespondent, writeCaseStudy } from '../case-studies/helpers.ts';

export interface Owner {
  id: number;
  /** Who may add and remove its files, first the one who uploads in the shared cases. */
  changers: Member[];
}

export interface OwnerWorld {
  kind: 'reading' | 'case_study';
  t: TestApp;
  attachmentsDir: string;
  table: 'reading_attachments' | 'case_study_attachments';
  /** The owner's URL: files go to `${ownerPath}/:id/attachments`. */
  ownerPath: string;
  downloadPath: string;
  newOwner(): Promise<Owner>;
  /** Who may not change a new owner's files, with the answer they get. */
  refused: [Member | null, number, string][];
  /**
   * An owner ready for readers but in a week not yet open, with its editor, a participant, and
   * the refusal the participant gets for its files.
   */
  notYetOpen(): Promise<{ id: number; editor: Member; reader: Member; status: number; code: string }>;
  /** The file count a week's page shows for the owner, where it shows one before publication. */
  listedCount?(ownerId: number): Promise<number>;
  close(): Promise<void>;
}

export async function readingWorld(): Promise<OwnerWorld> {
  const w = await readingsWorld();
  const { organizer, admin, participant, keyRespondent: kr, translator, otherOrganizer } = w.people;
  return {
    kind: 'reading',
    t: w.t,
    attachmentsDir: w.attachmentsDir,
    table: 'reading_attachments',
    ownerPath: '/api/readings',
    downloadPath: '/api/reading-attachments',
    newOwner: async () => ({ id: (await addReading(w, 2)).id, changers: [organizer, admin] }),
    // Week 3 opens once week 2 closes.
    notYetOpen: async () => ({
      id: (await addReading(w, 3)).id,
      editor: organizer,
      reader: participant,
      status: 403,
      code: 'week_not_open',
    }),
    refused: [
      [null, 401, 'sign_in_required'],
      [participant, 403, 'forbidden'],
      [kr, 403, 'forbidden'],
      [translator, 403, 'forbidden'],
      [otherOrganizer, 403, 'forbidden'],
    ],
    async listedCount(readingId) {
      const week = await w.t.get(`/api/forums/${LIVE}/weeks/2`).set('Cookie', participant.cookie).expect(200);
      return week.body.week.readings.find((r: { id: number }) => r.id === readingId).attachmentCount;
    },
    close: () => w.close(),
  };
}

const DAY = 86_400_000;

export async function caseStudyWorld(): Promise<OwnerWorld> {
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-cs-attachments-'));
  const t = await createTestApp({ attachmentsDir, attachmentMaxBytes: MAX_BYTES });
  await importFixture(t);
  // Week 2 opens in two days: its case studies are written and attached before it.
  const week2 = await forumWeek(t.db, LIVE, 2);
  await t.db
    .updateTable('weeks')
    .set({ opens_at: new Date(Date.now() + 2 * DAY), closes_at: new Date(Date.now() + 9 * DAY) })
    .where('id', '=', week2.id)
    .execute();
  const signedIn = async (options: Parameters<typeof createUser>[1]): Promise<Member> => {
    const user = await createUser(t.db, options);
    return { ...user, cookie: await signIn(t, user) };
  };
  const organizer = await member(t, 'organizer');
  const participant = await member(t, 'participant', 'en');
  const refused: OwnerWorld['refused'] = [
    // Before publication the case study does not exist for them.
    [null, 401, 'sign_in_required'],
    [participant, 404, 'not_found'],
    [await keyRespondent(t, LIVE, 1, 'fr'), 404, 'not_found'],
    [await signedIn({ roles: [{ forumSlug: LIVE, role: 'translator' }] }), 404, 'not_found'],
    [await signedIn({ roles: [{ forumSlug: 'fixture-2009', role: 'organizer' }] }), 404, 'not_found'],
  ];
  return {
    kind: 'case_study',
    t,
    attachmentsDir,
    table: 'case_study_attachments',
    ownerPath: '/api/case-studies',
    downloadPath: '/api/case-study-attachments',
    async newOwner() {
      const author = await keyRespondent(t, LIVE, 2, 'es');
      return { id: (await writeCaseStudy(t, LIVE, author, 2)).id, changers: [author, organizer] };
    },
    // Approved, so published the moment its week opens: until then it does not exist for a participant.
    async notYetOpen() {
      const author = await keyRespondent(t, LIVE, 2, 'es');
      const { id } = await writeCaseStudy(t, LIVE, author, 2);
      await t.post(`/api/case-studies/${id}/submit`).set('Cookie', author.cookie).send().expect(200);
      await t.post(`/api/case-studies/${id}/approve`).set('Cookie', organizer.cookie).send().expect(200);
      return { id, editor: organizer, reader: participant, status: 404, code: 'not_found' };
    },
    refused,
    async close() {
      await t.close();
      await rm(attachmentsDir, { recursive: true, force: true });
    },
  };
}
