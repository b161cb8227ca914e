// The design's reading rule applied to posts: a reader sees the original when they read its
// language; otherwise its published translation into their language, with who made it;
// otherwise the original marked "translation pending". Two queries for a whole page.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import type { PostView } from '../discussions/post-view.ts';
import { findPendingItems, findTranslations } from './translations.queries.ts';

export interface ReaderLanguages {
  lang: Lang;
  readingLangs: readonly Lang[];
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
