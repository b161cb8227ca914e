// The profile fields that registration and the profile page share, and their checks.
import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/languages.ts';
import type { Static } from 'typebox';
import type { ProfileBody } from '../../../server/auth/auth.schemas.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LanguageCheckboxes, LanguageOptions, SelectField, TextField } from './fields.tsx';
import { TimeZonePicker } from './time-zone-picker.tsx';

type ProfileChanges = Static<typeof ProfileBody>;
export type ProfileDraft = Required<ProfileChanges>;
export type FieldErrors = Partial<Record<'email' | 'password' | 'displayName' | 'readingLangs', string>>;

/** Field-level problems the server would refuse, found before sending; keys in form order. */
export function checkProfile(draft: ProfileDraft, t: (key: string) => string): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.displayName.trim()) errors.displayName = t('validation.required');
  if (!draft.readingLangs.length) errors.readingLangs = t('validation.readingLangs');
  return errors;
}

/** Moves focus to the first field with a problem, after the errors have been rendered. */
export function focusFirstError(errors: FieldErrors): void {
  const first = Object.keys(errors)[0];
  if (!first) return;
  requestAnimationFrame(() => {
    const element = document.getElementById(first);
    // A group of checkboxes takes the focus on its first box.
    (element instanceof HTMLFieldSetElement ? element.querySelector('input') : element)?.focus();
  });
}

interface Props {
  draft: ProfileDraft;
  onChange(changes: Partial<ProfileDraft>): void;
  errors: FieldErrors;
  /** Fields shown right after the display name (registration's password). */
  children?: ComponentChildren;
}

export function ProfileFields({ draft, onChange, errors, children }: Props) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        id="displayName"
        label={t('fields.displayName')}
        value={draft.displayName}
        onInput={(displayName) => onChange({ displayName })}
        autoComplete="name"
        required
        maxLength={80}
        hint={t('fields.displayNameHint')}
        error={errors.displayName}
      />
      {children}
      <SelectField
        id="interfaceLang"
        label={t('fields.interfaceLang')}
        value={draft.interfaceLang}
        onChange={(lang) => onChange({ interfaceLang: lang as Lang })}
      >
        <LanguageOptions />
      </SelectField>
      <LanguageCheckboxes
        id="readingLangs"
        legend={t('fields.readingLangs')}
        value={draft.readingLangs}
        onChange={(readingLangs) => onChange({ readingLangs })}
        hint={t('fields.readingLangsHint')}
        error={errors.readingLangs}
      />
      <TimeZonePicker
        id="timeZone"
        label={t('fields.timeZone')}
        value={draft.timeZone}
        onChange={(timeZone) => onChange({ timeZone })}
        hint={t('fields.timeZoneHint')}
      />
      <TextField
        id="organisation"
        label={t('fields.organisation')}
        value={draft.organisation}
        onInput={(organisation) => onChange({ organisation })}
        autoComplete="organization"
        maxLength={120}
      />
      <TextField
        id="region"
        label={t('fields.region')}
        value={draft.region}
        onInput={(region) => onChange({ region })}
        autoComplete="address-level1"
        maxLength={120}
      />
      <TextField
        id="country"
        label={t('fields.country')}
        value={draft.country}
        onInput={(country) => onChange({ country })}
        autoComplete="country-name"
        maxLength={120}
      />
    </>
  );
}
