// A textarea's live word count, counted by the function the server enforces the limit with;
// past the limit it says how many words to remove, and the form refuses to send.
import { countWords } from '../text/word-count.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function WordCounter({ id, text, max }: { id: string; text: string; max: number }) {
  const { t } = useI18n();
  const count = countWords(text);
  if (count > max) {
    return (
      <span id={id} class="field-error" role="alert">
        {t('cohort.tooManyWords', { count, max, over: count - max })}
      </span>
    );
  }
  return (
    <span id={id} class="word-count" aria-live="polite">
      {t('cohort.words', { count, max })}
    </span>
  );
}

export function overLimit(text: string, max: number): boolean {
  return countWords(text) > max;
}
