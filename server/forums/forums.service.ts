// What a reader may see of forums and weeks, and joining a forum that is open for enrolment.
// The week time box lives here: nobody but organizers reads a week before it opens.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, ForumRole, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { forumStatus, lastLocalDay, weekState, type WeekState } from './forum-calendar.ts';
import { publicForumStatus, type PublicForumStatus } from './forum-status.ts';
import { forumAccessBySlug, mayReadWeeks, preparedWeekId } from './forum-access.ts';
import {
  addMembership,
  isSuspended,
  findForumTexts,
  findRoles,
  findRolesByForum,
  findTranslationRules,
  findWeeksWithTitles,
  listForumsWithTexts,
} from './forums.queries.ts';
import { chooseForInterface, groupBy, type Reader } from '../translation-policy/text-choice.ts';
import { currentTime } from '../time/clock.ts';

export interface Viewer {
  user: SessionUser | null;
  lang: Lang;
}

interface Text {
  lang: Lang;
  value: string;
}

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

type ForumDates = Pick<
  Forum,
  | 'slug'
  | 'time_zone'
  | 'starts_on'
  | 'ends_on'
  | 'starts_at'
  | 'ends_at'
  | 'application_deadline'
  | 'languages'
  | 'published'
  | 'invitation_only'
  | 'open_enrolment'
>;

function toForumSummary(
  forum: ForumDates,
  text: { lang: Lang; title: string; summary: string },
  roles: ForumRole[],
  now: Date,
): ForumSummaryView {
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
    findForumTexts(db, forum.id),
    findTranslationRules(db, forum.id),
    findWeeksWithTitles(db, forum.id),
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

/** Adds the viewer as a participant of a forum that takes members without application. */
export async function joinForum(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer & { user: SessionUser },
  now = currentTime(),
): Promise<ForumRole[]> {
  const { forum } = await forumAccessBySlug(db, slug, viewer.user);
  const status = forumStatus(forum, now);
  if (!forum.open_enrolment || (status !== 'recruiting' && status !== 'running'))
    throw new DomainError('forum_not_open_for_enrolment');
  // A suspended member cannot walk back in through open enrolment.
  if (await isSuspended(db, forum.id, viewer.user.id)) throw new DomainError('member_suspended');
  await addMembership(db, forum.id, viewer.user.id, 'participant');
  return findRoles(db, forum.id, viewer.user.id);
}
