// Search results: the words and filters from the address, a page of hits each in a language the
// reader reads with the matched words marked and the language they were found in named, a link
// into the item's place, and the next page. Loaded on first use.
import { useLocation } from 'preact-iso/router';
import { DateTime } from '../components/date-range.tsx';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { ForumList } from '../forums/forum-types.ts';
import { searchApiPath, searchFrom, searchHref, type SearchAddress } from '../search/search-address.ts';
import { SEARCH_KINDS, type SearchHit, type SearchResponse } from '../search/search-types.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';

function Marked({ hit }: { hit: SearchHit }) {
  return <>{hit.excerpt.parts.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

function Hit({ hit, search, timeZone }: { hit: SearchHit; search: SearchAddress; timeZone: string }) {
  const { t } = useI18n();
  // A thread's hit is its title: the marked title is the link, with no excerpt below it.
  const heading = hit.title ? (
    <a href={hit.href} lang={hit.title.lang}>
      {hit.title.value}
    </a>
  ) : hit.kind === 'thread' ? (
    <a href={hit.href} lang={hit.excerpt.lang}>
      <Marked hit={hit} />
    </a>
  ) : (
    <a href={hit.href}>{t(`search.kinds.${hit.kind}`)}</a>
  );
  return (
    <li class="card search-hit" data-testid="search-hit">
      <h2 class="search-hit-title">{heading}</h2>
      {hit.kind === 'thread' ? null : (
        <p class="search-excerpt" lang={hit.excerpt.lang}>
          <Marked hit={hit} />
        </p>
      )}
      <p class="meta muted">
        <span class="badge">{t(`search.kinds.${hit.kind}`)}</span>
        <span lang={hit.forum.title.lang}>{hit.forum.title.value}</span>
        <span>{t('search.week', { number: hit.weekNumber })}</span>
        {hit.author ? (
          hit.author.id > 0 ? (
            <a href={searchHref({ ...search, author: String(hit.author.id), after: '' })}>
              {t('search.byAuthor', { name: hit.author.displayName })}
            </a>
          ) : (
            <span>{hit.author.displayName}</span>
          )
        ) : null}
        <span>{t('search.matchedIn', { language: hit.matchedIn.name })}</span>
        {hit.translated ? <span>{t('search.translated')}</span> : null}
        <DateTime value={hit.createdAt} timeZone={timeZone} style="dateTime" />
      </p>
    </li>
  );
}

function Results({ search }: { search: SearchAddress }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error, loading }, , retry] = useApi<SearchResponse>(searchApiPath(search));
  if (!data) return <SectionNotLoaded error={error} retry={retry} />;
  const timeZone = readerTimeZone(me);
  return (
    <section aria-labelledby="search-results" aria-busy={loading}>
      <h2 id="search-results" class="visually-hidden">
        {t('search.resultsHeading')}
      </h2>
      {data.results.length === 0 ? (
        <p>{search.after ? t('search.noMore') : t('search.none')}</p>
      ) : (
        <ol class="search-hits">
          {data.results.map((hit) => (
            <Hit key={`${hit.kind}:${hit.id}`} hit={hit} search={search} timeZone={timeZone} />
          ))}
        </ol>
      )}
      <nav class="pagination" aria-label={t('search.pagesLabel')}>
        <ul>
          {search.after ? (
            <li>
              <a href={searchHref({ ...search, after: '' })}>{t('search.firstPage')}</a>
            </li>
          ) : null}
          {data.next ? (
            <li>
              <a href={searchHref({ ...search, after: data.next })} rel="next">
                {t('search.nextPage')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </section>
  );
}

function Filters({ search }: { search: SearchAddress }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const [{ data: forums }] = useApi<ForumList>('/api/forums');
  const change = (key: keyof SearchAddress) => (event: { currentTarget: { value: string } }) =>
    route(searchHref({ ...search, [key]: event.currentTarget.value, after: '' }));
  const any = t('search.filters.any');
  return (
    <form class="queue-filters" aria-label={t('search.filters.label')} onSubmit={(event) => event.preventDefault()}>
      <div class="field">
        <label for="search-kind">{t('search.filters.kind')}</label>
        <select id="search-kind" value={search.kind} onChange={change('kind')}>
          <option value="">{any}</option>
          {SEARCH_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`search.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-lang">{t('search.filters.lang')}</label>
        <select id="search-lang" value={search.lang} onChange={change('lang')}>
          <option value="">{any}</option>
          {(['en', 'es', 'fr'] as const).map((lang) => (
            <option key={lang} value={lang}>
              {t(`languageNames.${lang}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-forum">{t('search.filters.forum')}</label>
        <select id="search-forum" value={search.forum} onChange={change('forum')}>
          <option value="">{any}</option>
          {(forums?.forums ?? []).map((forum) => (
            <option key={forum.slug} value={forum.slug} lang={forum.title.lang}>
              {forum.title.value}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="search-week">{t('search.filters.week')}</label>
        <select id="search-week" value={search.week} onChange={change('week')}>
          <option value="">{any}</option>
          {Array.from({ length: 12 }, (_, index) => String(index + 1)).map((number) => (
            <option key={number} value={number}>
              {t('search.week', { number })}
            </option>
          ))}
        </select>
      </div>
      {search.author ? (
        <p class="field">
          <a href={searchHref({ ...search, author: '', after: '' })}>{t('search.filters.anyAuthor')}</a>
        </p>
      ) : null}
    </form>
  );
}

export default function SearchPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const search = searchFrom(query);
  const q = search.q.trim();
  return (
    <>
      <PageHeading text={q ? t('search.titleFor', { q }) : t('search.title')} />
      {q ? (
        <>
          <Filters search={search} />
          <Results search={search} />
        </>
      ) : (
        <p>{t('search.empty')}</p>
      )}
    </>
  );
}
