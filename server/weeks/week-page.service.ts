// A week's page: its text, its published readings and, once it is open, the key respondents'
// case studies with their questions' counts, each by the reading rule. The week time box holds
// here as on every week material: nobody but organizers reads a week before it opens.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { lastLocalDay, weekState } from '../forums/forum-calendar.ts';
import { assertMayReadWeekMaterial, forumAccessBySlug, preparedWeekId } from '../forums/forum-access.ts';
import { findWeek, findWeekTexts } from '../forums/forums.queries.ts';
import type { Viewer } from '../forums/forums.service.ts';
import { chooseVersion, groupBy } from '../translation-policy/text-choice.ts';
import { readerOf, withReadingTranslations, withWeekTranslations } from '../translation-policy/reader-view.ts';
import { weekCaseStudies } from '../case-studies/case-studies.service.ts';
import { findReadingsWithTexts } from './week-page.queries.ts';
import { currentTime } from '../time/clock.ts';

export async function getWeek(db: Kysely<DB>, slug: string, number: number, viewer: Viewer, now = currentTime()) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  const week = await findWeek(db, access.forum.id, number);
  if (!week) throw new DomainError('not_found');
  assertMayReadWeekMaterial(access, week, now, await preparedWeekId(db, access));
  const [texts, readingRows] = await Promise.all([findWeekTexts(db, week.id), findReadingsWithTexts(db, week.id)]);
  const reader = readerOf(viewer.user, viewer.lang);
  // The week's text is a version organizers wrote, like a reading: the reader's first language that has one.
  const text = chooseVersion(texts, week.original_lang, reader)!;
  const [summary] = await withWeekTranslations(
    db,
    [
      {
        id: week.id,
        revision: week.revision,
        originalLang: week.original_lang,
        body: { lang: text.lang },
        translation: null,
        translationPending: false,
      },
    ],
    reader,
  );
  const readings = await withReadingTranslations(
    db,
    [...groupBy(readingRows, (row) => row.id).values()].map((versions) => {
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
    }),
    reader,
  );
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
    questions: caseStudies.reduce(
      (sum, study) => ({
        answered: sum.answered + study.questions.answered,
        unanswered: sum.unanswered + study.questions.unanswered,
      }),
      { answered: 0, unanswered: 0 },
    ),
  };
}
