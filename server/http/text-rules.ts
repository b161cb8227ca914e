// What stored text may hold, defined once. Request schemas use the patterns (common.schemas.ts);
// text that arrives another way (CSV cells, files) is checked with isSafeText, and every name
// or title is stored through cleanName.
import { DomainError } from '../errors/domain-error.ts';

/**
 * C0 controls but tab, line feed and carriage return, DEL and the C1 controls (NEL among them):
 * PostgreSQL refuses NUL, and none belongs in text. Also a lone UTF-16 surrogate, which JSON can
 * escape but no UTF-8 text can hold (patterns run in Unicode mode, where a valid pair is one
 * code point outside this range).
 */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF';
/** A name, a title, a term is one line: no control character at all (C0, DEL, C1 with NEL), nor a line or paragraph separator. */
const LINE_CONTROL = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\uD800-\\uDFFF';
/** A character a reader sees: a letter, digit, punctuation mark or symbol that is not a blank filler (U+3164, U+2800). */
const VISIBLE = '(?![\\p{Default_Ignorable_Code_Point}\\u2800])[\\p{L}\\p{N}\\p{P}\\p{S}]';

/** Free text: posts, notes, drafts. */
export const SAFE_TEXT_PATTERN = `^[^${CONTROL}]*$`;
/** Free text that shows something: a post, a translation, a reason. */
export const VISIBLE_TEXT_PATTERN = `^(?=[\\s\\S]*?${VISIBLE})[^${CONTROL}]*$`;
/** One line, possibly empty: a profile field, a glossary term. */
export const LINE_TEXT_PATTERN = `^[^${LINE_CONTROL}]*$`;
/** One line that shows something: a display name, a title. */
export const NAME_PATTERN = `^(?=[\\s\\S]*?${VISIBLE})[^${LINE_CONTROL}]*$`;

const unsafe = new RegExp(`[${CONTROL}]`, 'u');
const visibleName = new RegExp(NAME_PATTERN, 'u');
/**
 * Formatting characters that only hide or reorder what a name shows: zero-width space, word
 * joiner, byte-order mark, Mongolian vowel separator, and the bidirectional embeddings,
 * overrides and isolates (an override can make "Ana" read as someone else's name). The
 * zero-width joiners stay: emoji sequences and several scripts need them.
 */
const HIDING_FORMAT = /[\u180E\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/gu;

/** Whether text holds no control character but tab and line breaks. */
export function isSafeText(text: string): boolean {
  return !unsafe.test(text);
}

/** A name or title as stored: NFC, without hiding formatting characters, trimmed; refused unless one line that shows something. */
export function cleanName(text: string, field: string): string {
  const cleaned = text.normalize('NFC').replace(HIDING_FORMAT, '').trim();
  if (!visibleName.test(cleaned)) throw new DomainError('validation', { field });
  return cleaned;
}
