// A key-respondent candidate's research, on-the-ground and policy experience, side by side, as
// the call lists them, so reviewers compare candidates on the same three marks.
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Lang } from '../i18n/languages.ts';
import { EXPERIENCE, type Experience } from './call-choices.tsx';

export function CandidateExperience({ values, lang }: { values: Experience; lang: Lang }) {
  const { t } = useI18n();
  if (EXPERIENCE.every((field) => !values[field].trim())) return null;
  return (
    <dl class="candidate-experience">
      {EXPERIENCE.map((field) => (
        <div key={field}>
          <dt>{t(`cohort.${field}`)}</dt>
          <dd class="prewrap" lang={values[field] ? lang : undefined}>
            {values[field] || t('cohort.experienceNone')}
          </dd>
        </div>
      ))}
    </dl>
  );
}
