// What the forum's own lists ask of an applicant: a region and a sector, named in the reader's
// language, and a checkbox for each of the call's prerequisites. A list the forum leaves empty
// asks nothing.
import { useI18n } from '../i18n/i18n-context.tsx';
import type { OwnApplication } from './cohort-types.ts';
import { WordCounter } from './word-counter.tsx';

type Call = OwnApplication['call'];
type Choice = Call['regions'][number];

function ChoiceSelect({
  id,
  label,
  choices,
  value,
  onChange,
}: {
  id: string;
  label: string;
  choices: Choice[];
  value: string;
  onChange(value: string): void;
}) {
  const { t, lang } = useI18n();
  if (choices.length === 0) return null;
  // An entry the organizers archived since it was chosen stays selected, by its key only until the list reloads.
  const known = value === '' || choices.some((choice) => choice.key === value);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} required onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="" disabled>
          {t('cohort.choose')}
        </option>
        {choices.map((choice) => (
          <option key={choice.key} value={choice.key} lang={lang}>
            {choice.name[lang]}
          </option>
        ))}
        {known ? null : <option value={value}>{t('cohort.archivedChoice')}</option>}
      </select>
    </div>
  );
}

export function RegionAndSector({
  call,
  region,
  sector,
  onChange,
}: {
  call: Call;
  region: string;
  sector: string;
  onChange(changes: { region?: string; sector?: string }): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <ChoiceSelect
        id="region"
        label={t('cohort.region')}
        choices={call.regions}
        value={region}
        onChange={(value) => onChange({ region: value })}
      />
      <ChoiceSelect
        id="sector"
        label={t('cohort.sector')}
        choices={call.sectors}
        value={sector}
        onChange={(value) => onChange({ sector: value })}
      />
    </>
  );
}

export function Prerequisites({
  call,
  confirmed,
  onChange,
}: {
  call: Call;
  confirmed: string[];
  onChange(confirmed: string[]): void;
}) {
  const { t, lang } = useI18n();
  if (call.prerequisites.length === 0) return null;
  return (
    <fieldset id="prerequisites" class="prerequisites">
      <legend>{t('cohort.prerequisites')}</legend>
      <p class="hint">{t('cohort.prerequisitesHint')}</p>
      {call.prerequisites.map((item) => (
        <label key={item.key} class="choice" lang={lang}>
          <input
            type="checkbox"
            required
            checked={confirmed.includes(item.key)}
            onChange={(event) =>
              onChange(
                event.currentTarget.checked ? [...confirmed, item.key] : confirmed.filter((key) => key !== item.key),
              )
            }
          />{' '}
          {item.name[lang]}
        </label>
      ))}
    </fieldset>
  );
}

export const EXPERIENCE = ['researchExperience', 'groundExperience', 'policyExperience'] as const;
export type Experience = Record<(typeof EXPERIENCE)[number], string>;

/** The call's three marks of a key respondent, each a short text within its word limit; none is required. */
export function ExperienceFields({
  call,
  values,
  onChange,
}: {
  call: Call;
  values: Experience;
  onChange(changes: Partial<Experience>): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('cohort.experience')}</legend>
      <p class="hint">{t('cohort.experienceHint')}</p>
      {EXPERIENCE.map((field) => (
        <div class="field" key={field}>
          <label for={field}>{t(`cohort.${field}`)}</label>
          <textarea
            id={field}
            rows={3}
            value={values[field]}
            aria-describedby={`${field}-count`}
            onInput={(event) => onChange({ [field]: event.currentTarget.value })}
          />
          <WordCounter id={`${field}-count`} text={values[field]} max={call.experienceWordLimit} />
        </div>
      ))}
    </fieldset>
  );
}
