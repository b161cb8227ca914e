// The one word counter for application texts, imported by the SPA (live count) and the server
// (the limit it enforces), so both always agree. A regular expression rather than
// Intl.Segmenter, whose rules differ between browsers' and Node's ICU versions.
//
// A word is a run of letters (any script, accents and combining marks included) and digits.
// Joined into one word: parts linked by an apostrophe (' ’ ʼ) — "l'économie", "d'accord",
// "aujourd'hui" — or by a hyphen (- ‐ ‑) — "socio-économique", "co-op", "2009-2010"; and
// digits linked by "." or "," — "1,500", "3.5". Dashes (– —), slashes and other punctuation
// separate words and never count on their own. The same text counts the same in en, es, fr.
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’ʼ\-‐‑]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

