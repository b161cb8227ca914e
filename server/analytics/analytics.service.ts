// Organizer analytics: who wrote how much, in which language and from which region, week by
// week, and whether translations and key respondents' answers came on time. Organizers of the
// forum and site admins only; the figures are read in one repeatable-read transaction so the
// weeks and the totals describe the same moment.
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { lastLocalDay } from '../forums/forum-calendar.ts';
import { findWeeksWithTitles } from '../forums/forums.queries.ts';
import { chooseForInterface, groupBy } from '../translation-policy/text-choice.ts';
import { languages as allLanguages } from '../i18n/i18n.ts';
import type { AnalyticsResponse } from './analytics.schemas.ts';
import {
  countActiveMembers,
  countPostTranslations,
  countPosts,
  countQuestions,
  findRegions,
  type OnTimeRow,
  type PostCountRow,
} from './analytics.queries.ts';
import { postsChartSvg } from './analytics-chart.ts';

type Analytics = Static<typeof AnalyticsResponse>;
type Figures = Analytics['totals'];

function onTime(rows: OnTimeRow[]) {
  const due = rows.reduce((sum, row) => sum + row.due, 0);
  const on = rows.reduce((sum, row) => sum + row.on_time, 0);
  return { due, onTime: on, share: due ? on / due : null };
}

function figures(
  posts: PostCountRow[],
  activeMembers: number,
  translations: OnTimeRow[],
  questions: OnTimeRow[],
  languages: Lang[],
  regionIds: (number | null)[],
): Figures {
  const sum = (rows: PostCountRow[]) => rows.reduce((total, row) => total + row.posts, 0);
  return {
    posts: sum(posts),
    byLanguage: languages.map((lang) => ({ lang, posts: sum(posts.filter((row) => row.lang === lang)) })),
    byRegion: regionIds.map((regionId) => ({
      regionId,
      posts: sum(posts.filter((row) => row.region_id === regionId)),
    })),
    activeMembers,
    translations: onTime(translations),
    questions: onTime(questions),
  };
}

export async function forumAnalytics(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  readerLang: Lang,
): Promise<Analytics> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const { forum } = access;
  const read = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => ({
      weekRows: await findWeeksWithTitles(trx, forum.id),
      regions: await findRegions(trx, forum.id),
      posts: await countPosts(trx, forum.id),
      members: await countActiveMembers(trx, forum.id),
      translations: await countPostTranslations(trx, forum.id),
      questions: await countQuestions(trx, forum.id),
    }));
  // The forum's languages, and any other a post was written in, in the one fixed order.
  const languages = allLanguages.filter(
    (lang) => forum.languages.includes(lang) || read.posts.some((row) => row.lang === lang),
  );
  // An archived region stays while posts of its members count in it, so the columns add up.
  const regions = read.regions.filter(
    (region) => region.archived_at === null || read.posts.some((row) => row.region_id === region.id),
  );
  const regionIds: (number | null)[] = [...regions.map((region) => region.id), null];
  const reader = { lang: readerLang, readingLangs: user.readingLangs };
  const weeks = [...groupBy(read.weekRows, (row) => row.id).values()].map((versions) => {
    const week = versions[0]!;
    const title = chooseForInterface(versions, reader)!;
    const ofWeek = <T extends { week_id: number | null }>(rows: T[]) => rows.filter((row) => row.week_id === week.id);
    return {
      number: week.number,
      title: { lang: title.lang, value: title.title },
      startsOn: week.starts_on,
      endsOn: lastLocalDay(week.closes_at, forum.time_zone),
      ...figures(
        ofWeek(read.posts),
        ofWeek(read.members)[0]?.members ?? 0,
        ofWeek(read.translations),
        ofWeek(read.questions),
        languages,
        regionIds,
      ),
    };
  });
  const totals = figures(
    read.posts,
    read.members.find((row) => row.week_id === null)?.members ?? 0,
    read.translations,
    read.questions,
    languages,
    regionIds,
  );
  return {
    languages,
    regions: regions.map((region) => ({ id: region.id, name: { lang: readerLang, value: region[readerLang] } })),
    weeks,
    totals,
    chartSvg: postsChartSvg(weeks, languages, readerLang),
  };
}
