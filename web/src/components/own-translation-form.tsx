// An author translating their own post into another of the forum's languages: published at
// once, shown to readers as translated "by the author". Written in the page, not a dialog.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Post } from '../discussion/discussion-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS } from '../i18n/languages.ts';
import { useTargetLanguages } from '../hooks/use-target-languages.ts';
import { MAX_BODY_LENGTH } from './composer.tsx';
import { LiveMessage } from './notice.tsx';

interface Props {
  post: Post;
  forumSlug: string;
  userId: number;
  onDone(targetLang: Lang): void;
  onCancel(): void;
}

export function OwnTranslationForm({ post, forumSlug, userId, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const id = `own-translation-${post.id}`;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { languages, target, setTarget, picker } = useTargetLanguages(post, forumSlug, userId);

  async function submit(event: Event) {
    event.preventDefault();
    if (!text.trim()) {
      setError(t('composer.empty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api(`/api/posts/${post.id}/translations`, { method: 'POST', body: { targetLang: target, bodyMd: text } });
      onDone(target);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form
      class="composer own-translation"
      aria-label={t('post.translateTitle')}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <p class="hint">{t('post.translateHint')}</p>
      <div class="field field-inline">
        <label for={`${id}-lang`}>{t('post.translateInto')}</label>
        <select
          ref={picker}
          id={`${id}-lang`}
          value={target}
          disabled={busy}
          onChange={(event) => setTarget(event.currentTarget.value as Lang)}
        >
          {languages.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {ENDONYMS[lang]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-body`}>{t('post.translateBody', { language: t(`languageNames.${target}`) })}</label>
        <textarea
          id={`${id}-body`}
          rows={6}
          lang={target}
          value={text}
          maxLength={MAX_BODY_LENGTH}
          readOnly={busy}
          aria-required="true"
          aria-describedby={`${id}-error`}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <LiveMessage id={`${id}-error`} message={error} />
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {busy ? t('composer.sending') : t('post.translatePublish')}
        </button>
        <button type="button" class="button-quiet" disabled={busy} onClick={onCancel}>
          {t('composer.cancel')}
        </button>
      </p>
    </form>
  );
}
