// Publishing approved case studies at the moment their week opens, never before. The job calls
// publishDueCaseStudies every few seconds; readers' requests publish their week's due ones too,
// so a lagging job never delays what a member sees. Publication is one transaction: the status,
// the case study's thread, its translation tasks, the members' notification and the live event.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notify } from '../notifications/notify.ts';
import { appendEvent } from '../events/events.queries.ts';
import { queueTranslationTasks } from '../translation-policy/translation-tasks.queries.ts';
import { currentTime } from '../time/clock.ts';
import {
  findCaseStudy,
  findDueCaseStudies,
  findForumMemberIds,
  insertCaseStudyThread,
  lockCaseStudy,
  markPublished,
} from './case-studies.queries.ts';
import { toCaseStudyView } from './case-study-view.ts';

/**
 * Publishes one case study inside the caller's transaction if it is approved and its week has
 * opened by `now`; returns whether it did. The row lock makes a second publisher (another
 * instance's job, a reader's request) find it published and do nothing.
 */
export async function publishIfDue(trx: Transaction<DB>, id: number, now: Date): Promise<boolean> {
  const study = await lockCaseStudy(trx, id);
  if (!study || study.status !== 'approved') return false;
  const week = await trx
    .selectFrom('weeks')
    .select(['opens_at'])
    .where('id', '=', study.week_id)
    .executeTakeFirstOrThrow();
  if (week.opens_at > now) return false;
  const threadId = await insertCaseStudyThread(trx, study, now);
  await markPublished(trx, id, threadId, now);
  const item = { forumId: study.forum_id, weekId: study.week_id, sourceLang: study.original_lang };
  await queueTranslationTasks(trx, { ...item, itemType: 'case_study', itemId: id, sourceRevision: study.revision });
  await queueTranslationTasks(trx, { ...item, itemType: 'thread_title', itemId: threadId, sourceRevision: 1 });
  await notify(
    trx,
    {
      type: 'case_study.published',
      userIds: await findForumMemberIds(trx, study.forum_id),
      forumId: study.forum_id,
      weekId: study.week_id,
      threadId,
      actorId: study.author_id,
      payload: { caseStudyId: id, title: study.title, lang: study.original_lang },
    },
    now,
  );
  const row = (await findCaseStudy(trx, id))!;
  await appendEvent(trx, {
    forumId: study.forum_id,
    weekId: study.week_id,
    threadId: null,
    type: 'case_study.published',
    // What any reader of the open week may see; each client then asks for its own reading rule.
    payload: { caseStudy: toCaseStudyView(row, { userId: null, isOrganizer: false }) },
  });
  return true;
}

/** Publishes every approved case study whose week has opened by `now` (all weeks, or one). */
export async function publishDueCaseStudies(db: Kysely<DB>, now = currentTime(), weekId?: number): Promise<number> {
  const due = await findDueCaseStudies(db, now, weekId);
  let published = 0;
  for (const { id } of due) {
    if (await db.transaction().execute((trx) => publishIfDue(trx, id, now))) published += 1;
  }
  return published;
}
