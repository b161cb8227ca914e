// The "this week" home of a signed-in member, built from one statement (home.queries.ts): texts
// chosen by the reader's languages here, instants as ISO strings for the client to show in the
// reader's zone. Also records that a member opened a reading or a case study.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { publicForumStatus } from '../forums/forum-status.ts';
import {
  assertMayReadWeek,
  assertMayReadWeekMaterial,
  forumAccessById,
  preparedWeekId,
} from '../forums/forum-access.ts';
import {
  chooseForInterface,
  chooseVersion,
  chooseWithOriginal,
  type Reader,
} from '../translation-policy/text-choice.ts';
import { currentTime } from '../time/clock.ts';
import { readHome, type HomeQuestionRow } from './home.queries.ts';
import type { Home } from './home.schemas.ts';

type Texts = { lang: Lang; title: string }[];

const iso = (stamp: string) => new Date(stamp).toISOString();

function forInterface(texts: Texts | null, reader: Reader) {
  const chosen = chooseForInterface(texts ?? [], reader);
  return chosen ? { lang: chosen.lang, value: chosen.title } : { lang: reader.lang, value: '' };
}

function withOriginal(texts: Texts, originalLang: Lang, reader: Reader) {
  const chosen = chooseWithOriginal(texts, originalLang, reader)!;
  return { lang: chosen.lang, value: chosen.title };
}

/** A reading's title from the version the reader gets (see chooseVersion). */
function inVersion(texts: Texts, originalLang: Lang, reader: Reader) {
  const chosen = chooseVersion(texts, originalLang, reader);
  return chosen ? { lang: chosen.lang, value: chosen.title } : { lang: originalLang, value: '' };
}

function question(row: HomeQuestionRow) {
  return {
    id: row.id,
    threadId: row.thread_id,
    caseStudy: { id: row.case_study_id, title: { lang: row.case_study_lang, value: row.case_study_title } },
    weekNumber: row.week_number,
    person: { id: row.person_id, displayName: row.person_name },
    createdAt: iso(row.created_at),
    dueAt: iso(row.due_at),
  };
}

export async function getHome(db: Kysely<DB>, user: SessionUser, lang: Lang, now = currentTime()): Promise<Home> {
  const row = await readHome(db, user, now);
  const reader: Reader = { lang, readingLangs: user.readingLangs };
  return {
    since: row.since ? iso(row.since) : null,
    forums: row.forums.map((forum) => ({
      slug: forum.slug,
      title: forInterface(forum.titles, reader),
      status: publicForumStatus(
        {
          published: forum.published,
          starts_at: new Date(forum.starts_at),
          ends_at: new Date(forum.ends_at),
          application_deadline: new Date(forum.application_deadline),
          invitation_only: forum.invitation_only,
          open_enrolment: forum.open_enrolment,
        },
        now,
      ),
      timeZone: forum.time_zone,
      myRoles: forum.roles,
      openWeek: forum.open_week && {
        number: forum.open_week.number,
        title: forInterface(forum.open_week.titles, reader),
        opensAt: iso(forum.open_week.opens_at),
        closesAt: iso(forum.open_week.closes_at),
      },
      nextWeek: forum.next_week && {
        number: forum.next_week.number,
        title: forInterface(forum.next_week.titles, reader),
        opensAt: iso(forum.next_week.opens_at),
      },
      newPosts: Number(forum.new_posts),
      newTranslations: Number(forum.new_translations),
      unopened: [
        ...forum.case_studies.map((study) => ({
          type: 'case_study' as const,
          id: study.id,
          weekNumber: study.week_number,
          slug: null,
          title: withOriginal(
            [{ lang: study.original_lang, title: study.title }, ...(study.titles ?? [])],
            study.original_lang,
            reader,
          ),
          author: { id: study.author_id, displayName: study.author_name },
        })),
        ...forum.readings.map((reading) => ({
          type: 'reading' as const,
          id: reading.id,
          weekNumber: reading.week_number,
          slug: reading.slug,
          title: inVersion(reading.titles ?? [], reading.original_lang, reader),
          author: null,
        })),
      ],
      questionsWaiting: forum.waiting.map(question),
      myUnansweredQuestions: forum.mine.map(question),
      drafts: forum.drafts.map((draft) => ({
        key: draft.key,
        title: draft.title,
        lang: draft.lang,
        updatedAt: iso(draft.updated_at),
        weekNumber: draft.week_number,
        threadId: draft.thread_id,
      })),
    })),
    applications: row.applications.map((application) => ({
      forumSlug: application.forum_slug,
      forumTitle: forInterface(application.titles, reader),
      kind: application.kind,
      status: application.status,
      updatedAt: iso(application.updated_at),
    })),
    reconfirmations: row.reconfirmations.map((request) => ({
      forumSlug: request.forum_slug,
      forumTitle: forInterface(request.titles, reader),
      requestedAt: iso(request.requested_at),
    })),
  };
}

/**
 * Records that the member opened a reading or a published case study, so the home stops listing
 * it. Only what they may read is recorded; opening twice is harmless.
 */
export async function recordOpened(
  db: Kysely<DB>,
  user: SessionUser,
  item: { itemType: 'reading' | 'case_study'; itemId: number },
  now = currentTime(),
): Promise<void> {
  const target =
    item.itemType === 'reading'
      ? await db
          .selectFrom('readings')
          .innerJoin('weeks', 'weeks.id', 'readings.week_id')
          .selectAll('weeks')
          .where('readings.id', '=', item.itemId)
          .where('readings.unpublished_at', 'is', null)
          .executeTakeFirst()
      : await db
          .selectFrom('case_studies')
          .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
          .selectAll('weeks')
          .where('case_studies.id', '=', item.itemId)
          .where('case_studies.status', '=', 'published')
          .executeTakeFirst();
  if (!target) throw new DomainError('not_found');
  const access = await forumAccessById(db, target.forum_id, user);
  if (item.itemType === 'reading') assertMayReadWeekMaterial(access, target, now, await preparedWeekId(db, access));
  else assertMayReadWeek(access, target, now);
  await db
    .insertInto('item_opens')
    .values({ user_id: user.id, item_type: item.itemType, item_id: item.itemId, opened_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
