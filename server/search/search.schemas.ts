// Request and response shapes of search: the words and filters, and a page of hits, each shown
// in a language the reader reads, with its matched words as marked parts (never HTML).
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema } from '../http/common.schemas.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';

/** The longest query a search takes, in characters (the service says so in words). */
export const QUERY_MAX_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;

export const SearchKindSchema = Type.Union([
  Type.Literal('post'),
  Type.Literal('question'),
  Type.Literal('thread'),
  Type.Literal('reading'),
  Type.Literal('case_study'),
  Type.Literal('policy_element'),
]);

export const SearchQuery = Type.Object({
  // Longer than the rule on purpose: the service refuses a long query with its own message.
  q: Type.String({ maxLength: 2000 }),
  forum: Type.Optional(SlugParams.properties.slug),
  week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  author: Type.Optional(IdSchema),
  lang: Type.Optional(LangSchema),
  kind: Type.Optional(SearchKindSchema),
  /** The `next` of the page before. */
  after: Type.Optional(Type.String({ maxLength: 400, pattern: '^[A-Za-z0-9_-]*$' })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** A piece of an excerpt: `mark` when it is a word the query matched. */
const PartSchema = Type.Object({ text: Type.String(), mark: Type.Boolean() });

export const SearchHitSchema = Type.Object({
  kind: SearchKindSchema,
  id: Type.Integer(),
  forum: Type.Object({ slug: Type.String(), title: Type.Object({ lang: LangSchema, value: Type.String() }) }),
  weekNumber: Type.Integer(),
  /** The thread, reading or case study it is in or is, in a language the reader reads; null when the excerpt is the title. */
  title: Type.Union([Type.Object({ lang: LangSchema, value: Type.String() }), Type.Null()]),
  excerpt: Type.Object({ lang: LangSchema, parts: Type.Array(PartSchema) }),
  /** Whether the excerpt is a translation of the original (the reading rule chose it for the reader). */
  translated: Type.Boolean(),
  /** The language the words were found in, named in the reader's language. */
  matchedIn: Type.Object({ lang: LangSchema, name: Type.String() }),
  author: Type.Union([Type.Object({ id: Type.Integer(), displayName: Type.String() }), Type.Null()]),
  createdAt: DateTimeSchema,
  /** Where it is read: its thread at its place, its case study, reading or the synthesis. */
  href: Type.String(),
});
export type SearchHit = Static<typeof SearchHitSchema>;

export const SearchResponse = Type.Object({
  results: Type.Array(SearchHitSchema),
  /** The `after` of the next page; null on the last. */
  next: Type.Union([Type.String(), Type.Null()]),
});
export type SearchResponse = Static<typeof SearchResponse>;
