// The header's search box: a labelled search landmark that opens the results page with the words
// in the address, so the results can be shared and the back button returns to them.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n/i18n-context.tsx';

export function SearchBox() {
  const { t } = useI18n();
  const { path, query, route } = useLocation();
  const [words, setWords] = useState(path === '/search' ? (query.q ?? '') : '');
  // The box shows the search the page shows, after back and forward too.
  useEffect(() => {
    if (path === '/search') setWords(query.q ?? '');
  }, [path, query.q]);
  return (
    <form
      class="search-box"
      role="search"
      aria-label={t('search.box.label')}
      onSubmit={(event) => {
        event.preventDefault();
        const q = words.trim();
        if (q) route(`/search?${new URLSearchParams({ q })}`);
      }}
    >
      <label for="site-search" class="visually-hidden">
        {t('search.box.label')}
      </label>
      <input
        id="site-search"
        type="search"
        name="q"
        value={words}
        maxLength={200}
        placeholder={t('search.box.placeholder')}
        onInput={(event) => setWords(event.currentTarget.value)}
      />
      <button type="submit" class="button-small">
        {t('search.box.submit')}
      </button>
    </form>
  );
}
