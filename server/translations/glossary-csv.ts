// Glossary CSV: a header naming en, es, fr and note (any order; note optional), a term a row.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../errors/domain-error.ts';
import type { GlossaryTerm } from './glossary-match.ts';

export type TermInput = Omit<GlossaryTerm, 'id'>;
const CSV_COLUMNS = ['en', 'es', 'fr', 'note'] as const;
const MAX_TERMS = 2000;

/** Trims a term; refuses one with no text in any language. */
export function cleanTerm(term: TermInput): TermInput {
  const cleaned = { en: term.en.trim(), es: term.es.trim(), fr: term.fr.trim(), note: term.note.trim() };
  if (!cleaned.en && !cleaned.es && !cleaned.fr) throw new DomainError('validation', { field: 'en' });
  return cleaned;
}

/** Every term of a CSV, or an invalid_csv error naming the first bad line. */
export function parseGlossaryCsv(csv: string): TermInput[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true });
  } catch {
    throw new DomainError('invalid_csv', { line: 1 });
  }
  if (records.length > MAX_TERMS) throw new DomainError('invalid_csv', { line: MAX_TERMS + 2 });
  return records.map((record, index) => {
    if (!('en' in record && 'es' in record && 'fr' in record)) throw new DomainError('invalid_csv', { line: 1 });
    try {
      return cleanTerm({ en: record.en ?? '', es: record.es ?? '', fr: record.fr ?? '', note: record.note ?? '' });
    } catch {
      throw new DomainError('invalid_csv', { line: index + 2 });
    }
  });
}

export function glossaryToCsv(terms: readonly GlossaryTerm[]): string {
  return stringify(terms.map((term) => CSV_COLUMNS.map((column) => term[column])), { header: true, columns: [...CSV_COLUMNS] });
}
