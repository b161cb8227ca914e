// The design's reading rule applied to posts: a reader sees the original when they read its
// language; otherwise its published translation into their language, with who made it;
// otherwise the original marked "translation pending". One query for a whole page.
import type { Kysely } from 'kysely';
import type { DB, Lang, TranslatableType } from '../db/schema.ts';
import type { PostView, TranslationView } from '../discussions/post-view.ts';
import { findTranslations, findTranslationsWithPending } from './translations.queries.ts';

export interface ReaderLanguages {
  lang: Lang;
  readingLangs: readonly Lang[];
}

export function readerOf(user: { readingLangs: Lang[] } | null, lang: Lang): ReaderLanguages {
  return { lang, readingLangs: user?.readingLangs ?? [lang] };
}

export interface TitleTranslation {
  lang: Lang;
  value: string;
  translator: { displayName: string; role: 'organizer' | 'translator' | 'author' };
}

/** Thread titles in the reader's language where they do not read the original's. */
export async function withTitleTranslations<T extends { id: number; title: { lang: Lang }; titleTranslation: TitleTranslation | null }>(
  db: Kysely<DB>, threads: T[], reader: ReaderLanguages,
): Promise<T[]> {
  const needing = threads.filter((thread) => !readsOriginal(reader, thread.title.lang)).map((thread) => thread.id);
  if (needing.length === 0) return threads;
  const translations = new Map((await findTranslations(db, 'thread_title', needing, reader.lang)).map((t) => [t.item_id, t]));
  return threads.map((thread) => {
    const translation = translations.get(thread.id);
    return translation ? {
      ...thread,
      titleTranslation: { lang: translation.target_lang, value: translation.body_md, translator: { displayName: translation.translator_name, role: translation.translator_role } },
    } : thread;
  });
}

export function readsOriginal(reader: ReaderLanguages, originalLang: Lang): boolean {
  return originalLang === reader.lang || reader.readingLangs.includes(originalLang);
}

interface Translatable {
  id: number;
  revision: number;
  translation: TranslationView | null;
  translationPending: boolean;
}

/** Attaches, to the items that need one, the published translation into the reader's language or the pending mark. */
async function attachTranslations<T extends Translatable>(db: Kysely<DB>, itemType: TranslatableType, items: T[], needs: (item: T) => boolean, readerLang: Lang): Promise<T[]> {
  const needing = items.filter(needs).map((item) => item.id);
  if (needing.length === 0) return items;
  const found = new Map((await findTranslationsWithPending(db, itemType, needing, readerLang)).map((row) => [row.item_id, row]));
  return items.map((item) => {
    const row = found.get(item.id);
    if (!row) return item;
    const translation = row.target_lang !== null && row.body_html !== null && row.source_revision !== null && row.translator_role !== null ? {
      lang: row.target_lang,
      html: row.body_html,
      translator: { displayName: row.translator_name ?? '', role: row.translator_role },
      outdated: row.source_revision < item.revision,
    } : null;
    return {
      ...item,
      translation,
      translationPending: !translation && row.pending,
    };
  });
}

/** Posts the reader can see whose original language they do not read. */
export function withTranslations(db: Kysely<DB>, posts: PostView[], reader: ReaderLanguages): Promise<PostView[]> {
  return attachTranslations(db, 'post', posts, (post) => post.html !== null && !readsOriginal(reader, post.lang), reader.lang);
}

/**
 * Readings whose files give no text in the reader's language, and whose original they do not
 * read, get the published translation from the queue, or are marked pending.
 */
export function withReadingTranslations<T extends Translatable & { body: { lang: Lang } }>(db: Kysely<DB>, readings: T[], reader: ReaderLanguages): Promise<T[]> {
  return attachTranslations(db, 'reading', readings, (reading) => reading.body.lang !== reader.lang && !readsOriginal(reader, reading.body.lang), reader.lang);
}

/** The same for a week's own text (its summary). */
export function withWeekTranslations<T extends Translatable & { body: { lang: Lang } }>(db: Kysely<DB>, weeks: T[], reader: ReaderLanguages): Promise<T[]> {
  return attachTranslations(db, 'week', weeks, (week) => week.body.lang !== reader.lang && !readsOriginal(reader, week.body.lang), reader.lang);
}
