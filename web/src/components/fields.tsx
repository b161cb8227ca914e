// Labelled form controls whose hints and errors are tied to them with aria-describedby.
import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/languages.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} class="field-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'email' | 'password';
  autoComplete?: string;
  required?: boolean;
  hint?: string;
  error?: string | null;
  maxLength?: number;
}

export function TextField({
  id,
  label,
  value,
  onInput,
  type = 'text',
  autoComplete,
  required,
  hint,
  error,
  maxLength,
}: TextFieldProps) {
  const { t } = useI18n();
  // Preact types each input type separately, so the shared attributes are spread into three.
  const common = {
    id,
    name: id,
    value,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
    autoComplete,
    'aria-required': required ? ('true' as const) : undefined,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, hint, error),
    maxLength,
  };
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required ? null : <span class="muted"> {t('fields.optional')}</span>}
      </label>
      {type === 'password' ? (
        <input type="password" {...common} />
      ) : type === 'email' ? (
        <input type="email" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  children: ComponentChildren;
}

export function SelectField({ id, label, value, onChange, hint, children }: SelectFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby={describedBy(id, hint)}
      >
        {children}
      </select>
      <HintAndError id={id} hint={hint} />
    </div>
  );
}

/** Languages are offered under their own names, so a reader can find theirs in any interface. */
export function LanguageOptions() {
  return (
    <>
      {LANGS.map((lang) => (
        <option key={lang} value={lang} lang={lang}>
          {ENDONYMS[lang]}
        </option>
      ))}
    </>
  );
}

interface LanguageCheckboxesProps {
  id: string;
  legend: string;
  value: Lang[];
  onChange(value: Lang[]): void;
  hint?: string;
  error?: string | null;
}

export function LanguageCheckboxes({ id, legend, value, onChange, hint, error }: LanguageCheckboxesProps) {
  const toggle = (lang: Lang, checked: boolean) =>
    onChange(LANGS.filter((l) => (l === lang ? checked : value.includes(l))));
  return (
    <fieldset id={id} aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      {LANGS.map((lang) => (
        <label key={lang} class="checkbox">
          <input
            type="checkbox"
            name={id}
            value={lang}
            checked={value.includes(lang)}
            onChange={(event) => toggle(lang, event.currentTarget.checked)}
            aria-invalid={error ? 'true' : undefined}
          />
          <span lang={lang}>{ENDONYMS[lang]}</span>
        </label>
      ))}
      <HintAndError id={id} hint={hint} error={error} />
    </fieldset>
  );
}
