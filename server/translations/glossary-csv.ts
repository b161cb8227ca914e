// Glossary CSV: a header naming en, es, fr and note (any order; note optional), a term a row.
// Cells follow the API's rules (length, no control characters); exported cells that a
// spreadsheet would run as a formula are neutralized, and read back unchanged on import.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../errors/domain-error.ts';
import { isSafeText, LINE_TEXT_PATTERN } from '../http/text-rules.ts';
import type { GlossaryTerm } from './glossary-match.ts';

export type TermInput = Omit<GlossaryTerm, 'id'>;
export const TERM_MAX_LENGTH = 200;
export const NOTE_MAX_LENGTH = 1000;
const LANG_COLUMNS = ['en', 'es', 'fr'] as const;
const CSV_COLUMNS = [...LANG_COLUMNS, 'note'] as const;
const MAX_TERMS = 2000;
const oneLine = new RegExp(LINE_TEXT_PATTERN, 'u');

/**
 * A cell a spreadsheet would read as a formula (OWASP "CSV injection"): it starts with = + - @,
 * a tab or a carriage return — or with quotes before one, so that the quote added on export
 * is told apart from one the term itself begins with.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Trims a term and puts it in NFC; refuses one with no text in any language. */
export function cleanTerm(term: TermInput): TermInput {
  const clean = (text: string) => text.normalize('NFC').trim();
  const cleaned = { en: clean(term.en), es: clean(term.es), fr: clean(term.fr), note: clean(term.note) };
  if (!cleaned.en && !cleaned.es && !cleaned.fr) throw new DomainError('validation', { field: 'en' });
  return cleaned;
}

/** A term's identity when a file is merged in: its text in the first language it has, ignoring case. */
export function termKey(term: TermInput): string {
  const lang = LANG_COLUMNS.find((column) => term[column]) ?? 'en';
  return `${lang}:${term[lang].normalize('NFC').toLowerCase()}`;
}

function checkCell(value: string, column: (typeof CSV_COLUMNS)[number], line: number): void {
  const max = column === 'note' ? NOTE_MAX_LENGTH : TERM_MAX_LENGTH;
  if (value.length > max) throw new DomainError('csv_cell_too_long', { line, column, max });
  if (!(column === 'note' ? isSafeText(value) : oneLine.test(value)))
    throw new DomainError('csv_cell_invalid', { line, column });
}

/**
 * Every term of a CSV, or an error naming the first bad line: unreadable, a row without a
 * term, a cell too long or holding control characters, a term repeated. An empty file or a
 * header alone gives no terms; the caller decides what that means.
 */
export function parseGlossaryCsv(csv: string): TermInput[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch {
    throw new DomainError('invalid_csv', { line: 1 });
  }
  if (records.length > MAX_TERMS) throw new DomainError('invalid_csv', { line: records[MAX_TERMS]!.info.lines });
  const seen = new Set<string>();
  return records.map(({ record, info }) => {
    const line = info.lines;
    if (!('en' in record && 'es' in record && 'fr' in record)) throw new DomainError('invalid_csv', { line: 1 });
    const cells = Object.fromEntries(
      CSV_COLUMNS.map((column) => [column, unneutralize(record[column] ?? '')]),
    ) as TermInput;
    for (const column of CSV_COLUMNS) checkCell(cells[column], column, line);
    let term: TermInput;
    try {
      term = cleanTerm(cells);
    } catch {
      throw new DomainError('invalid_csv', { line });
    }
    const key = termKey(term);
    if (seen.has(key)) throw new DomainError('csv_duplicate_term', { line, term: term.en || term.es || term.fr });
    seen.add(key);
    return term;
  });
}

function neutralize(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function unneutralize(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

export function glossaryToCsv(terms: readonly GlossaryTerm[]): string {
  return stringify(
    terms.map((term) => CSV_COLUMNS.map((column) => neutralize(term[column]))),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

export interface ImportPlan {
  add: TermInput[];
  change: { id: number; term: TermInput }[];
  remove: number[];
  unchanged: number;
}

/**
 * What importing `incoming` would do to `existing`. A row matches the term with the same key
 * (termKey; the oldest where several share it) and replaces its texts. Merging keeps the
 * terms the file does not name; replacing removes them.
 */
export function planImport(
  existing: readonly GlossaryTerm[],
  incoming: readonly TermInput[],
  mode: 'merge' | 'replace',
): ImportPlan {
  const byKey = new Map<string, GlossaryTerm>();
  for (const term of [...existing].sort((a, b) => a.id - b.id))
    if (!byKey.has(termKey(term))) byKey.set(termKey(term), term);
  const matched = new Set<number>();
  const plan: ImportPlan = { add: [], change: [], remove: [], unchanged: 0 };
  for (const term of incoming) {
    const current = byKey.get(termKey(term));
    if (!current) {
      plan.add.push(term);
      continue;
    }
    matched.add(current.id);
    if (CSV_COLUMNS.every((column) => current[column] === term[column])) plan.unchanged += 1;
    else plan.change.push({ id: current.id, term });
  }
  if (mode === 'replace') plan.remove = existing.filter((term) => !matched.has(term.id)).map((term) => term.id);
  return plan;
}
