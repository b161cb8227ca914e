// The design's reading rule, over all the languages a reader reads in their order (interface
// language first): the original when they read its language; otherwise the published
// translation into the first of their languages that has one, with who made it; otherwise
// the original marked "translation pending" when a task toward any of their languages is
// live. One statement for a whole page of items of one kind.
import type { Kysely } from 'kysely';
import type { DB, Lang, TranslatableType } from '../db/schema.ts';
import { readingOrder, type Reader } from './text-choice.ts';
import { findReaderTranslations } from './reader-translations.queries.ts';

export type ReaderLanguages = Reader;

export function readerOf(user: { readingLangs: Lang[] } | null, lang: Lang): ReaderLanguages {
  return { lang, readingLangs: user?.readingLangs ?? [lang] };
}

export function readsOriginal(reader: ReaderLanguages, originalLang: Lang): boolean {
  return readingOrder(reader).includes(originalLang);
}

export interface TitleTranslation {
  lang: Lang;
  value: string;
  translator: TranslatorView;
}

/** Who made a translation; the id lets the public archive name them only as they chose (server/consent). */
export interface TranslatorView {
  id: number;
  displayName: string;
  role: 'organizer' | 'translator' | 'author';
}

type Row = Awaited<ReturnType<typeof findReaderTranslations>>[number];

/** What an item shows before the queue is asked: its text's language, and whether that text is the original. */
interface Shown {
  id: number;
  lang: Lang;
  original: boolean;
}

/**
 * For each item whose shown text the reader could get in a language they put first, the
 * queue's best translation for them (when it beats what is shown) and the pending mark.
 */
async function chooseTranslations(db: Kysely<DB>, itemType: TranslatableType, items: Shown[], reader: ReaderLanguages) {
  const order = readingOrder(reader);
  const rank = (lang: Lang) => (order.includes(lang) ? order.indexOf(lang) : order.length);
  const needing = items.filter((item) => !(item.original && rank(item.lang) < order.length) && rank(item.lang) > 0);
  const rows = await findReaderTranslations(
    db,
    itemType,
    needing.map((item) => item.id),
    order,
  );
  const byItem = new Map(rows.map((row) => [row.item_id, row]));
  const chosen = new Map<number, { row: Row | null; pending: boolean }>();
  for (const item of needing) {
    const row = byItem.get(item.id);
    if (!row) continue;
    const better = row.target_lang !== null && rank(row.target_lang) < rank(item.lang);
    // The mark promises a text the reader can read; one they already read needs none.
    chosen.set(item.id, {
      row: better ? row : null,
      pending: !better && rank(item.lang) === order.length && row.pending === true,
    });
  }
  return chosen;
}

/** Thread titles in the first of the reader's languages that has them, or marked pending. */
export async function withTitleTranslations<
  T extends { id: number; title: { lang: Lang }; titleTranslation: TitleTranslation | null },
>(db: Kysely<DB>, threads: T[], reader: ReaderLanguages): Promise<(T & { titleTranslationPending: boolean })[]> {
  const chosen = await chooseTranslations(
    db,
    'thread_title',
    threads.map((thread) => ({ id: thread.id, lang: thread.title.lang, original: true })),
    reader,
  );
  return threads.map((thread) => {
    const choice = chosen.get(thread.id);
    if (!choice) return { ...thread, titleTranslationPending: false };
    const row = choice.row;
    const titleTranslation =
      row && row.target_lang && row.body_md !== null && row.translator_role
        ? {
            lang: row.target_lang,
            value: row.body_md,
            translator: { id: row.translator_id, displayName: row.translator_name ?? '', role: row.translator_role },
          }
        : null;
    return { ...thread, titleTranslation, titleTranslationPending: choice.pending };
  });
}

export interface TranslationView {
  lang: Lang;
  html: string;
  translator: TranslatorView;
  /** It translates an earlier revision of the post. */
  outdated: boolean;
}

export interface Translatable {
  id: number;
  revision: number;
  translation: TranslationView | null;
  translationPending: boolean;
}

/** Attaches to each item the reading rule's outcome for what it shows. */
async function attachTranslations<T extends Translatable>(
  db: Kysely<DB>,
  itemType: TranslatableType,
  items: T[],
  shown: (item: T) => Shown | null,
  reader: ReaderLanguages,
): Promise<T[]> {
  const chosen = await chooseTranslations(
    db,
    itemType,
    items.map(shown).filter((item) => item !== null),
    reader,
  );
  return items.map((item) => {
    const choice = chosen.get(item.id);
    if (!choice) return item;
    const row = choice.row;
    const translation =
      row &&
      row.target_lang !== null &&
      row.body_html !== null &&
      row.source_revision !== null &&
      row.translator_role !== null
        ? {
            lang: row.target_lang,
            html: row.body_html,
            translator: { id: row.translator_id, displayName: row.translator_name ?? '', role: row.translator_role },
            outdated: row.source_revision < item.revision,
          }
        : null;
    return { ...item, translation, translationPending: choice.pending };
  });
}

/** Posts the reader can see, each in its original or the translation the rule picks. */
export function withTranslations<T extends Translatable & { lang: Lang; html: string | null }>(
  db: Kysely<DB>,
  posts: T[],
  reader: ReaderLanguages,
): Promise<T[]> {
  return attachTranslations(
    db,
    'post',
    posts,
    (post) => (post.html === null ? null : { id: post.id, lang: post.lang, original: true }),
    reader,
  );
}

type ShownText = Translatable & { originalLang: Lang; body: { lang: Lang } };

/**
 * Readings in the version their files give (see chooseVersion), or the queue's
 * translation into a language the reader puts before that version's, or marked pending.
 */
export function withReadingTranslations<T extends ShownText>(
  db: Kysely<DB>,
  readings: T[],
  reader: ReaderLanguages,
): Promise<T[]> {
  return attachTranslations(
    db,
    'reading',
    readings,
    (reading) => ({ id: reading.id, lang: reading.body.lang, original: reading.body.lang === reading.originalLang }),
    reader,
  );
}

/** The same for a week's own text (its summary). */
export function withWeekTranslations<T extends ShownText>(
  db: Kysely<DB>,
  weeks: T[],
  reader: ReaderLanguages,
): Promise<T[]> {
  return attachTranslations(
    db,
    'week',
    weeks,
    (week) => ({ id: week.id, lang: week.body.lang, original: week.body.lang === week.originalLang }),
    reader,
  );
}

/** Key respondents' case studies: the original, or the translation the rule picks, or pending. */
export function withCaseStudyTranslations<T extends Translatable & { lang: Lang }>(
  db: Kysely<DB>,
  studies: T[],
  reader: ReaderLanguages,
): Promise<T[]> {
  return attachTranslations(
    db,
    'case_study',
    studies,
    (study) => ({ id: study.id, lang: study.lang, original: true }),
    reader,
  );
}

/** Policy elements of the synthesis: the original, or the translation the rule picks, or pending. */
export function withPolicyElementTranslations<T extends Translatable & { lang: Lang }>(
  db: Kysely<DB>,
  elements: T[],
  reader: ReaderLanguages,
): Promise<T[]> {
  return attachTranslations(
    db,
    'policy_element',
    elements,
    (element) => ({ id: element.id, lang: element.lang, original: true }),
    reader,
  );
}
