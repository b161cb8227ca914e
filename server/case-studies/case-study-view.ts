// How a case study looks to one reader: its text in the original (the reading rule then adds a
// translation or the pending mark), its author as the directory lets members see them, and
// what the reader may do with it. Review details and the Markdown source go only to the author
// and organizers.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import {
  type TranslationView,
  readerOf,
  withCaseStudyTranslations,
  withTitleTranslations,
  type TitleTranslation,
} from '../translation-policy/reader-view.ts';
import type { CaseStudyRow } from './case-studies.queries.ts';

export interface CaseStudyViewer {
  userId: number | null;
  isOrganizer: boolean;
}

function names(en: string | null, es: string | null, fr: string | null) {
  return en === null || es === null || fr === null ? null : { en, es, fr };
}

export function toCaseStudyView(row: CaseStudyRow, viewer: CaseStudyViewer) {
  const mine = viewer.userId === row.author_id;
  const insider = mine || viewer.isOrganizer;
  const hidden = (field: 'organisation' | 'region') => row.author_hidden.includes(field) && !insider;
  return {
    id: row.id,
    weekNumber: row.week_number,
    weekOpensAt: row.week_opens_at.toISOString(),
    status: row.status,
    title: { lang: row.original_lang, value: row.title },
    titleTranslation: null as TitleTranslation | null,
    titleTranslationPending: false,
    lang: row.original_lang,
    html: row.body_html,
    markdown: insider ? row.body_md : null,
    translation: null as TranslationView | null,
    translationPending: false,
    region: row.region_key ?? '',
    regionName: names(row.region_en, row.region_es, row.region_fr),
    theme: row.theme,
    wordCount: row.word_count,
    revision: row.revision,
    author: {
      id: row.author_id,
      displayName: row.author_name,
      organisation: hidden('organisation') || row.author_organisation === '' ? null : row.author_organisation,
      /** The author's region in this forum; the case study's `region` says where the experience is. */
      region: hidden('region') ? null : names(row.author_region_en, row.author_region_es, row.author_region_fr),
      keyRespondent: row.author_is_key_respondent === true,
    },
    mine,
    threadId: row.thread_id,
    reviewComment: insider ? row.review_comment : null,
    reviewerName: insider ? row.reviewer_name : null,
    submittedAt: insider ? (row.submitted_at?.toISOString() ?? null) : null,
    approvedAt: insider ? (row.approved_at?.toISOString() ?? null) : null,
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    permissions: {
      canEdit: (mine && ['draft', 'changes_requested', 'published'].includes(row.status)) || viewer.isOrganizer,
      canSubmit: mine && (row.status === 'draft' || row.status === 'changes_requested'),
      canWithdraw: mine && row.status === 'submitted',
      canReview: viewer.isOrganizer && (row.status === 'submitted' || row.status === 'approved'),
      canApprove: viewer.isOrganizer && row.status === 'submitted',
    },
  };
}

export type CaseStudyView = ReturnType<typeof toCaseStudyView>;

/** Applies the reading rule to published case studies: their body, and their title as their thread's title. */
export async function withReadingRule(
  db: Kysely<DB>,
  views: CaseStudyView[],
  user: { readingLangs: Lang[] } | null,
  lang: Lang,
): Promise<CaseStudyView[]> {
  const reader = readerOf(user, lang);
  const published = views.filter((view) => view.status === 'published' && view.threadId !== null);
  if (published.length === 0) return views;
  const bodies = await withCaseStudyTranslations(db, published, reader);
  const titles = await withTitleTranslations(
    db,
    published.map((view) => ({
      id: view.threadId!,
      title: view.title,
      titleTranslation: null as TitleTranslation | null,
    })),
    reader,
  );
  const byId = new Map(
    bodies.map((view, i) => [
      view.id,
      {
        ...view,
        titleTranslation: titles[i]!.titleTranslation,
        titleTranslationPending: titles[i]!.titleTranslationPending,
      },
    ]),
  );
  return views.map((view) => byId.get(view.id) ?? view);
}
