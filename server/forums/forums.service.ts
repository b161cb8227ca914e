// What a reader may see of forums and weeks, and joining a forum that is open for enrolment.
// The week time box lives here: nobody but organizers reads a week before it opens.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, ForumRole, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { forumStatus, localDate, weekState, type WeekState } from './forum-calendar.ts';
import { publicForumStatus, type PublicForumStatus } from './forum-status.ts';
import { assertMayReadWeekMaterial, forumAccessBySlug, mayReadWeeks, preparedWeekId } from './forum-access.ts';
import {
  addMembership, isSuspended, findForumTexts, findReadingsWithTexts, findRoles, findRolesByForum,
  findTranslationRules, findWeek, findWeeksWithTitles, findWeekTexts, listForumsWithTexts,
} from './forums.queries.ts';
import { chooseForInterface, chooseVersion, groupBy, type Reader } from '../translation-policy/text-choice.ts';
import { withReadingTranslations, withWeekTranslations } from '../translation-policy/reader-view.ts';
import { currentTime } from '../time/clock.ts';
import { weekCaseStudies } from '../case-studies/case-studies.service.ts';

export interface Viewer {
  user: SessionUser | null;
  lang: Lang;
}

interface Text { lang: Lang; value: string }

export interface ForumSummaryView {
  slug: string;
  title: Text;
  summary: Text;
  status: PublicForumStatus;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  startsAt: string;
  endsAt: string;
  applicationDeadline: string;
  applicationDeadlineOn: string;
  languages: Lang[];
  myRoles: ForumRole[];
}

function readerOf(viewer: Viewer): Reader {
  return { lang: viewer.lang, readingLangs: viewer.user?.readingLangs ?? [viewer.lang] };
}

function isOrganizer(viewer: Viewer, roles: readonly ForumRole[]): boolean {
  return Boolean(viewer.user?.isAdmin) || roles.includes('organizer');
}

type ForumDates = Pick<Forum, 'slug' | 'time_zone' | 'starts_on' | 'ends_on' | 'starts_at' | 'ends_at' | 'application_deadline' | 'languages' | 'published' | 'invitation_only' | 'open_enrolment'>;

/** Deadlines and week ends are stored as the first instant after them; their day is the one before. */
function lastLocalDay(exclusiveEnd: Date, timeZone: string): string {
  return localDate(new Date(exclusiveEnd.getTime() - 1), timeZone);
}

function toForumSummary(forum: ForumDates, text: { lang: Lang; title: string; summary: string }, roles: ForumRole[], now: Date): ForumSummaryView {
  return {
    slug: forum.slug,
    title: { lang: text.lang, value: text.title },
    summary: { lang: text.lang, value: text.summary },
    status: publicForumStatus(forum, now),
    timeZone: forum.time_zone,
    startsOn: forum.starts_on,
    endsOn: forum.ends_on,
    startsAt: forum.starts_at.toISOString(),
    endsAt: forum.ends_at.toISOString(),
    applicationDeadline: forum.application_deadline.toISOString(),
    applicationDeadlineOn: lastLocalDay(forum.application_deadline, forum.time_zone),
    languages: forum.languages,
    myRoles: roles,
  };
}

export async function listForums(db: Kysely<DB>, viewer: Viewer, now = currentTime()): Promise<ForumSummaryView[]> {
  const [rows, rolesByForum] = await Promise.all([
    listForumsWithTexts(db, true),
    viewer.user ? findRolesByForum(db, viewer.user.id) : Promise.resolve(new Map<number, ForumRole[]>()),
  ]);
  const views: ForumSummaryView[] = [];
  for (const versions of groupBy(rows, (row) => row.id).values()) {
    const first = versions[0]!;
    const roles = rolesByForum.get(first.id) ?? [];
    if (!first.published && !isOrganizer(viewer, roles)) continue;
    const text = chooseForInterface(versions, readerOf(viewer))!;
    views.push(toForumSummary(first, text, roles, now));
  }
  return views;
}

export interface WeekSummaryView {
  number: number;
  title: Text;
  startsOn: string;
  endsOn: string;
  opensAt: string;
  closesAt: string;
  state: WeekState;
  canRead: boolean;
}

export async function getForum(db: Kysely<DB>, slug: string, viewer: Viewer, now = currentTime()) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  const { forum, roles } = access;
  const [texts, rules, weekRows] = await Promise.all([
    findForumTexts(db, forum.id), findTranslationRules(db, forum.id), findWeeksWithTitles(db, forum.id),
  ]);
  const reader = readerOf(viewer);
  const text = chooseForInterface(texts, reader);
  if (!text) throw new DomainError('not_found');
  const organizer = access.isOrganizer;
  const mayRead = mayReadWeeks(access, now);
  const preparedWeek = await preparedWeekId(db, access);
  const weeks: WeekSummaryView[] = [...groupBy(weekRows, (row) => row.id).values()].map((versions) => {
    const week = versions[0]!;
    const title = chooseForInterface(versions, reader)!;
    const state = weekState(week, now);
    return {
      number: week.number,
      title: { lang: title.lang, value: title.title },
      startsOn: week.starts_on,
      endsOn: lastLocalDay(week.closes_at, forum.time_zone),
      opensAt: week.opens_at.toISOString(),
      closesAt: week.closes_at.toISOString(),
      state,
      canRead: organizer || (mayRead && state !== 'upcoming') || week.id === preparedWeek,
    };
  });
  return {
    ...toForumSummary(forum, text, roles, now),
    call: { lang: text.lang, html: text.call_html },
    openEnrolment: forum.open_enrolment,
    publicArchive: forum.public_archive,
    translationPolicy: rules.map((rule) => ({ from: rule.source_lang, to: rule.target_lang })),
    currentWeek: weeks.find((week) => week.state === 'open')?.number ?? null,
    weeks,
  };
}

export async function getWeek(db: Kysely<DB>, slug: string, number: number, viewer: Viewer, now = currentTime()) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  const week = await findWeek(db, access.forum.id, number);
  if (!week) throw new DomainError('not_found');
  assertMayReadWeekMaterial(access, week, now, await preparedWeekId(db, access));
  const [texts, readingRows] = await Promise.all([findWeekTexts(db, week.id), findReadingsWithTexts(db, week.id)]);
  const reader = readerOf(viewer);
  // The week's text is a version organizers wrote, like a reading: the reader's first language that has one.
  const text = chooseVersion(texts, week.original_lang, reader)!;
  const [summary] = await withWeekTranslations(db, [{ id: week.id, revision: week.revision, originalLang: week.original_lang, body: { lang: text.lang }, translation: null, translationPending: false }], reader);
  const readings = await withReadingTranslations(db, [...groupBy(readingRows, (row) => row.id).values()].map((versions) => {
    const first = versions[0]!;
    const chosen = chooseVersion(versions, first.original_lang, reader)!;
    return {
      id: first.id,
      revision: first.revision,
      slug: first.slug,
      originalLang: first.original_lang,
      attachmentCount: Number(first.attachment_count ?? 0),
      title: { lang: chosen.lang, value: chosen.title },
      body: { lang: chosen.lang, html: chosen.body_html },
      translation: null,
      translationPending: false,
    };
  }), reader);
  const caseStudies = await weekCaseStudies(db, access, week, viewer, now);
  return {
    number: week.number,
    title: { lang: text.lang, value: text.title },
    startsOn: week.starts_on,
    endsOn: lastLocalDay(week.closes_at, access.forum.time_zone),
    opensAt: week.opens_at.toISOString(),
    closesAt: week.closes_at.toISOString(),
    state: weekState(week, now),
    summary: { lang: text.lang, html: text.summary_html },
    summaryTranslation: summary!.translation,
    summaryTranslationPending: summary!.translationPending,
    readings,
    /** Key respondents' case studies, shown first on the week page. */
    caseStudies,
    /** Questions to the week's key respondents, over all its case studies. */
    questions: caseStudies.reduce((sum, study) => ({
      answered: sum.answered + study.questions.answered, unanswered: sum.unanswered + study.questions.unanswered,
    }), { answered: 0, unanswered: 0 }),
  };
}

/** Adds the viewer as a participant of a forum that takes members without application. */
export async function joinForum(db: Kysely<DB>, slug: string, viewer: Viewer & { user: SessionUser }, now = currentTime()): Promise<ForumRole[]> {
  const { forum } = await forumAccessBySlug(db, slug, viewer.user);
  const status = forumStatus(forum, now);
  if (!forum.open_enrolment || (status !== 'recruiting' && status !== 'running')) throw new DomainError('forum_not_open_for_enrolment');
  // A suspended member cannot walk back in through open enrolment.
  if (await isSuspended(db, forum.id, viewer.user.id)) throw new DomainError('member_suspended');
  await addMembership(db, forum.id, viewer.user.id, 'participant');
  return findRoles(db, forum.id, viewer.user.id);
}
