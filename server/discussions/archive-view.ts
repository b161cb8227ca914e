// Threads and posts as the public archive shows them (server/consent/archive-authors.ts): each
// author as they chose; a post of one who chose "not at all" keeps its place in the tree, so
// the replies around it still read in order, with its text withheld; their thread titles too.
import { archivedTranslation, type ArchiveAuthors } from '../consent/archive-authors.ts';
import type { Lang } from '../db/schema.ts';
import { translatorFor } from '../i18n/i18n.ts';
import type { TranslatorView } from '../translation-policy/reader-view.ts';
import type { PostView } from './post-view.ts';

export function archivedPost(post: PostView, parentAuthorId: number | null, authors: ArchiveAuthors): PostView {
  if (!authors) return post;
  const author = authors(post.author.id, post.author.displayName);
  const question = post.question
    ? { ...post.question, addressedTo: authors(post.question.addressedTo.id, post.question.addressedTo.displayName) }
    : post.question;
  const inReplyTo =
    post.inReplyTo && parentAuthorId !== null
      ? { ...post.inReplyTo, authorName: authors(parentAuthorId, post.inReplyTo.authorName).displayName }
      : post.inReplyTo;
  const shown = {
    ...post,
    author: { id: author.id, displayName: author.displayName },
    inReplyTo,
    question,
    translation: archivedTranslation(post.translation, authors),
  };
  if (author.shown) return shown;
  return { ...shown, html: null, markdown: null, translation: null, translationPending: false, withheld: true };
}

interface ThreadShown {
  author: { id: number; displayName: string };
  title: { lang: Lang; value: string };
  titleTranslation: { translator: TranslatorView } | null;
  titleTranslationPending: boolean;
}

export function archivedThread<T extends ThreadShown>(
  thread: T,
  weekNumber: number,
  authors: ArchiveAuthors,
  lang: Lang,
): T {
  if (!authors) return thread;
  const author = authors(thread.author.id, thread.author.displayName);
  const shown = {
    ...thread,
    author: { id: author.id, displayName: author.displayName },
    titleTranslation: archivedTranslation(thread.titleTranslation, authors),
  };
  if (author.shown) return shown;
  return {
    ...shown,
    title: { lang, value: translatorFor(lang)('server:archive.withheldTitle', { number: weekNumber }) },
    titleTranslation: null,
    titleTranslationPending: false,
  };
}
