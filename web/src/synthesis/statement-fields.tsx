// The fields a policy element is written with, shared by the proposal form and the organizers'
// edit: its statement counted against the forum's limit, its language, its region and its theme.
import type { Ref } from 'preact';
import { LanguageOptions, SelectField } from '../components/fields.tsx';
import { WordCounter } from '../cohort/word-counter.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Lang } from '../i18n/languages.ts';
import type { Choice } from './synthesis-types.ts';

export interface StatementValues {
  statement: string;
  statementLang: Lang;
  region: string;
  theme: string;
}

export function StatementFields({
  id,
  textarea,
  values,
  onChange,
  wordLimit,
  regions,
  themes,
  hint,
}: {
  id: string;
  textarea: Ref<HTMLTextAreaElement>;
  values: StatementValues;
  onChange: (changes: Partial<StatementValues>) => void;
  wordLimit: number;
  regions: Choice[];
  themes: Choice[];
  /** Guidance under the statement, for whoever writes one for the first time. */
  hint?: string;
}) {
  const { t, lang } = useI18n();
  const describedBy = hint ? `${id}-hint ${id}-count` : `${id}-count`;
  return (
    <>
      <div class="field">
        <label for={`${id}-statement`}>{t('synthesis.propose.statement')}</label>
        <textarea
          ref={textarea}
          id={`${id}-statement`}
          rows={4}
          maxLength={4000}
          lang={values.statementLang}
          value={values.statement}
          aria-required="true"
          aria-describedby={describedBy}
          onInput={(event) => onChange({ statement: event.currentTarget.value })}
        />
        {hint && (
          <span id={`${id}-hint`} class="hint">
            {hint}
          </span>
        )}
        <WordCounter id={`${id}-count`} text={values.statement} max={wordLimit} />
      </div>
      <SelectField
        id={`${id}-lang`}
        label={t('synthesis.propose.lang')}
        value={values.statementLang}
        onChange={(value) => onChange({ statementLang: value as Lang })}
      >
        <LanguageOptions />
      </SelectField>
      <SelectField
        id={`${id}-region`}
        label={t('synthesis.region')}
        value={values.region}
        onChange={(region) => onChange({ region })}
      >
        {regions.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choice.name[lang]}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={`${id}-theme`}
        label={t('synthesis.theme')}
        value={values.theme}
        onChange={(theme) => onChange({ theme })}
      >
        {themes.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choice.name[lang]}
          </option>
        ))}
      </SelectField>
    </>
  );
}
