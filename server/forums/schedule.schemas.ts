// Request and response shapes of the schedule editor: the weeks, adding, changing and removing
// one, and moving the forum's start with a preview.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, LangSchema, NameText, SafeText } from '../http/common.schemas.ts';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';
import { LocalDate } from './forum-settings.schemas.ts';

const WeekText = Type.Object({
  lang: LangSchema,
  title: NameText({ maxLength: 200 }),
  summaryMd: SafeText({ maxLength: MAX_MARKDOWN_LENGTH }),
});
const WeekStateSchema = Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('past')]);

/** Whether writing closes at the week's end; null follows the forum's setting. */
const WritingClosesAtEnd = Type.Union([Type.Boolean(), Type.Null()]);
// In requests, an enum without a `type`: the server's type coercion would turn null into false
// (or false into null), and these three values mean three different things.
const WritingClosesAtEndInput = Type.Unsafe<boolean | null>({ enum: [true, false, null] });

export const NewWeekBody = Type.Object({
  startsOn: LocalDate,
  originalLang: LangSchema,
  texts: Type.Array(WeekText, { minItems: 1, maxItems: 3 }),
  writingClosesAtEnd: Type.Optional(WritingClosesAtEndInput),
});
export type NewWeek = Static<typeof NewWeekBody>;
export const WeekPatch = Type.Partial(NewWeekBody, { minProperties: 1 });
export type WeekChanges = Static<typeof WeekPatch>;

export const ScheduleWeek = Type.Object({
  number: Type.Integer(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  opensAt: DateTimeSchema,
  closesAt: DateTimeSchema,
  state: WeekStateSchema,
  originalLang: LangSchema,
  writingClosesAtEnd: WritingClosesAtEnd,
  texts: Type.Array(Type.Object({ lang: LangSchema, title: Type.String(), summaryMd: Type.String() })),
  /** Only weeks that have not opened and hold no discussion or assignment may be removed. */
  removable: Type.Boolean(),
});

export const ScheduleSchema = Type.Object({
  slug: Type.String(),
  timeZone: Type.String(),
  languages: Type.Array(LangSchema),
  startsOn: LocalDate,
  endsOn: LocalDate,
  weeksCloseAtEnd: Type.Boolean(),
  /** Once the forum has started its start can no longer move. */
  started: Type.Boolean(),
  weeks: Type.Array(ScheduleWeek),
});
export type Schedule = Static<typeof ScheduleSchema>;
export const ScheduleResponse = Type.Object({ schedule: ScheduleSchema });

export const MoveBody = Type.Object({
  startsOn: LocalDate,
  /** Ask applicants and members to reconfirm once the dates have moved. */
  reconfirm: Type.Optional(Type.Boolean()),
  message: Type.Optional(SafeText({ maxLength: 2000 })),
});
export type Move = Static<typeof MoveBody>;

const Dates = Type.Object({ startsOn: LocalDate, endsOn: LocalDate, opensAt: DateTimeSchema });
export const PreviewSchema = Type.Object({
  days: Type.Integer(),
  timeZone: Type.String(),
  forum: Type.Object({
    from: Type.Object({ startsOn: LocalDate, endsOn: LocalDate }),
    to: Type.Object({ startsOn: LocalDate, endsOn: LocalDate }),
  }),
  weeks: Type.Array(Type.Object({ number: Type.Integer(), from: Dates, to: Dates })),
});
export type Preview = Static<typeof PreviewSchema>;
export const PreviewResponse = Type.Object({ preview: PreviewSchema });
export const MoveResponse = Type.Object({
  schedule: ScheduleSchema,
  reconfirmation: Type.Union([Type.Object({ recipients: Type.Integer() }), Type.Null()]),
});
