// Texts whose word counts the SPA's unit test and the server's API test both check, so the
// live counter and the limit the server enforces cannot drift apart.
import type { Lang } from '../i18n/languages.ts';

/** Small texts and the count each must give, in every interface language. */
export const wordCountCases: ReadonlyArray<readonly [string, number]> = [
  ["l'économie sociale", 2],
  ['l’État et d’accord', 3],
  ["d'accord, aujourd'hui", 2],
  ['socio-économique', 1],
  ['co-operative’s well-being', 2],
  ['economía social y solidaria', 4],
  ['¿Qué opina usted?', 3],
  ['1,500 members in 2009', 4],
  ['3.5 % de crecimiento', 3],
  ['25 %', 1],
  ['26–30 octobre', 3],
  ['— , ; : « » ¿ ? ¡ !', 0],
  ['e\u0301te\u0301 (accents combinés)', 3],
  ['  espacios   y\nlíneas\t ', 3],
  ['2009-2010 et 1.200.000 personnes', 4],
  ['anticonstitutionnellement', 1],
  ['😀 merci 🇨🇦', 3],
];

const joined = (separator: string) => Array.from({ length: 200 }, () => 'a').join(separator);

/**
 * Spellings that once hid words from a limit, and the least each must count: 200 "a"s joined by
 * hyphens or apostrophes, 200 numbers joined by commas, 5,000 Chinese or Japanese characters,
 * a run of letters without spaces, emoji.
 */
export const hostileWordCases: ReadonlyArray<{ name: string; text: string; atLeast: number }> = [
  { name: 'hyphen-joined', text: joined('-'), atLeast: 100 },
  { name: 'apostrophe-joined', text: joined("'"), atLeast: 100 },
  { name: 'typographic-apostrophe-joined', text: joined('’'), atLeast: 100 },
  { name: 'comma-joined numbers', text: Array.from({ length: 200 }, (_, i) => String(i)).join(','), atLeast: 100 },
  { name: 'comma-joined thousands', text: Array.from({ length: 200 }, () => '123').join(','), atLeast: 100 },
  { name: 'Chinese', text: '我们讨论社会经济的政策'.repeat(460).slice(0, 5000), atLeast: 1000 },
  { name: 'Japanese kana', text: 'あ'.repeat(5000), atLeast: 200 },
  { name: 'letters without spaces', text: 'x'.repeat(5000), atLeast: 200 },
  { name: 'emoji', text: '😀'.repeat(300), atLeast: 300 },
];

/** A sentence per language with hyphens, apostrophes, accents and numbers, and its count. */
const sentences: Record<Lang, { text: string; words: number; filler: string }> = {
  en: {
    text: "The co-operative's 2009 report, with 1,500 members and 3.5% growth, said well-being matters.",
    words: 13,
    filler: 'word',
  },
  es: {
    text: 'La economía social y solidaria, con más de 1.200 cooperativas auto-gestionadas, ¿crece?',
    words: 12,
    filler: 'palabra',
  },
  fr: {
    text: "L'économie sociale, d'accord : c'est aujourd'hui 25 % du PIB socio-économique de l’État.",
    words: 11,
    filler: 'mot',
  },
};

function textOf(words: number, lang: Lang): string {
  const { text, words: per, filler } = sentences[lang];
  const repeats = Math.floor(words / per);
  return [
    ...Array.from({ length: repeats }, () => text),
    ...Array.from({ length: words - repeats * per }, () => filler),
  ].join(' ');
}

/** A key-respondent statement of exactly 300 words in each language: the limit itself. */
export const wordLimitCases = (['en', 'es', 'fr'] as const).map((lang) => ({
  lang,
  text: textOf(300, lang),
  words: 300,
}));
