// The keyset of a results page: where the last hit stood (rank, recency, kind, id) and the instant
// the first page was asked, so later pages neither repeat nor gain what was written meanwhile.
import { DomainError } from '../errors/domain-error.ts';
import type { SearchCursor } from './search.queries.ts';

export function encodeCursor(cursor: SearchCursor): string {
  const value = [cursor.rank, cursor.sortUs, cursor.kind, cursor.id, cursor.asOf.getTime()];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(text: string): SearchCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new DomainError('search_cursor_invalid');
  }
  if (!Array.isArray(value) || value.length !== 5) throw new DomainError('search_cursor_invalid');
  const [rank, sortUs, kind, id, asOf] = value as unknown[];
  if (
    typeof rank !== 'string' ||
    !/^\d{1,6}(\.\d{1,6})?$/.test(rank) ||
    !Number.isSafeInteger(sortUs) ||
    typeof kind !== 'string' ||
    !/^[a-z_]{1,20}$/.test(kind) ||
    !Number.isInteger(id) ||
    (id as number) < 0 ||
    (id as number) > 2_147_483_647 ||
    !Number.isSafeInteger(asOf)
  )
    throw new DomainError('search_cursor_invalid');
  return { rank, sortUs: sortUs as number, kind, id: id as number, asOf: new Date(asOf as number) };
}
