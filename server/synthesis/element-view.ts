// How policy elements look to one viewer: the statement by the reading rule, the proposers, and
// only the citations the viewer may read themselves (a hidden post, a week not open yet, a case
// study not published, or a prompt's answer they have not earned are left out). A page of
// elements costs the same few statements whatever its length.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import type { Choice } from '../forums/forum-lists.schemas.ts';
import { readerOf, withPolicyElementTranslations } from '../translation-policy/reader-view.ts';
import {
  endorsedBy,
  findCitations,
  findProposers,
  threadsPostedIn,
  type CitationRow,
  type ElementRow,
} from './synthesis.queries.ts';
import type { Element } from './synthesis.schemas.ts';

export interface ElementViewer {
  userId: number | null;
  readingLangs: Lang[] | null;
  lang: Lang;
  isOrganizer: boolean;
  isMember: boolean;
  /** The forum still takes proposals and endorsements (it has not ended). */
  forumOpen: boolean;
  now: Date;
}

const EXCERPT_WORDS = 30;

/** The first words of a post's Markdown, without its markup, for a citation's link text. */
export function excerptOf(markdown: string): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = plain.split(' ');
  return words.length <= EXCERPT_WORDS ? plain : `${words.slice(0, EXCERPT_WORDS).join(' ')}…`;
}

function mayReadCitation(row: CitationRow, viewer: ElementViewer, postedIn: Set<number>): boolean {
  if (viewer.isOrganizer) return !row.hidden && row.published;
  if (row.hidden || !row.published) return false;
  if (row.week_opens_at > viewer.now) return false;
  // A prompt's answers wait until the reader has answered (its opening post is for everyone).
  if (row.requires_own_answer && row.parent_id !== null && row.author_id !== viewer.userId)
    return row.thread_id !== null && postedIn.has(row.thread_id);
  return true;
}

export async function elementViews(
  db: Kysely<DB>,
  rows: ElementRow[],
  places: { regions: Map<number, Choice>; themes: Map<number, Choice> },
  viewer: ElementViewer,
): Promise<Element[]> {
  const ids = rows.map((row) => row.id);
  const [proposers, citations, endorsed] = await Promise.all([
    findProposers(db, ids),
    findCitations(db, ids),
    viewer.userId === null ? Promise.resolve(new Set<number>()) : endorsedBy(db, viewer.userId, ids),
  ]);
  const gatedThreads = [
    ...new Set(citations.filter((c) => c.requires_own_answer && c.thread_id !== null).map((c) => c.thread_id!)),
  ];
  const postedIn =
    viewer.userId === null || viewer.isOrganizer
      ? new Set<number>()
      : await threadsPostedIn(db, viewer.userId, gatedThreads);
  const views = rows.map((row): Element => {
    const people = proposers.filter((p) => p.element_id === row.id);
    const isProposer = viewer.userId !== null && people.some((p) => p.id === viewer.userId);
    const insider = viewer.isOrganizer || isProposer;
    const open = row.status === 'proposed' || row.status === 'accepted';
    return {
      id: row.id,
      status: row.status,
      region: places.regions.get(row.region_id)!,
      theme: places.themes.get(row.theme_id)!,
      weekNumber: row.week_number,
      lang: row.original_lang,
      html: row.body_html,
      markdown: viewer.isOrganizer || (isProposer && row.status === 'proposed') ? row.body_md : null,
      wordCount: row.word_count,
      revision: row.revision,
      translation: null,
      translationPending: false,
      proposers: people.map((p) => ({ id: p.id, displayName: p.display_name })),
      citations: citations
        .filter((c) => c.element_id === row.id && mayReadCitation(c, viewer, postedIn))
        .map((c) => ({
          type: c.item_type,
          id: c.item_id,
          weekNumber: c.week_number,
          threadId: c.thread_id,
          postId: c.post_id,
          author: { id: c.author_id, displayName: c.author_name },
          excerpt: { lang: c.lang, value: c.item_type === 'post' ? excerptOf(c.text) : c.text },
          isAnswer: c.is_answer,
        })),
      endorsementCount: row.endorsement_count,
      endorsedByMe: endorsed.has(row.id),
      declineReason: insider && row.status === 'declined' ? row.decline_reason : null,
      mergedInto: row.merged_into,
      may: {
        edit: (viewer.isOrganizer && open) || (isProposer && row.status === 'proposed' && viewer.forumOpen),
        decide: viewer.isOrganizer && open,
        endorse: (viewer.isMember || viewer.isOrganizer) && viewer.forumOpen && row.status === 'accepted',
      },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
  return withPolicyElementTranslations(
    db,
    views,
    readerOf(viewer.readingLangs === null ? null : { readingLangs: viewer.readingLangs }, viewer.lang),
  );
}
