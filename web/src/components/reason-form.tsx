// A short reason asked before reporting or hiding a post, in the page rather than a dialog
// box, so it can be read, corrected and sent with a keyboard or a screen reader.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LiveMessage } from './notice.tsx';

const MAX_REASON_LENGTH = 500;

interface Props {
  id: string;
  label: string;
  submitLabel: string;
  hint?: string;
  onSubmit(reason: string): Promise<void>;
  onCancel(): void;
}

export function ReasonForm({ id, label, submitLabel, hint, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setError(t('validation.required'));
      ref.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(reason.trim());
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form class="reason-form" onSubmit={(event) => void submit(event)} noValidate>
      <div class="field">
        <label for={id}>{label}</label>
        <textarea
          ref={ref}
          id={id}
          rows={2}
          maxLength={MAX_REASON_LENGTH}
          value={reason}
          aria-required="true"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onInput={(event) => setReason(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel();
          }}
        />
        {hint ? (
          <span id={`${id}-hint`} class="hint">
            {hint}
          </span>
        ) : null}
      </div>
      <LiveMessage message={error} />
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          {t('composer.cancel')}
        </button>
      </p>
    </form>
  );
}
