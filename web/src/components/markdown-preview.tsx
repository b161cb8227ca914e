// A live preview rendered by the server's own pipeline, so what the writer sees is exactly
// what readers will get. Asks only while open, and at most every half second.
import type { PreviewResponse } from '../../../server/content/preview.schemas.ts';
import type { Static } from 'typebox';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function MarkdownPreview({ markdown, lang, active }: { markdown: string; lang: Lang; active: boolean }) {
  const { t } = useI18n();
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!active) return;
    if (!markdown.trim()) {
      setHtml('');
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<Static<typeof PreviewResponse>>('/api/markdown/preview', { method: 'POST', body: { bodyMd: markdown } })
        .then((result) => {
          if (current) {
            setHtml(result.html);
            setFailed(false);
          }
        })
        .catch(() => {
          if (current) setFailed(true);
        });
    }, 500);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [markdown, active]);

  if (failed) return <p class="muted">{t('translate.previewUnavailable')}</p>;
  if (html === '') return <p class="muted">{t('translate.previewEmpty')}</p>;
  return html === null ? (
    <p class="muted">{t('app.loading')}</p>
  ) : (
    <div class="prose" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
