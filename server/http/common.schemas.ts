// Schemas every domain's routes share: the one error shape and texts that carry their language.
import { Type, type Static } from 'typebox';

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
