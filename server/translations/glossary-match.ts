// Finds a forum's glossary terms in a source text. Matching ignores case and accents —
// "Economia Social" finds "economía social" — because participants writing fast on a phone
// often drop accents, and a translator needs the agreed rendering all the same. Terms match
// whole words only, so "social" does not light up inside "socialism".
export interface GlossaryTerm {
  id: number;
  en: string;
  es: string;
  fr: string;
  note: string;
}

export interface GlossaryMatch {
  termId: number;
  start: number;
  end: number;
  text: string;
}

/** Folds case and accents, remembering for each folded character where it came from. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const piece = text[i]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const char of piece) {
      folded += char;
      origin.push(i);
    }
  }
  return { folded, origin };
}

const WORD = /[\p{L}\p{N}]/u;

export function findGlossaryTerms(
  text: string,
  lang: 'en' | 'es' | 'fr',
  terms: readonly GlossaryTerm[],
): GlossaryMatch[] {
  const { folded, origin } = fold(text);
  const matches: GlossaryMatch[] = [];
  for (const term of terms) {
    const needle = fold(term[lang].trim()).folded;
    if (!needle) continue;
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if ((at > 0 && WORD.test(folded[at - 1]!)) || (end < folded.length && WORD.test(folded[end]!))) continue;
      const start = origin[at]!;
      const stop = origin[end - 1]! + 1;
      matches.push({ termId: term.id, start, end: stop, text: text.slice(start, stop) });
    }
  }
  // Longer terms first where they overlap shorter ones ("economía social y solidaria" over "economía social").
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  return matches.filter(
    (match, index) => !matches.slice(0, index).some((m) => m.start <= match.start && m.end >= match.end),
  );
}
