// What the reading rule adds to an item in a response: the translation chosen for the reader
// (a post's text, a thread's title), with who made it.
import { Type } from 'typebox';
import { LangSchema } from '../http/common.schemas.ts';

const TranslatorSchema = Type.Object({
  /** 0, and no name, when the public archive may not name them (server/consent/archive-authors.ts). */
  id: Type.Integer({ minimum: 0 }),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('organizer'), Type.Literal('translator'), Type.Literal('author')]),
});

export const TranslationSchema = Type.Union([
  Type.Object({
    lang: LangSchema,
    html: Type.String(),
    translator: TranslatorSchema,
    outdated: Type.Boolean(),
  }),
  Type.Null(),
]);

/** The title in the reader's language when they do not read the original's. */
export const TitleTranslationSchema = Type.Union([
  Type.Object({
    lang: LangSchema,
    value: Type.String(),
    translator: TranslatorSchema,
  }),
  Type.Null(),
]);
