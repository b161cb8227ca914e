// A search lives in the address (`/search?q=…&kind=…`), so it can be shared and the back button
// returns to the results before: the page reads its query and filters from there and writes them back.
import type { Lang } from '../i18n/languages.ts';
import { SEARCH_KINDS, type SearchKind } from './search-types.ts';

export interface SearchAddress {
  q: string;
  forum: string;
  week: string;
  kind: SearchKind | '';
  lang: Lang | '';
  author: string;
  after: string;
}

const LANGS: readonly string[] = ['en', 'es', 'fr'];

export function searchFrom(query: Record<string, string | undefined>): SearchAddress {
  return {
    q: query.q ?? '',
    forum: /^[a-z0-9][a-z0-9-]{0,79}$/.test(query.forum ?? '') ? query.forum! : '',
    week: /^[1-9]\d?$/.test(query.week ?? '') ? query.week! : '',
    kind: SEARCH_KINDS.includes(query.kind as SearchKind) ? (query.kind as SearchKind) : '',
    lang: LANGS.includes(query.lang ?? '') ? (query.lang as Lang) : '',
    author: /^[1-9]\d{0,9}$/.test(query.author ?? '') ? query.author! : '',
    after: /^[A-Za-z0-9_-]{1,400}$/.test(query.after ?? '') ? query.after! : '',
  };
}

function queryOf(search: SearchAddress): URLSearchParams {
  const query = new URLSearchParams({ q: search.q });
  for (const key of ['forum', 'week', 'kind', 'lang', 'author', 'after'] as const)
    if (search[key]) query.set(key, search[key]);
  return query;
}

export const searchHref = (search: SearchAddress) => `/search?${queryOf(search)}`;
export const searchApiPath = (search: SearchAddress) => `/api/search?${queryOf(search)}`;
