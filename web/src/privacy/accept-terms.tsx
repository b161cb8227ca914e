// The checkbox every form that creates an account carries: the person accepts the terms of use
// and the privacy notice, each a link to its text (opened beside the form, which keeps its input).
import { useI18n } from '../i18n/i18n-context.tsx';

interface Props {
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string | null;
}

export function AcceptTerms({ checked, onChange, error }: Props) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label class="checkbox" for="acceptTerms">
        <input
          id="acceptTerms"
          name="acceptTerms"
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.currentTarget.checked)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`acceptTerms-links${error ? ' acceptTerms-error' : ''}`}
          aria-required="true"
        />
        <span>{t('legal.acceptTerms')}</span>
      </label>
      <span id="acceptTerms-links" class="hint">
        <a href="/legal/terms" target="_blank" rel="noopener">
          {t('legal.readTerms')}
        </a>
        {' · '}
        <a href="/legal/privacy" target="_blank" rel="noopener">
          {t('legal.readPrivacy')}
        </a>
      </span>
      {error ? (
        <span id="acceptTerms-error" class="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
