// Response shape of a week's page.
import { Type } from 'typebox';
import { DateTimeSchema, HtmlSchema, LangSchema, TextSchema } from '../http/common.schemas.ts';
import { LocalDate, WeekStateSchema } from '../forums/forums.schemas.ts';
import { WeekCaseStudySchema } from '../case-studies/case-studies.schemas.ts';

const QueueTranslation = Type.Union([
  Type.Object({
    lang: LangSchema,
    html: Type.String(),
    outdated: Type.Boolean(),
    translator: Type.Object({
      displayName: Type.String(),
      role: Type.Union([Type.Literal('organizer'), Type.Literal('translator'), Type.Literal('author')]),
    }),
  }),
  Type.Null(),
]);

export const WeekResponse = Type.Object({
  week: Type.Object({
    number: Type.Integer(),
    title: TextSchema,
    startsOn: LocalDate,
    /** The week's last day in the forum's zone. */
    endsOn: LocalDate,
    opensAt: DateTimeSchema,
    closesAt: DateTimeSchema,
    state: WeekStateSchema,
    summary: HtmlSchema,
    /** From the translation queue, when the content files give no summary in the reader's language. */
    summaryTranslation: QueueTranslation,
    summaryTranslationPending: Type.Boolean(),
    readings: Type.Array(
      Type.Object({
        id: Type.Integer(),
        slug: Type.String(),
        originalLang: LangSchema,
        title: TextSchema,
        /** For the week page's table of contents; the files are listed on the reading's own page. */
        attachmentCount: Type.Integer(),
        body: HtmlSchema,
        /** From the translation queue, when the content files give no text in the reader's language. */
        translation: QueueTranslation,
        translationPending: Type.Boolean(),
      }),
    ),
    caseStudies: Type.Array(WeekCaseStudySchema),
    /** Questions to the week's key respondents, over all its case studies (server/questions). */
    questions: Type.Object({ answered: Type.Integer(), unanswered: Type.Integer() }),
  }),
});
