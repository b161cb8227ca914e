// Response shape of a week's page.
import { Type } from 'typebox';
import { HtmlSchema, LangSchema, TextSchema } from '../http/common.schemas.ts';
import { weekCalendarProperties } from '../forums/forums.schemas.ts';
import { TranslationSchema } from '../translation-policy/translation-view.schemas.ts';
import { WeekCaseStudySchema } from '../case-studies/case-studies.schemas.ts';

export const WeekResponse = Type.Object({
  week: Type.Object({
    ...weekCalendarProperties,
    summary: HtmlSchema,
    /** From the translation queue, when the content files give no summary in the reader's language. */
    summaryTranslation: TranslationSchema,
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
        translation: TranslationSchema,
        translationPending: Type.Boolean(),
      }),
    ),
    caseStudies: Type.Array(WeekCaseStudySchema),
    /** Questions to the week's key respondents, over all its case studies (server/questions). */
    questions: Type.Object({ answered: Type.Integer(), unanswered: Type.Integer() }),
  }),
});
