// Each page's <h1>. After a client-side navigation it takes the focus, so keyboard and screen
// reader users start reading the new page instead of staying on the link they followed.
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { Lang } from '../i18n/languages.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

// The first page load keeps the browser's own focus handling.
let focusedUrl = location.pathname + location.search;

// The headings on the page now. The tab's title is the first of them in the document, recomputed
// whenever one comes, changes or goes, so a heading that leaves (a section's "Loading…") never
// leaves its text behind in the title, whatever order the effects run in.
const headings = new Map<HTMLHeadingElement, string>();
function showTitle(appName: string) {
  const first = [...headings.keys()].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  )[0];
  if (first) document.title = `${headings.get(first)} · ${appName}`;
}

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
    const element = ref.current;
    if (!element) return;
    headings.set(element, text);
    showTitle(t('app.name'));
    return () => {
      headings.delete(element);
      showTitle(t('app.name'));
    };
  }, [text, t]);

  return (
    <h1 ref={ref} tabIndex={-1} lang={lang}>
      {text}
    </h1>
  );
}
