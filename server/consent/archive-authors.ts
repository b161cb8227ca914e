// The public archive shows each author as they chose for the proceedings: by name, as "a
// participant from <region>", or not at all (their text withheld, their place in the thread kept).
// It applies to a reader who is neither member nor organizer of the forum: members and organizers
// read the forum they took part in as it was written, and every reader reads their own words.
import type { Kysely } from 'kysely';
import type { ConsentChoice, DB, Lang } from '../db/schema.ts';
import type { ForumAccess } from '../forums/forum-access.ts';
import { translatorFor } from '../i18n/i18n.ts';
import type { TranslatorView } from '../translation-policy/reader-view.ts';

export type ArchiveAuthor =
  { shown: true; id: number; displayName: string } | { shown: false; id: 0; displayName: string };

/** How one author appears to this reader; null when the reader sees everyone as written. */
export type ArchiveAuthors = ((authorId: number, displayName: string) => ArchiveAuthor) | null;

export function readsAsPublicArchive(access: ForumAccess): boolean {
  return !access.isMember && !access.isOrganizer;
}

export async function archiveAuthorsFor(
  db: Kysely<DB>,
  access: ForumAccess,
  authorIds: readonly number[],
  lang: Lang,
): Promise<ArchiveAuthors> {
  if (!readsAsPublicArchive(access)) return null;
  // A reader's own words are theirs to read as written, whatever they chose for the archive.
  const readerId = access.user?.id;
  const ids = [...new Set(authorIds)].filter((id) => id !== readerId);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('publication_consents as pc')
          .leftJoin('forum_member_regions as mr', (join) =>
            join.onRef('mr.user_id', '=', 'pc.user_id').onRef('mr.forum_id', '=', 'pc.forum_id'),
          )
          .leftJoin('forum_regions as r', 'r.id', 'mr.region_id')
          .select(['pc.user_id', 'pc.choice', 'r.en', 'r.es', 'r.fr'])
          .where('pc.forum_id', '=', access.forum.id)
          .where('pc.user_id', 'in', ids)
          .execute();
  const chosen = new Map<number, { choice: ConsentChoice; region: string | null }>(
    rows.map((row) => [row.user_id, { choice: row.choice, region: row[lang] }]),
  );
  const t = translatorFor(lang);
  return (authorId, displayName) => {
    if (authorId === readerId) return { shown: true, id: authorId, displayName };
    const person = chosen.get(authorId);
    if (person?.choice === 'named') return { shown: true, id: authorId, displayName };
    // No recorded choice counts as "not at all", as in the proceedings.
    if (person?.choice !== 'anonymous') return { shown: false, id: 0, displayName: t('server:archive.withheldAuthor') };
    return {
      shown: true,
      id: 0,
      displayName: person.region
        ? t('server:archive.anonymous', { region: person.region })
        : t('server:archive.anonymousNoRegion'),
    };
  };
}

interface Translated {
  translation?: { translator: TranslatorView } | null;
  titleTranslation?: { translator: TranslatorView } | null;
}

/** The translators of what these items show, for the same lookup as their authors. */
export function translatorIdsOf(items: readonly Translated[]): number[] {
  return items.flatMap((item) =>
    [item.translation, item.titleTranslation].flatMap((shown) => (shown ? [shown.translator.id] : [])),
  );
}

/**
 * A translator is named in the archive only if they chose to be, as in the proceedings; otherwise
 * the mark reads "Translated from Spanish". An author's own translation names nobody anyway.
 */
export function archivedTranslation<T extends { translator: TranslatorView }>(
  translation: T | null,
  authors: ArchiveAuthors,
): T | null {
  if (!authors || !translation || translation.translator.role === 'author') return translation;
  const translator = authors(translation.translator.id, translation.translator.displayName);
  if (translator.shown && translator.id !== 0) return translation;
  return { ...translation, translator: { ...translation.translator, id: 0, displayName: '' } };
}
