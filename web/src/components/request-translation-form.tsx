// An organizer asks for a post in a language the forum's policy does not translate it into,
// or reopens its published translation there for correction. The task joins the queue.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Post } from '../discussion/discussion-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS } from '../i18n/languages.ts';
import { useTargetLanguages } from '../hooks/use-target-languages.ts';
import { LiveMessage } from './notice.tsx';

interface Props {
  post: Post;
  forumSlug: string;
  userId: number;
  onDone(targetLang: Lang): void;
  onCancel(): void;
}

export function RequestTranslationForm({ post, forumSlug, userId, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const id = `request-translation-${post.id}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { languages, target, setTarget, picker } = useTargetLanguages(post, forumSlug, userId);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/translation-requests`, {
        method: 'POST',
        body: { kind: 'post', itemId: post.id, targetLang: target },
      });
      onDone(target);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="inline-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`}>{t('post.requestTranslationHint')}</p>
      <label for={`${id}-lang`}>{t('post.requestTranslationLanguage')}</label>{' '}
      <select
        id={`${id}-lang`}
        ref={picker}
        value={target}
        onChange={(event) => setTarget(event.currentTarget.value as Lang)}
      >
        {languages.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {ENDONYMS[lang]}
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={busy}>
        {t('post.requestTranslationSubmit')}
      </button>{' '}
      <button type="button" class="button-quiet" onClick={onCancel}>
        {t('composer.cancel')}
      </button>
      <LiveMessage kind="error" message={error} />
    </form>
  );
}
