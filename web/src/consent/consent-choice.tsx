// The one question asked on the application form, the invitation page and the profile: how the
// person's words may appear in the forum's published proceedings and public archive.
import { useI18n } from '../i18n/i18n-context.tsx';
import type { ConsentChoice } from './consent-types.ts';

export const CONSENT_CHOICES: ConsentChoice[] = ['named', 'anonymous', 'none'];

export function ConsentChoiceField({
  name,
  value,
  onChange,
  regionName,
  disabled = false,
}: {
  name: string;
  value: ConsentChoice | null;
  onChange: (choice: ConsentChoice) => void;
  /** The person's region in the reader's language, when known, so the anonymous choice says what will be shown. */
  regionName?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <fieldset id={name} disabled={disabled}>
      <legend>{t('consent.question')}</legend>
      <p class="hint">{t('consent.hint')}</p>
      {CONSENT_CHOICES.map((choice) => (
        <label key={choice} class="choice">
          <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => onChange(choice)} />{' '}
          {choice === 'anonymous' && regionName
            ? t('consent.choice_anonymousFrom', { region: regionName })
            : t(`consent.choice_${choice}`)}
        </label>
      ))}
    </fieldset>
  );
}
