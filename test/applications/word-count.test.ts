// The SPA's live counter, run on the very module the server imports: the same texts give the
// same counts in en, es and fr, the 300-word statements are exactly at the limit, and no
// spelling (joined words, joined numbers, CJK, emoji) passes many words as one.
import { describe, expect, it } from 'vitest';
import { countWords } from '../../web/src/text/word-count.ts';
import { hostileWordCases, wordCountCases, wordLimitCases } from '../../web/src/text/word-count.cases.ts';

describe('countWords (SPA and server)', () => {
  for (const [text, expected] of wordCountCases) {
    it(`counts ${JSON.stringify(text)} as ${expected}`, () => {
      expect(countWords(text)).toBe(expected);
    });
  }

  for (const { name, text, atLeast } of hostileWordCases) {
    it(`counts ${name} text as at least ${atLeast} words`, () => {
      expect(countWords(text)).toBeGreaterThanOrEqual(atLeast);
    });
  }

  for (const { lang, text, words } of wordLimitCases) {
    it(`counts the ${lang} limit text as ${words}, and one more word as ${words + 1}`, () => {
      expect(countWords(text)).toBe(words);
      expect(countWords(`${text} más`)).toBe(words + 1);
    });
  }
});
