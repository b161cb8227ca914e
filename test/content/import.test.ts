// The content import: idempotent, updates what a file changed, and never lets unsafe HTML through.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let contentDir: string;
const now = new Date('2026-11-23T15:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  contentDir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-content-'));
  await cp(path.resolve(import.meta.dirname, '../fixtures/content'), contentDir, { recursive: true });
});
afterAll(async () => {
  await t?.close();
  await rm(contentDir, { recursive: true, force: true });
});

async function snapshot() {
  const tables = ['forums', 'forum_texts', 'translation_rules', 'weeks', 'week_texts', 'readings', 'reading_texts'] as const;
  const result: Record<string, unknown[]> = {};
  for (const table of tables) result[table] = await t.db.selectFrom(table).selectAll().execute();
  return result;
}

describe('content import', () => {
  it('loads both editions, then changes nothing when run again', async () => {
    const first = await importContent(t.db, contentDir, { now });
    expect(first.forums).toEqual(['fixture-2009', 'fixture-live']);
    expect(first.changedRows).toBeGreaterThan(0);
    const before = await snapshot();
    expect(before.forums).toHaveLength(2);
    expect(before.weeks).toHaveLength(4);
    expect(before.reading_texts).toHaveLength(6);

    const second = await importContent(t.db, contentDir, { now: new Date('2026-11-25T12:00:00Z') });
    expect(second.changedRows).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('opens week 2 of the live edition on the day of import, in the forum’s zone', async () => {
    const live = await t.db.selectFrom('forums').selectAll().where('slug', '=', 'fixture-live').executeTakeFirstOrThrow();
    expect(live.starts_on).toBe('2026-11-16');
    expect(live.ends_on).toBe('2026-11-27');
    const week2 = await t.db.selectFrom('weeks').selectAll().where('forum_id', '=', live.id).where('number', '=', 2).executeTakeFirstOrThrow();
    expect(week2.opens_at.toISOString()).toBe('2026-11-23T05:00:00.000Z');
  });

  it('updates exactly what an edited file changed', async () => {
    const file = path.join(contentDir, 'forums/fixture/weeks/02/week.fr.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Week 2 fr', 'Semaine 2 : l’économie sociale'));
    const result = await importContent(t.db, contentDir, { now });
    // One week text in each of the two editions.
    expect(result.changedRows).toBe(2);
    const titles = await t.db.selectFrom('week_texts').innerJoin('weeks', 'weeks.id', 'week_texts.week_id')
      .select('title').where('weeks.number', '=', 2).where('lang', '=', 'fr').execute();
    expect(titles).toEqual([{ title: 'Semaine 2 : l’économie sociale' }, { title: 'Semaine 2 : l’économie sociale' }]);
  });

  it('rejects a programme with a broken file and changes nothing', async () => {
    const before = await snapshot();
    const file = path.join(contentDir, 'forums/fixture/weeks/01/readings/1-solidarity.en.md');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('---\ntitle', '---\noriginal: true\ntitle'));
    await expect(importContent(t.db, contentDir, { now })).rejects.toThrow(/exactly one language file must say "original: true"/);
    await writeFile(file, good);
    expect(await snapshot()).toEqual(before);
  });
});

describe('markdown sanitization on import', () => {
  it('drops <script>, event attributes and javascript: links from what readers get', async () => {
    const cookie = await signIn(t, await createUser(t.db, { roles: [{ forumSlug: 'fixture-2009', role: 'participant' }] }));
    const { week } = (await t.get('/api/forums/fixture-2009/weeks/1').set('Cookie', cookie).expect(200)).body;
    const html: string = week.readings[0].body.html;
    expect(html).toContain('<p>Reading body in en.</p>');
    expect(html).not.toMatch(/<script|alert\(1\)<\/script|javascript:/i);
    expect(html).toContain('<a>click</a>');
  });
});
