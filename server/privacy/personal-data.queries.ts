// The SQL the personal-data map drives: the rows of one person in each mapped column, for the
// export, and their deletion, for the erasure. Table and column names come only from the map.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { PersonalDataEntry } from './personal-data-map.ts';

type Handle = Kysely<DB> | Transaction<DB>;

export interface Person {
  id: number;
  email: string;
}

function matches(entry: PersonalDataEntry, person: Person) {
  return entry.by === 'email'
    ? sql`lower(${sql.ref(entry.column)}) = lower(${person.email})`
    : sql`${sql.ref(entry.column)} = ${person.id}`;
}

export async function rowsOf(db: Handle, entry: PersonalDataEntry, person: Person): Promise<Record<string, unknown>[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(entry.table)} WHERE ${matches(entry, person)}`.execute(db);
  const omit = 'omit' in entry.export ? (entry.export.omit ?? []) : [];
  return result.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !omit.includes(key))));
}

export async function countRowsOf(db: Handle, entry: PersonalDataEntry, person: Person): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(entry.table)} WHERE ${matches(entry, person)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

export async function deleteRowsOf(trx: Transaction<DB>, entry: PersonalDataEntry, person: Person): Promise<void> {
  await sql`DELETE FROM ${sql.table(entry.table)} WHERE ${matches(entry, person)}`.execute(trx);
}
