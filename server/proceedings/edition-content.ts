// The content of one language edition. The frame (forum, programme, readings, case studies, the
// matrix and the list of threads) is small and read at once; the threads' posts, which grow with
// the forum, come a few threads at a time so no output ever holds them all.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { chooseVersion, groupBy } from '../translation-policy/text-choice.ts';
import {
  findAcceptedElements,
  findCitations,
  findEditionThreads,
  findForumTextsOf,
  findOpenedWeeks,
  findPeople,
  findPublishedCaseStudies,
  findPublishedReadings,
  findRegions,
  findThemes,
  findVisiblePosts,
  findWeekTextsOf,
  type Person,
} from './content.queries.ts';
import { inEditionLanguage, translatorShown, type EditionText } from './edition-text.ts';
import { findReaderTranslations } from '../translation-policy/reader-translations.queries.ts';

export interface Titled {
  lang: Lang;
  value: string;
}

/** Who wrote something, as the edition may name them. */
export type Byline = { kind: 'named'; name: string } | { kind: 'anonymous'; region: string | null };

export interface EditionCitation {
  type: 'post' | 'case_study';
  itemId: number;
  weekNumber: number;
  byline: Byline;
  /** The thread's or case study's title as this edition shows it. */
  where: Titled | null;
  /** The anchor of the cited item in this edition, when the edition shows it. */
  anchor: string | null;
}

export interface EditionElement {
  id: number;
  regionId: number;
  themeId: number;
  weekNumber: number;
  endorsements: number;
  text: EditionText;
  citations: EditionCitation[];
}

export interface EditionThread {
  id: number;
  weekNumber: number;
  title: Titled;
  titleNote: EditionText['note'];
}

export interface EditionPost {
  id: number;
  byline: Byline;
  createdAt: Date;
  text: EditionText;
}

export interface EditionFrame {
  lang: Lang;
  generatedAt: Date;
  forum: { slug: string; title: Titled; summary: Titled; call: EditionText };
  weeks: {
    number: number;
    title: Titled;
    summary: EditionText;
    readings: { id: number; title: Titled; body: EditionText }[];
  }[];
  caseStudies: { id: number; weekNumber: number; title: Titled; byline: Byline; body: EditionText }[];
  regions: { id: number; key: string; name: string }[];
  themes: { id: number; key: string; name: string }[];
  elements: EditionElement[];
  threads: EditionThread[];
  /** Selected threads whose posts count (for progress). */
  postTotal: number;
  people: Map<number, Person>;
}

export interface EditionRequest {
  forumId: number;
  slug: string;
  lang: Lang;
  /** Null: every thread an accepted element cites. */
  threadIds: number[] | null;
  now: Date;
}

function bylineOf(people: Map<number, Person>, regionNames: Map<number, string>, userId: number): Byline | null {
  const person = people.get(userId);
  if (!person || person.choice === 'none') return null;
  if (person.choice === 'named') return { kind: 'named', name: person.displayName };
  return { kind: 'anonymous', region: person.regionId === null ? null : (regionNames.get(person.regionId) ?? null) };
}

export async function loadEditionFrame(db: Kysely<DB>, request: EditionRequest): Promise<EditionFrame> {
  const { forumId, lang, now } = request;
  const reader = { lang, readingLangs: [lang] };
  const [forumTexts, weeks, regionRows, themeRows, people] = await Promise.all([
    findForumTextsOf(db, forumId),
    findOpenedWeeks(db, forumId, now),
    findRegions(db, forumId),
    findThemes(db, forumId),
    findPeople(db, forumId),
  ]);
  const weekIds = weeks.map((w) => w.id);
  const weekNumber = new Map(weeks.map((w) => [w.id, w.number]));
  const regions = regionRows.map((r) => ({ id: r.id, key: r.key, name: r[lang] }));
  const regionNames = new Map(regions.map((r) => [r.id, r.name]));
  const byline = (userId: number) => bylineOf(people, regionNames, userId);

  // Forum texts are written by hand in each language: the edition's, or the first there is.
  const forumText = forumTexts.find((t) => t.lang === lang) ?? forumTexts.find((t) => t.lang === 'en') ?? forumTexts[0];
  if (!forumText) throw new Error('forum has no texts');
  const call: EditionText = {
    lang: forumText.lang,
    md: forumText.call_md,
    html: forumText.call_html,
    note: forumText.lang === lang ? null : { kind: 'untranslated', from: forumText.lang },
  };

  const [weekTexts, readingRows, studyRows, elementRows, citationRows] = await Promise.all([
    findWeekTextsOf(db, weekIds),
    findPublishedReadings(db, weekIds),
    findPublishedCaseStudies(db, forumId, weekIds),
    findAcceptedElements(db, forumId, weekIds),
    findCitations(db, forumId, now),
  ]);

  const textsByWeek = groupBy(weekTexts, (t) => t.week_id);
  const weekVersions = weeks.map((week) => ({
    week,
    version: chooseVersion(textsByWeek.get(week.id) ?? [], week.original_lang, reader),
  }));
  const summaries = await inEditionLanguage(
    db,
    'week',
    weekVersions.flatMap(({ week, version }) =>
      version
        ? [
            {
              id: week.id,
              lang: version.lang,
              revision: week.revision,
              md: version.summary_md,
              html: version.summary_html,
            },
          ]
        : [],
    ),
    lang,
    people,
  );

  const readingVersions = [...groupBy(readingRows, (r) => r.id).values()].map((versions) => {
    const first = versions[0]!;
    return { first, version: chooseVersion(versions, first.original_lang, reader)! };
  });
  const readingBodies = await inEditionLanguage(
    db,
    'reading',
    readingVersions.map(({ first, version }) => ({
      id: first.id,
      lang: version.lang,
      revision: first.revision,
      md: version.body_md,
      html: version.body_html,
    })),
    lang,
    people,
  );

  // A case study whose author chose not to appear is left out, title and all.
  const studies = studyRows.flatMap((s) => {
    const who = byline(s.author_id);
    return who ? [{ row: s, byline: who }] : [];
  });
  const studyBodies = await inEditionLanguage(
    db,
    'case_study',
    studies.map(({ row }) => ({
      id: row.id,
      lang: row.original_lang,
      revision: row.revision,
      md: row.body_md,
      html: row.body_html,
    })),
    lang,
    people,
  );
  const caseStudies = studies.map(({ row, byline: who }) => ({
    id: row.id,
    weekNumber: weekNumber.get(row.week_id)!,
    title: { lang: row.original_lang, value: row.title },
    byline: who,
    body: studyBodies.get(row.id)!,
  }));
  const studyTitles = new Map(caseStudies.map((s) => [s.id, s.title]));

  // Threads: the selection, else every thread an accepted element cites (a visible post of it).
  const citedThreadIds = [
    ...new Set(
      citationRows.flatMap((c) => (c.visible && c.thread_id !== null && byline(c.author_id) ? [c.thread_id] : [])),
    ),
  ];
  const threadRows = await findEditionThreads(db, forumId, request.threadIds ?? citedThreadIds, now);
  const titleTranslations = new Map(
    (
      await findReaderTranslations(
        db,
        'thread_title',
        threadRows.filter((t) => t.original_lang !== lang).map((t) => t.id),
        [lang],
      )
    ).map((row) => [row.item_id, row]),
  );
  const threads: EditionThread[] = threadRows.map((t) => {
    // A title is its author's words: one who chose not to appear leaves a neutral title.
    if (!byline(t.author_id))
      return { id: t.id, weekNumber: t.week_number, title: { lang, value: '' }, titleNote: null };
    const translated = titleTranslations.get(t.id);
    if (t.original_lang !== lang && translated?.body_md)
      return {
        id: t.id,
        weekNumber: t.week_number,
        title: { lang, value: translated.body_md },
        titleNote: {
          kind: 'translated',
          from: t.original_lang,
          by: translatorShown(people, translated.translator_id),
          outdated: false,
        },
      };
    return {
      id: t.id,
      weekNumber: t.week_number,
      title: { lang: t.original_lang, value: t.title },
      titleNote: t.original_lang === lang ? null : { kind: 'untranslated', from: t.original_lang },
    };
  });
  const shownThreads = new Map(threads.map((t) => [t.id, t]));

  const elementTexts = await inEditionLanguage(
    db,
    'policy_element',
    elementRows.map((e) => ({
      id: e.id,
      lang: e.original_lang,
      revision: e.revision,
      md: e.body_md,
      html: e.body_html,
    })),
    lang,
    people,
  );
  const citationsByElement = groupBy(citationRows, (c) => c.element_id);
  const elements: EditionElement[] = elementRows.map((e) => ({
    id: e.id,
    regionId: e.region_id,
    themeId: e.theme_id,
    weekNumber: weekNumber.get(e.week_id)!,
    endorsements: e.endorsement_count,
    text: elementTexts.get(e.id)!,
    // A citation of a hidden post, or of someone who chose not to appear, is dropped; the element stays.
    citations: (citationsByElement.get(e.id) ?? []).flatMap((c): EditionCitation[] => {
      const who = c.visible ? byline(c.author_id) : null;
      if (!who) return [];
      const thread = c.thread_id === null ? undefined : shownThreads.get(c.thread_id);
      return [
        {
          type: c.item_type,
          itemId: c.item_id,
          weekNumber: c.week_number,
          byline: who,
          where: c.item_type === 'post' ? (thread?.title ?? null) : (studyTitles.get(c.item_id) ?? null),
          anchor:
            c.item_type === 'post'
              ? thread
                ? `post-${c.item_id}`
                : null
              : studyTitles.has(c.item_id)
                ? `case-study-${c.item_id}`
                : null,
        },
      ];
    }),
  }));

  const postTotal = await countPosts(
    db,
    threads.map((t) => t.id),
  );
  return {
    lang,
    generatedAt: now,
    forum: {
      slug: request.slug,
      title: { lang: forumText.lang, value: forumText.title },
      summary: { lang: forumText.lang, value: forumText.summary },
      call,
    },
    weeks: weekVersions.map(({ week, version }) => ({
      number: week.number,
      title: { lang: version?.lang ?? week.original_lang, value: version?.title ?? '' },
      summary: summaries.get(week.id) ?? { lang, md: '', html: '', note: null },
      readings: readingVersions
        .filter(({ first }) => first.week_id === week.id)
        .map(({ first, version: v }) => ({
          id: first.id,
          title: { lang: v.lang, value: v.title },
          body: readingBodies.get(first.id)!,
        })),
    })),
    caseStudies,
    regions,
    themes: themeRows.map((t) => ({ id: t.id, key: t.key, name: t[lang] })),
    elements,
    threads,
    postTotal,
    people,
  };
}

async function countPosts(db: Kysely<DB>, threadIds: number[]): Promise<number> {
  if (threadIds.length === 0) return 0;
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('thread_id', 'in', threadIds)
    .where('hidden_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const THREADS_PER_BATCH = 20;

/** The selected threads with their posts, a few threads at a time; authors who said "none" are left out. */
export async function* threadsWithPosts(
  db: Kysely<DB>,
  frame: EditionFrame,
): AsyncGenerator<{ thread: EditionThread; posts: EditionPost[] }> {
  const regionNames = new Map(frame.regions.map((r) => [r.id, r.name]));
  for (let start = 0; start < frame.threads.length; start += THREADS_PER_BATCH) {
    const batch = frame.threads.slice(start, start + THREADS_PER_BATCH);
    const rows = (
      await findVisiblePosts(
        db,
        batch.map((t) => t.id),
      )
    ).flatMap((row) => {
      const who = bylineOf(frame.people, regionNames, row.author_id);
      return who ? [{ row, byline: who }] : [];
    });
    const texts = await inEditionLanguage(
      db,
      'post',
      rows.map(({ row }) => ({
        id: row.id,
        lang: row.original_lang,
        revision: row.revision,
        md: row.body_md,
        html: row.body_html,
      })),
      frame.lang,
      frame.people,
    );
    const byThread = groupBy(rows, ({ row }) => row.thread_id);
    for (const thread of batch) {
      yield {
        thread,
        posts: (byThread.get(thread.id) ?? []).map(({ row, byline: who }) => ({
          id: row.id,
          byline: who,
          createdAt: row.created_at,
          text: texts.get(row.id)!,
        })),
      };
    }
  }
}
