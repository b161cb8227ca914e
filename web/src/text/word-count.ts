// The one word counter, imported by the SPA (live counts in the composer, the application form
// and the case-study editor) and by the server (the limits it enforces and the counts it stores),
// so both always agree and the same text counts the same in en, es and fr.
//
// Words are Unicode word segments (Intl.Segmenter, which splits Chinese and Japanese into words
// by dictionary), with three corrections so that no spelling hides words from a limit:
// - Segments joined by a hyphen (- ‐ ‑) form one token, and a token counts as one word per two
//   of its parts (split at hyphens, apostrophes and digit separators): "socio-économique",
//   "aujourd'hui", "2009-2010" and "3.5" are one word, "a-a-a-a" two. One elided letter does not
//   count as a part ("l'économie", "d'accord", "co-operative's"), and a number written with
//   thousands separators ("1,500", "1.200.000") is one part.
// - A token counts as at least one word per MAX_WORD_LENGTH characters, so no run of letters
//   or digits, in any script, passes as one word.
// - An emoji or a flag counts as a word (segmenters call it no word at all).
// Dashes (– —), slashes and other punctuation separate words and never count on their own.
// @see https://unicode.org/reports/tr29/#Word_Boundaries

/** The longest token that still counts as one word ("anticonstitutionnellement" is 25). */
export const MAX_WORD_LENGTH = 25;

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const HYPHEN = /^[-‐‑]$/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
/** A number with thousands separators, as written in en, es and fr: one part however it is grouped. */
const GROUPED_NUMBER = /^\d{1,3}(?:([.,\u00a0\u202f])\d{3})(?:\1\d{3}){0,4}(?:[.,]\d+)?$/u;
const PART_SEPARATOR = /['’ʼ\-‐‑.,:]/u;
const ELIDED = /^\p{L}$/u;

function wordsInToken(token: string): number {
  const parts = GROUPED_NUMBER.test(token) ? [token] : token.split(PART_SEPARATOR).filter((part) => part !== '');
  // One elided letter ("l'", "d'", "'s", "n't") belongs to its word.
  const counted = parts.length > 1 && parts.some((part) => ELIDED.test(part)) ? parts.length - 1 : parts.length;
  const length = [...token].length;
  return Math.max(1, Math.ceil(counted / 2), Math.ceil(length / MAX_WORD_LENGTH));
}

export function countWords(text: string): number {
  let words = 0;
  let token = '';
  /** A hyphen just seen after a token, which may join it to the next word-like segment. */
  let pendingHyphen = false;
  const flush = () => {
    if (token !== '') words += wordsInToken(token);
    token = '';
    pendingHyphen = false;
  };
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) {
      if (token !== '' && !pendingHyphen) flush();
      token += pendingHyphen ? `-${segment}` : segment;
      pendingHyphen = false;
    } else if (token !== '' && !pendingHyphen && HYPHEN.test(segment)) {
      pendingHyphen = true;
    } else {
      flush();
      if (PICTOGRAPH.test(segment)) words += 1;
    }
  }
  flush();
  return words;
}
