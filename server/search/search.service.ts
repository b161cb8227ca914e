// Search across the forums a reader may read, in every language: which forums and how (the same
// access rules as every other channel), one page of hits, each shown by the reading rule in a
// language the reader reads with the matched words marked, and the public archive's consent.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { archiveAuthorsFor, readsAsPublicArchive, type ArchiveAuthors } from '../consent/archive-authors.ts';
import type { DB, Forum, ForumRole, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { accessWithRoles, mayReadWeeks, type ForumAccess } from '../forums/forum-access.ts';
import { findRolesByForum } from '../forums/forums.queries.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { currentTime } from '../time/clock.ts';
import { readerOf } from '../translation-policy/reader-view.ts';
import {
  chooseForInterface,
  chooseVersion,
  chooseWithOriginal,
  type Reader,
} from '../translation-policy/text-choice.ts';
import { decodeCursor, encodeCursor } from './search-cursor.ts';
import { excerptParts, plainText } from './search-excerpt.ts';
import {
  findItemTexts,
  findMatches,
  headlines,
  type ItemTexts,
  type MatchRow,
  type SearchScope,
  type TextVersion,
} from './search.queries.ts';
import {
  QUERY_MAX_LENGTH,
  SEARCH_PAGE_SIZE,
  type SearchHit,
  type SearchQuery,
  type SearchResponse,
} from './search.schemas.ts';

/** The thread page's size (server/discussions' page of posts), for the page a hit's post is on. */
const POSTS_PER_PAGE = 50;

export interface Searcher {
  user: SessionUser | null;
  lang: Lang;
}

export async function search(
  db: Kysely<DB>,
  searcher: Searcher,
  query: SearchQuery,
  now = currentTime(),
): Promise<SearchResponse> {
  const q = query.q.replace(/\s+/g, ' ').trim();
  if (q === '') throw new DomainError('search_query_empty');
  if (q.length > QUERY_MAX_LENGTH) throw new DomainError('search_query_too_long', { max: QUERY_MAX_LENGTH });
  const cursor = query.after ? decodeCursor(query.after) : null;
  const { scope, accesses } = await scopeOf(db, searcher.user, query.forum, now);
  const asOf = cursor?.asOf ?? now;
  // One statement, no transaction: each kind's candidates are bounded (search.queries.ts), so a
  // common word costs what a rare one does and needs no time limit of its own.
  const rows = await findMatches(
    db,
    q,
    scope,
    { lang: query.lang, kind: query.kind, weekNumber: query.week, authorId: query.author },
    cursor,
    now,
    asOf,
    SEARCH_PAGE_SIZE + 1,
  );
  const page = rows.slice(0, SEARCH_PAGE_SIZE);
  const last = page.at(-1);
  const next =
    rows.length > SEARCH_PAGE_SIZE && last
      ? encodeCursor({ rank: last.rank, sortUs: last.sort_us, kind: last.kind, id: last.item_id, asOf })
      : null;
  return { results: await hitsOf(db, q, page, accesses, searcher), next };
}

/**
 * Every forum the reader may search, decided by forum-access.ts for each: organizers (and site
 * admins) see what organizers see; members read opened weeks; anyone reads a closed public archive.
 */
async function scopeOf(db: Kysely<DB>, user: SessionUser | null, slug: string | undefined, now: Date) {
  const [forums, roles, prepared] = await Promise.all([
    db
      .selectFrom('forums')
      .selectAll()
      .$if(slug !== undefined, (qb) => qb.where('slug', '=', slug!))
      .execute(),
    user ? findRolesByForum(db, user.id) : Promise.resolve(new Map<number, ForumRole[]>()),
    user
      ? db
          .selectFrom('memberships')
          .select('week_id')
          .where('user_id', '=', user.id)
          .where('role', '=', 'key_respondent')
          .where('week_id', 'is not', null)
          .execute()
      : Promise.resolve([]),
  ]);
  const scope: SearchScope = {
    readerId: user?.id ?? 0,
    organizerForums: [],
    memberForums: [],
    archiveForums: [],
    preparedWeeks: prepared.map((row) => row.week_id!),
  };
  const accesses = new Map<number, ForumAccess>();
  for (const forum of forums) {
    let access: ForumAccess;
    try {
      access = accessWithRoles(forum, user, roles.get(forum.id) ?? []);
    } catch (error) {
      if (slug !== undefined) throw error;
      continue;
    }
    if (!access.isOrganizer && !mayReadWeeks(access, now)) {
      // Asked for by name, a forum the reader may not read says why, as its own pages do.
      if (slug !== undefined) throw new DomainError(user ? 'not_a_member' : 'sign_in_required');
      continue;
    }
    accesses.set(forum.id, access);
    if (access.isOrganizer) scope.organizerForums.push(forum.id);
    else if (readsAsPublicArchive(access)) scope.archiveForums.push(forum.id);
    else scope.memberForums.push(forum.id);
  }
  if (slug !== undefined && forums.length === 0) throw new DomainError('not_found');
  return { scope, accesses };
}

interface Shown {
  row: MatchRow;
  texts: ItemTexts;
  version: TextVersion;
  title: { lang: Lang; value: string } | null;
}

async function hitsOf(
  db: Kysely<DB>,
  q: string,
  rows: MatchRow[],
  accesses: Map<number, ForumAccess>,
  searcher: Searcher,
): Promise<SearchHit[]> {
  if (rows.length === 0) return [];
  const reader = readerOf(searcher.user, searcher.lang);
  const { texts, threadTitles, key } = await findItemTexts(
    db,
    rows.map((row) => ({ kind: row.kind, id: row.item_id })),
  );
  const shown: Shown[] = rows.map((row) => {
    const itemTexts = texts.get(key(row.kind, row.item_id))!;
    const version = chosenVersion(row, itemTexts, reader);
    return { row, texts: itemTexts, version, title: titleOf(row, itemTexts, version, threadTitles, reader) };
  });
  const marked = await headlines(
    db,
    q,
    shown.map(({ version }) => ({ lang: version.lang, text: plainText(version.body) })),
  );
  const forumIds = [...new Set(rows.map((row) => row.forum_id))];
  const [forumTexts, authors] = await Promise.all([
    db.selectFrom('forum_texts').select(['forum_id', 'lang', 'title']).where('forum_id', 'in', forumIds).execute(),
    archiveAuthorsByForum(db, rows, accesses, searcher.lang),
  ]);
  const t = translatorFor(searcher.lang);
  return shown.map(({ row, texts: itemTexts, version, title }, index): SearchHit => {
    const forum = accesses.get(row.forum_id)!.forum;
    const forumTitle = chooseForInterface(
      forumTexts.filter((text) => text.forum_id === row.forum_id),
      reader,
    );
    return {
      kind: row.kind === 'post' && row.is_question ? 'question' : row.kind,
      id: row.item_id,
      forum: { slug: forum.slug, title: { lang: forumTitle?.lang ?? 'en', value: forumTitle?.title ?? forum.slug } },
      weekNumber: row.week_number,
      title,
      excerpt: { lang: version.lang, parts: excerptParts(marked[index]!) },
      translated: version.translation,
      matchedIn: { lang: row.lang, name: t(`server:search.languages.${row.lang}`) },
      author: authorOf(row, itemTexts, authors.get(row.forum_id) ?? null),
      createdAt: itemTexts.createdAt.toISOString(),
      href: hrefOf(forum, row, itemTexts),
    };
  });
}

/** The reading rule: a reading's language versions by the reader's languages, anything else its original when read. */
function chosenVersion(row: MatchRow, texts: ItemTexts, reader: Reader): TextVersion {
  const choose = row.kind === 'reading' ? chooseVersion : chooseWithOriginal;
  return choose(texts.versions, texts.originalLang, reader) ?? texts.versions[0]!;
}

function titleOf(
  row: MatchRow,
  texts: ItemTexts,
  version: TextVersion,
  threadTitles: Map<number, { originalLang: Lang; versions: TextVersion[] }>,
  reader: Reader,
): { lang: Lang; value: string } | null {
  if (row.kind === 'thread' || row.kind === 'policy_element') return null;
  if (row.kind === 'post') {
    const thread = threadTitles.get(texts.threadId!);
    const chosen = thread && chooseWithOriginal(thread.versions, thread.originalLang, reader);
    return chosen ? { lang: chosen.lang, value: chosen.body } : null;
  }
  // A translated reading or case study keeps the title of the version organizers or its author wrote.
  const titled = version.title !== null ? version : texts.versions.find((v) => v.title !== null);
  return titled?.title ? { lang: titled.lang, value: titled.title } : null;
}

async function archiveAuthorsByForum(
  db: Kysely<DB>,
  rows: MatchRow[],
  accesses: Map<number, ForumAccess>,
  lang: Lang,
): Promise<Map<number, ArchiveAuthors>> {
  const byForum = new Map<number, ArchiveAuthors>();
  for (const forumId of new Set(rows.map((row) => row.forum_id))) {
    const ids = rows.filter((row) => row.forum_id === forumId && row.author_id !== null).map((row) => row.author_id!);
    byForum.set(forumId, await archiveAuthorsFor(db, accesses.get(forumId)!, ids, lang));
  }
  return byForum;
}

function authorOf(row: MatchRow, texts: ItemTexts, authors: ArchiveAuthors) {
  if (row.author_id === null || texts.authorName === null) return null;
  if (!authors) return { id: row.author_id, displayName: texts.authorName };
  const shown = authors(row.author_id, texts.authorName);
  return { id: shown.id, displayName: shown.displayName };
}

function hrefOf(forum: Forum, row: MatchRow, texts: ItemTexts): string {
  const base = `/forums/${encodeURIComponent(forum.slug)}`;
  switch (row.kind) {
    case 'post': {
      const page = Math.floor(texts.postsBefore / POSTS_PER_PAGE) + 1;
      return `${base}/threads/${texts.threadId}${page > 1 ? `?page=${page}` : ''}#post-${row.item_id}`;
    }
    case 'thread':
      return `${base}/threads/${row.item_id}`;
    case 'reading':
      return `${base}/weeks/${row.week_number}/readings/${encodeURIComponent(texts.readingSlug ?? '')}`;
    case 'case_study':
      return `${base}/case-studies/${row.item_id}`;
    case 'policy_element':
      return `${base}/synthesis`;
  }
}
