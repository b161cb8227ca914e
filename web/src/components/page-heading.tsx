// Each page's <h1>. After a client-side navigation it takes the focus, so keyboard and screen
// reader users start reading the new page instead of staying on the link they followed.
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { Lang } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

// The first page load keeps the browser's own focus handling.
let focusedUrl = location.pathname + location.search;

export function PageHeading({ text, lang }: { text: string; lang?: Lang }) {
  const { url } = useLocation();
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (url === focusedUrl) return;
    focusedUrl = url;
    ref.current?.focus();
  }, [url]);

  useEffect(() => {
    document.title = `${text} · ${t('app.name')}`;
  }, [text, t]);

  return (
    <h1 ref={ref} tabIndex={-1} lang={lang}>
      {text}
    </h1>
  );
}
