// Request and response shapes of the forum routes.
import { Type } from 'typebox';
import { DateTimeSchema, HtmlSchema, LangSchema, TextSchema } from '../http/common.schemas.ts';

const Role = Type.Union([
  Type.Literal('participant'),
  Type.Literal('key_respondent'),
  Type.Literal('translator'),
  Type.Literal('organizer'),
]);
/** A forum's public status (server/forums/forum-status.ts), which the SPA puts in words. */
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('recruiting'),
  Type.Literal('invitation_only'),
  Type.Literal('applications_closed'),
  Type.Literal('running'),
  Type.Literal('closed'),
]);
export const WeekStateSchema = Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('past')]);
export const LocalDate = Type.String({ format: 'date' });

const forumSummaryProperties = {
  slug: Type.String(),
  title: TextSchema,
  summary: TextSchema,
  status: Status,
  timeZone: Type.String(),
  /** The forum's first and last days in its own zone. */
  startsOn: LocalDate,
  endsOn: LocalDate,
  startsAt: DateTimeSchema,
  endsAt: DateTimeSchema,
  applicationDeadline: DateTimeSchema,
  /** The last day to apply, in the forum's zone. */
  applicationDeadlineOn: LocalDate,
  languages: Type.Array(LangSchema),
  myRoles: Type.Array(Role),
};

export const ForumListResponse = Type.Object({ forums: Type.Array(Type.Object(forumSummaryProperties)) });

/** A week's place in the calendar, as the forum page lists it and the week's own page heads it. */
export const weekCalendarProperties = {
  number: Type.Integer(),
  title: TextSchema,
  startsOn: LocalDate,
  /** The week's last day in the forum's zone. */
  endsOn: LocalDate,
  opensAt: DateTimeSchema,
  closesAt: DateTimeSchema,
  state: WeekStateSchema,
};

const WeekSummary = Type.Object({ ...weekCalendarProperties, canRead: Type.Boolean() });

export const ForumResponse = Type.Object({
  forum: Type.Object({
    ...forumSummaryProperties,
    call: HtmlSchema,
    openEnrolment: Type.Boolean(),
    publicArchive: Type.Boolean(),
    translationPolicy: Type.Array(Type.Object({ from: LangSchema, to: LangSchema })),
    currentWeek: Type.Union([Type.Integer(), Type.Null()]),
    weeks: Type.Array(WeekSummary),
  }),
});

export const JoinResponse = Type.Object({ myRoles: Type.Array(Role) });
