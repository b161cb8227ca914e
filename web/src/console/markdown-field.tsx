// A Markdown text area in a known language with a preview rendered by the server's own
// sanitizing pipeline, shown on demand beside the source.
import { useState } from 'preact/hooks';
import type { Lang } from '../i18n/languages.ts';
import { MarkdownPreview } from '../components/markdown-preview.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

interface Props {
  id: string;
  label: string;
  lang: Lang;
  value: string;
  rows?: number;
  onInput(value: string): void;
}

export function MarkdownField({ id, label, lang, value, rows = 6, onInput }: Props) {
  const { t } = useI18n();
  const [previewing, setPreviewing] = useState(false);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        lang={lang}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        aria-describedby={`${id}-hint`}
      />
      <span id={`${id}-hint`} class="hint">
        {t('console.markdownHint')}
      </span>
      <button
        type="button"
        class="button-quiet preview-toggle"
        aria-expanded={previewing ? 'true' : 'false'}
        aria-controls={`${id}-preview`}
        onClick={() => setPreviewing(!previewing)}
      >
        {previewing ? t('console.hidePreview') : t('console.showPreview')}
      </button>
      <div
        id={`${id}-preview`}
        class="markdown-preview-box"
        hidden={!previewing}
        aria-label={t('console.previewLabel')}
      >
        {previewing ? <MarkdownPreview markdown={value} lang={lang} active={previewing} /> : null}
      </div>
    </div>
  );
}
