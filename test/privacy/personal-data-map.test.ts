// The personal-data map against the database's own catalogue: a table that references a person
// and is neither exported nor given an erasure rule fails here. Then, on a real footprint, the
// export holds every mapped row, and after erasure nothing the map deletes is left.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '../../server/privacy/personal-data-map.ts';
import { countRowsOf } from '../../server/privacy/personal-data.queries.ts';
import { importFixture } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { buildFootprint } from './privacy-fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
}, 180_000);
afterAll(async () => t?.close());

/** Columns that point at a person: a foreign key to users, or a name that says so. */
async function personColumns(): Promise<string[]> {
  const foreignKeys = await sql<{ table_name: string; column_name: string }>`
    SELECT kcu.table_name, kcu.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu
      ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    JOIN information_schema.constraint_column_usage ccu
      ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'users' AND tc.table_schema = current_schema()`.execute(
    t.db,
  );
  const named = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> 'users'
      AND table_name NOT LIKE 'kysely_%'
      AND (column_name ~ '(^|_)(user_id|author_id|editor_id|translator_id|reporter_id|actor_id)$'
           OR column_name ~ '_by$' OR column_name = 'addressed_to'
           OR (column_name ~ '(^|_)email$' AND data_type = 'text'))`.execute(t.db);
  return [...new Set([...foreignKeys.rows, ...named.rows].map((c) => `${c.table_name}.${c.column_name}`))].sort();
}

describe('the personal-data map', () => {
  it('has an export rule and an erasure rule for every column of the database that references a person', async () => {
    const mapped = new Set(PERSONAL_DATA.map((entry) => `${entry.table}.${entry.column}`));
    const columns = await personColumns();
    expect(columns.length).toBeGreaterThan(40);
    const unmapped = columns.filter((column) => !mapped.has(column));
    expect(unmapped, 'columns that reference a person without an export and an erasure rule').toEqual([]);
    for (const entry of PERSONAL_DATA) {
      expect(entry.export, `${entry.table}.${entry.column} export`).toBeDefined();
      expect(entry.erase, `${entry.table}.${entry.column} erasure`).toBeDefined();
    }
  });

  it('names only columns that exist', async () => {
    const all = await sql<{ name: string }>`
      SELECT table_name || '.' || column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema()`.execute(t.db);
    const existing = new Set(all.rows.map((row) => row.name));
    expect(PERSONAL_DATA.map((e) => `${e.table}.${e.column}`).filter((name) => !existing.has(name))).toEqual([]);
  });

  it('exports every row it maps, and the erasure leaves none of the rows it deletes', async () => {
    const { person } = await buildFootprint(t);
    const exported = await t.get('/api/me/export').set('Cookie', person.cookie).expect(200);
    const sections = exported.body.sections as Record<string, Record<string, unknown[]>>;
    const target = { id: person.id, email: person.email };
    let nonEmpty = 0;
    for (const entry of PERSONAL_DATA) {
      const inDatabase = await countRowsOf(t.db, entry, target);
      const key = `${entry.table}.${entry.column}`;
      if ('section' in entry.export) {
        expect(sections[entry.export.section]![key], key).toHaveLength(inDatabase);
        if (inDatabase > 0) nonEmpty += 1;
      }
    }
    // The footprint reaches most kinds of data, so the comparison above says something.
    expect(nonEmpty).toBeGreaterThanOrEqual(15);

    await t
      .delete('/api/me')
      .set('Cookie', person.cookie)
      .send({ password: person.password, posts: 'remove' })
      .expect(200);
    for (const entry of PERSONAL_DATA.filter((e) => e.erase === 'delete')) {
      expect(await countRowsOf(t.db, entry, target), `${entry.table}.${entry.column}`).toBe(0);
    }
    const account = await t.db.selectFrom('users').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(account.email).not.toContain(person.email.split('@')[0]);
    expect(account).toMatchObject({ organisation: '', region: '', country: '', is_admin: false });
    expect(account.erased_at).not.toBeNull();
    const applications = await t.db.selectFrom('applications').selectAll().where('user_id', '=', person.id).execute();
    expect(applications.map((a) => [a.description, a.statement, a.organisation])).toEqual([['', '', '']]);
    expect(
      await t.db
        .selectFrom('outbox')
        .select('id')
        .where(sql`lower(to_email)`, '=', person.email.toLowerCase())
        .execute(),
    ).toEqual([]);
  });
});
