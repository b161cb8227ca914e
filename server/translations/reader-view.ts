// The design's reading rule applied to posts: a reader sees the original when they read its
// language; otherwise its published translation into their language, with who made it;
// otherwise the original marked "translation pending". Two queries for a whole page.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import type { PostView, TranslationView } from '../discussions/post-view.ts';
import { findPendingItems, findTranslations } from './translations.queries.ts';

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

export async function withTranslations(db: Kysely<DB>, posts: PostView[], reader: ReaderLanguages): Promise<PostView[]> {
  const needing = posts.filter((post) => post.html !== null && !readsOriginal(reader, post.lang)).map((post) => post.id);
  if (needing.length === 0) return posts;
  const [translations, pending] = await Promise.all([
    findTranslations(db, 'post', needing, reader.lang),
    findPendingItems(db, 'post', needing, reader.lang),
  ]);
  const byPost = new Map(translations.map((t) => [t.item_id, t]));
  return posts.map((post) => {
    if (!needing.includes(post.id)) return post;
    const translation = byPost.get(post.id);
    return {
      ...post,
      translation: translation ? {
        lang: translation.target_lang,
        html: translation.body_html,
        translator: { displayName: translation.translator_name, role: translation.translator_role },
        outdated: translation.source_revision < post.revision,
      } : null,
      translationPending: !translation && pending.has(post.id),
    };
  });
}

interface ReadingView {
  id: number;
  revision: number;
  body: { lang: Lang };
  translation: Omit<TranslationView, 'translator'> & { translator: TranslationView['translator'] } | null;
  translationPending: boolean;
}

/**
 * Readings whose files give no text in the reader's language, and whose original they do not
 * read, get the published translation from the queue, or are marked pending.
 */
export async function withReadingTranslations<T extends ReadingView>(db: Kysely<DB>, readings: T[], reader: ReaderLanguages): Promise<T[]> {
  const needing = readings.filter((r) => r.body.lang !== reader.lang && !readsOriginal(reader, r.body.lang)).map((r) => r.id);
  if (needing.length === 0) return readings;
  const [translations, pending] = await Promise.all([
    findTranslations(db, 'reading', needing, reader.lang),
    findPendingItems(db, 'reading', needing, reader.lang),
  ]);
  const byReading = new Map(translations.map((t) => [t.item_id, t]));
  return readings.map((reading) => {
    if (!needing.includes(reading.id)) return reading;
    const translation = byReading.get(reading.id);
    return {
      ...reading,
      translation: translation ? {
        lang: translation.target_lang, html: translation.body_html,
        translator: { displayName: translation.translator_name, role: translation.translator_role },
        outdated: translation.source_revision < reading.revision,
      } : null,
      translationPending: !translation && pending.has(reading.id),
    };
  });
}
