// Glossary matching: case- and accent-insensitive, whole words, longest term wins.
import { describe, expect, it } from 'vitest';
import { findGlossaryTerms } from '../../server/translations/glossary-match.ts';

const terms = [
  { id: 1, en: 'social economy', es: 'economía social', fr: 'économie sociale', note: '' },
  {
    id: 2,
    en: 'social and solidarity economy',
    es: 'economía social y solidaria',
    fr: 'économie sociale et solidaire',
    note: '',
  },
  { id: 3, en: 'procurement', es: 'compras públicas', fr: 'marchés publics', note: '' },
];

describe('findGlossaryTerms', () => {
  it('matches "Economia Social" without accent or case, and returns the source’s own spelling', () => {
    expect(findGlossaryTerms('La Economia Social crece.', 'es', terms)).toEqual([
      { termId: 1, start: 3, end: 18, text: 'Economia Social' },
    ]);
  });

  it('prefers the longer term where two overlap', () => {
    const matches = findGlossaryTerms('Apoyamos la economía social y solidaria y las compras públicas.', 'es', terms);
    expect(matches.map((m) => [m.termId, m.text])).toEqual([
      [2, 'economía social y solidaria'],
      [3, 'compras públicas'],
    ]);
  });

  it('matches whole words only', () => {
    expect(findGlossaryTerms('Socialism is not the social economyst', 'en', terms)).toEqual([]);
    expect(findGlossaryTerms("L'ÉCONOMIE SOCIALE, c'est…", 'fr', terms)).toEqual([
      { termId: 1, start: 2, end: 18, text: 'ÉCONOMIE SOCIALE' },
    ]);
  });
});
