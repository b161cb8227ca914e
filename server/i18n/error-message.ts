// The one place an error code becomes a sentence: the HTTP error handler and the live socket
// both call it, so a message never reaches a reader with a placeholder left in it.
import type { Lang } from '../db/schema.ts';
import type { ErrorCode } from '../errors/domain-error.ts';
import { fieldLabel, notificationTypeLabel } from './field-labels.ts';
import { translatorFor } from './i18n.ts';
import { zoneInWords } from '../../web/src/time/zone-names.ts';

function isNames(value: unknown): value is Record<Lang, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    typeof (value as Record<string, unknown>).en === 'string'
  );
}

/**
 * The localized message for an error code; instants in the params are shown in the reader's zone,
 * a name given in each language (a forum's region) in the reader's language, and the field it is
 * about by its label in the reader's language.
 */
export function formatErrorMessage(
  lang: Lang,
  timeZone: string,
  code: ErrorCode,
  given: Record<string, unknown> = {},
): string {
  const params = Object.fromEntries(
    Object.entries(given).map(([key, value]) => [key, isNames(value) ? value[lang] : value]),
  );
  const formatParams = Object.fromEntries(
    Object.entries(params)
      .filter(([, value]) => value instanceof Date)
      .map(([key]) => [key, { dateStyle: 'full', timeStyle: 'short', timeZone }]),
  );
  const labels = {
    ...(typeof params.field === 'string' ? { field: fieldLabel(lang, params.field) } : {}),
    ...(typeof params.notificationType === 'string'
      ? { notificationType: notificationTypeLabel(lang, params.notificationType) }
      : {}),
  };
  return translatorFor(lang)(code, { ...params, ...labels, readerTimeZone: zoneInWords(timeZone, lang), formatParams });
}
