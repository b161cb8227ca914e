// The search's shapes, taken from the server's own definitions (type-only: no server code reaches the bundle).
export type { SearchHit, SearchResponse } from '../../../server/search/search.schemas.ts';
import type { Static } from 'typebox';
import type { SearchKindSchema } from '../../../server/search/search.schemas.ts';

export type SearchKind = Static<typeof SearchKindSchema>;
export const SEARCH_KINDS: readonly SearchKind[] = [
  'post',
  'question',
  'thread',
  'reading',
  'case_study',
  'policy_element',
];
