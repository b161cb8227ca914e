// Schemas every domain's routes share: the one error shape, texts that carry their language,
// ids in their columns' range, and the text rules (text-rules.ts) every text field follows.
import { Type, type Static, type TStringOptions } from 'typebox';
import { LINE_TEXT_PATTERN, NAME_PATTERN, SAFE_TEXT_PATTERN, VISIBLE_TEXT_PATTERN } from './text-rules.ts';

export const LangSchema = Type.Union([Type.Literal('en'), Type.Literal('es'), Type.Literal('fr')]);

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
export type ErrorBody = Static<typeof ErrorSchema>;

/** Plain text in a known language. */
export const TextSchema = Type.Object({ lang: LangSchema, value: Type.String() });
/** Sanitized HTML in a known language. */
export const HtmlSchema = Type.Object({ lang: LangSchema, html: Type.String() });

/** Responses every route may give besides its success: validation, auth, rules, limits, faults. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  429: ErrorSchema,
  500: ErrorSchema,
} as const;

export const DateTimeSchema = Type.String({ format: 'date-time' });

/** The largest value of an `integer` column (PostgreSQL int4); a larger one would fail in the database. */
export const INT4_MAX = 2_147_483_647;
/** A row id, in params, query or body: a serial column's range. */
export const IdSchema = Type.Integer({ minimum: 1, maximum: INT4_MAX });
/** A route's `:id` segment. */
export const IdParams = Type.Object({ id: IdSchema });
/** A positive count stored in an integer column (a revision number, a page). */
export const PositiveInt4 = Type.Integer({ minimum: 1, maximum: INT4_MAX });

type TextOptions = Omit<TStringOptions, 'pattern'> & { maxLength: number };
/** Free text (a draft, a note, a preview): no control characters but tab and line breaks. */
export const SafeText = (options: TextOptions) => Type.String({ ...options, pattern: SAFE_TEXT_PATTERN });
/** Free text that must show something (a post, a translation, a reason). */
export const VisibleText = (options: TextOptions) =>
  Type.String({ minLength: 1, ...options, pattern: VISIBLE_TEXT_PATTERN });
/** One line, possibly empty (a profile field, a glossary term). */
export const LineText = (options: TextOptions) => Type.String({ ...options, pattern: LINE_TEXT_PATTERN });
/** A display name or a title: one line with a visible character; services store it through cleanName. */
export const NameText = (options: TextOptions) => Type.String({ minLength: 1, ...options, pattern: NAME_PATTERN });
