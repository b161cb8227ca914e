// Links to a thread's pages: first, previous, a few around the current one, next, last.
import { useI18n } from '../i18n/i18n-context.tsx';

function pagesToShow(page: number, pageCount: number): number[] {
  const pages = new Set([1, pageCount]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= pageCount) pages.add(n);
  return [...pages].sort((a, b) => a - b);
}

export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href(page: number): string }) {
  const { t } = useI18n();
  if (pageCount <= 1) return null;
  const pages = pagesToShow(page, pageCount);
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t('pagination.previous')}
            </a>
          </li>
        ) : null}
        {pages.map((n, index) => (
          <li key={n}>
            {index > 0 && n - pages[index - 1]! > 1 ? (
              <span class="muted" aria-hidden="true">
                …{' '}
              </span>
            ) : null}
            {n === page ? (
              <a href={href(n)} aria-current="page" aria-label={t('pagination.page', { page: n, pageCount })}>
                {n}
              </a>
            ) : (
              <a href={href(n)} aria-label={t('pagination.page', { page: n, pageCount })}>
                {n}
              </a>
            )}
          </li>
        ))}
        {page < pageCount ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t('pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
