// Request and response shapes of the cohort routes: applications, review, invitations,
// reconfirmation, opt-ins and the directory.
import { Type, type Static } from 'typebox';
import {
  DateTimeSchema,
  IdSchema,
  LangSchema,
  LineText,
  NameText,
  SafeText,
  VisibleText,
} from '../http/common.schemas.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.ts';
import { ChoiceSchema, EntryKey, LocalizedName } from '../forums/forum-lists.schemas.ts';
import { ConsentChoiceSchema } from '../consent/consent.schemas.ts';

export const STATEMENT_WORD_LIMIT = 300;
/** Each of a key-respondent candidate's three experience fields (research, on the ground, policy). */
export const EXPERIENCE_WORD_LIMIT = 100;
export const EXPERIENCE_FIELDS = ['researchExperience', 'groundExperience', 'policyExperience'] as const;

const Id = IdSchema;
const WeekNumber = Type.Integer({ minimum: 1, maximum: 52 });
const Kind = Type.Union([Type.Literal('participant'), Type.Literal('key_respondent')]);
/** Every role the people console gives can be given by invitation; a key respondent's needs `week`. */
export const InvitationRole = Type.Union([
  Type.Literal('participant'),
  Type.Literal('key_respondent'),
  Type.Literal('translator'),
  Type.Literal('organizer'),
]);
const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('waitlisted'),
  Type.Literal('declined'),
  Type.Literal('withdrawn'),
]);
/** A region or sector of the forum, by key; '' or absent for none (allowed only when the forum lists none). */
const ListKey = Type.Union([EntryKey, Type.Literal('')]);
const NullableName = Type.Union([LocalizedName, Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const Langs = Type.Array(LangSchema, { minItems: 1, maxItems: 3, uniqueItems: true });
const ShortText = LineText({ maxLength: 120 });
// Word limits are checked by the service; these bounds only stop absurd payloads early.
const LongText = SafeText({ maxLength: 20000 });

export const ApplicationFields = Type.Object({
  kind: Kind,
  description: VisibleText({ maxLength: 20000 }),
  statement: Type.Optional(LongText),
  fitsWeek: Type.Optional(Type.Union([WeekNumber, Type.Null()])),
  organisation: ShortText,
  region: Type.Optional(ListKey),
  sector: Type.Optional(ListKey),
  /** Keys of the call's prerequisites the applicant confirms; every one the forum lists is required. */
  prerequisites: Type.Optional(Type.Array(EntryKey, { maxItems: 50, uniqueItems: true })),
  researchExperience: Type.Optional(SafeText({ maxLength: 5000 })),
  groundExperience: Type.Optional(SafeText({ maxLength: 5000 })),
  policyExperience: Type.Optional(SafeText({ maxLength: 5000 })),
  country: NameText({ maxLength: 120 }),
  langs: Langs,
  heardFrom: Type.Optional(LineText({ maxLength: 500 })),
  optIn: Type.Optional(Type.Boolean()),
  /** How the applicant's words may appear in published proceedings; editing may change it, a new application must say. */
  publicationConsent: Type.Optional(ConsentChoiceSchema),
});
export type ApplicationInput = Static<typeof ApplicationFields>;

/** A visitor applies and opens an account in the same request. */
export const NewAccount = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  displayName: NameText({ maxLength: 80 }),
  password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  interfaceLang: LangSchema,
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  /** The applicant accepts the terms of use and the privacy notice, as registration asks. */
  acceptTerms: Type.Literal(true),
});
export type NewAccountInput = Static<typeof NewAccount>;

export const ApplyBody = Type.Object({
  ...ApplicationFields.properties,
  publicationConsent: ConsentChoiceSchema,
  account: Type.Optional(NewAccount),
});

export const ApplicationSchema = Type.Object({
  id: Id,
  kind: Kind,
  status: Status,
  applicant: Type.Object({ id: Id, displayName: Type.String() }),
  description: Type.String(),
  statement: Type.String(),
  fitsWeek: Type.Union([Type.Integer(), Type.Null()]),
  assignedWeek: Type.Union([Type.Integer(), Type.Null()]),
  organisation: Type.String(),
  /** The region's key ('' for none) and its name in each language, so every reader sees it in theirs. */
  region: Type.String(),
  regionName: NullableName,
  sector: Type.String(),
  sectorName: NullableName,
  prerequisitesConfirmed: Type.Array(Type.String()),
  researchExperience: Type.String(),
  groundExperience: Type.String(),
  policyExperience: Type.String(),
  country: Type.String(),
  langs: Type.Array(LangSchema),
  heardFrom: Type.String(),
  lang: LangSchema,
  decisionMessage: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([DateTimeSchema, Type.Null()]),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type ApplicationView = Static<typeof ApplicationSchema>;
export const ApplicationResponse = Type.Object({ application: ApplicationSchema });
/** An organizer's view of one application: the applicant's email besides. */
export const ReviewedApplicationResponse = Type.Object({
  application: Type.Object({ ...ApplicationSchema.properties, email: Type.String() }),
});
export const EngagementResponse = Type.Object({ optedIn: Type.Boolean() });

/** A member's applications in every forum, for their profile. */
export const MyApplicationsResponse = Type.Object({
  applications: Type.Array(
    Type.Object({
      forumSlug: Type.String(),
      kind: ApplicationSchema.properties.kind,
      status: ApplicationSchema.properties.status,
      assignedWeek: Type.Union([Type.Integer(), Type.Null()]),
      decisionMessage: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

/** What the applicant sees about their own application: no organizer email, the same fields otherwise. */
export const OwnApplicationResponse = Type.Object({
  call: Type.Object({
    open: Type.Boolean(),
    deadline: DateTimeSchema,
    deadlineOn: Type.String({ format: 'date' }),
    timeZone: Type.String(),
    descriptionWordLimit: Type.Integer(),
    statementWordLimit: Type.Integer(),
    experienceWordLimit: Type.Integer(),
    weeks: Type.Array(Type.Integer()),
    regions: Type.Array(ChoiceSchema),
    sectors: Type.Array(ChoiceSchema),
    prerequisites: Type.Array(ChoiceSchema),
  }),
  application: Type.Union([ApplicationSchema, Type.Null()]),
  optedIn: Type.Boolean(),
  publicationConsent: Type.Union([ConsentChoiceSchema, Type.Null()]),
});

export const ApplyResponse = Type.Object({ status: Type.Literal('applied'), application: ApplicationSchema });
export const CheckEmailResponse = Type.Object({ status: Type.Literal('check_email') });

export const ListQuery = Type.Object({
  kind: Type.Optional(Kind),
  status: Type.Optional(Status),
  region: Type.Optional(EntryKey),
  sector: Type.Optional(EntryKey),
  country: Type.Optional(LineText({ minLength: 1, maxLength: 120 })),
  lang: Type.Optional(LangSchema),
  week: Type.Optional(WeekNumber),
});

const Counts = Type.Object({
  total: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byKind: Type.Record(Type.String(), Type.Integer()),
});

export const ApplicationListResponse = Type.Object({
  applications: Type.Array(Type.Object({ ...ApplicationSchema.properties, email: Type.String() })),
  counts: Counts,
  /** Every country applied from (under the other filters), with how many applications each holds. */
  countries: Type.Array(Type.Object({ country: Type.String(), count: Type.Integer() })),
  /** Every region and sector of the forum (archived ones too), with how many applications each holds under the other filters. */
  regions: Type.Array(Type.Object({ ...ChoiceSchema.properties, archived: Type.Boolean(), count: Type.Integer() })),
  sectors: Type.Array(Type.Object({ ...ChoiceSchema.properties, archived: Type.Boolean(), count: Type.Integer() })),
  seats: Type.Object({
    limit: Type.Integer(),
    perWeek: Type.Integer(),
    taken: Type.Integer(),
    byWeek: Type.Record(Type.String(), Type.Integer()),
    /** Key respondents per week and region key ('' for those without a region). */
    byWeekRegion: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
    /** Weeks whose seats differ from the forum's: their own limit, and the limit per region. */
    weekLimits: Type.Record(Type.String(), Type.Object({ limit: NullableInt, perRegion: NullableInt })),
  }),
});

export const ApplicationParams = Type.Object({ slug: SlugParams.properties.slug, id: Id });

const Message = Type.Optional(SafeText({ maxLength: 2000 }));
export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('decline'), Type.Literal('waitlist')]),
  /** Accept as participant or as key respondent (then `week` is required). */
  role: Type.Optional(Kind),
  week: Type.Optional(WeekNumber),
  message: Message,
  /** Required when the decision takes a seat or a membership away from an accepted applicant. */
  confirmRoleRemoval: Type.Optional(Type.Boolean()),
});
export type Decision = Static<typeof DecisionBody>;

export const BulkDecisionBody = Type.Object({
  ids: Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }),
  decision: Type.Union([Type.Literal('accept'), Type.Literal('decline'), Type.Literal('waitlist')]),
  message: Message,
});
export type BulkDecision = Static<typeof BulkDecisionBody>;

/** What a bulk decision did: how many it decided, and the already-decided ones it left alone. */
export const BulkDecisionResponse = Type.Object({
  decided: Type.Integer(),
  skipped: Type.Array(
    Type.Object({
      id: Id,
      displayName: Type.String(),
      status: Status,
      assignedWeek: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});
