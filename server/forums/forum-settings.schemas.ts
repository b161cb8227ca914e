// Request and response shapes of a forum's settings, as organizers edit them in the console.
import { Type, type Static } from 'typebox';
import { LangSchema, NameText, SafeText } from '../http/common.schemas.ts';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';

export const LocalDate = Type.String({ format: 'date' });
export const EnrolmentSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('application'),
  Type.Literal('invitation'),
]);
export type Enrolment = Static<typeof EnrolmentSchema>;

export const ForumTextInput = Type.Object({
  lang: LangSchema,
  title: NameText({ maxLength: 200 }),
  summary: SafeText({ maxLength: 1000 }),
  callMd: SafeText({ maxLength: MAX_MARKDOWN_LENGTH }),
});

const Pair = Type.Object({ from: LangSchema, to: LangSchema });
const Limit = (maximum: number) => Type.Integer({ minimum: 0, maximum });

export const TranslationPolicySchema = Type.Object({
  pairs: Type.Array(Pair, { maxItems: 6 }),
  targetHours: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
  claimMinutes: Type.Integer({ minimum: 5, maximum: 24 * 60 }),
  reviewRequired: Type.Boolean(),
});

const settingsProperties = {
  published: Type.Boolean(),
  languages: Type.Array(LangSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  startsOn: LocalDate,
  endsOn: LocalDate,
  applicationDeadlineOn: LocalDate,
  enrolment: EnrolmentSchema,
  publicArchive: Type.Boolean(),
  weeksCloseAtEnd: Type.Boolean(),
  keyRespondentLimit: Limit(1000),
  keyRespondentsPerWeek: Limit(1000),
  descriptionWordLimit: Type.Integer({ minimum: 10, maximum: 1000 }),
  /** The most words a policy element's statement may have (the synthesis). */
  policyElementWordLimit: Type.Integer({ minimum: 10, maximum: 400 }),
  /** A case study's suggested length, shown to its author as guidance (never enforced). */
  caseStudyMinWords: Limit(20000),
  caseStudyMaxWords: Limit(20000),
  /** Hours a key respondent has to answer a question before organizers hear of it. */
  questionTargetHours: Type.Integer({ minimum: 1, maximum: 720 }),
  translation: TranslationPolicySchema,
  texts: Type.Array(ForumTextInput, { minItems: 1, maxItems: 3 }),
};

/** Any subset of the settings; what is left out stays as it is. */
export const SettingsPatch = Type.Partial(Type.Object(settingsProperties), { minProperties: 1 });
export type SettingsChanges = Static<typeof SettingsPatch>;

export const ForumSettingsSchema = Type.Object({ slug: Type.String(), ...settingsProperties });
export type ForumSettings = Static<typeof ForumSettingsSchema>;
export const ForumSettingsResponse = Type.Object({ settings: ForumSettingsSchema });
