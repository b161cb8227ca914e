// The demo programme shipped in content/ imports cleanly and idempotently, with its glossary.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const contentDir = path.resolve(import.meta.dirname, '../../content');
let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('the demo programme', () => {
  it('imports both editions with six weeks, readings in three languages and a glossary, then changes nothing', async () => {
    const first = await importContent(t.db, contentDir);
    expect(first.forums).toEqual(['sse-policy-2009', 'sse-policy-live']);
    const weeks = await t.db.selectFrom('weeks').select('id').execute();
    expect(weeks).toHaveLength(12);
    const glossary = await t.db.selectFrom('glossary_terms').innerJoin('forums', 'forums.id', 'glossary_terms.forum_id')
      .select(['forums.slug', 'glossary_terms.es']).where('glossary_terms.en', '=', 'social economy').orderBy('forums.slug').execute();
    expect(glossary).toEqual([{ slug: 'sse-policy-2009', es: 'economía social' }, { slug: 'sse-policy-live', es: 'economía social' }]);
    // Every reading ships in all three languages, so policy queues no task for them.
    expect(await t.db.selectFrom('translation_tasks').select('id').execute()).toEqual([]);
    expect((await importContent(t.db, contentDir)).changedRows).toBe(0);
  });

  it('keeps organizers’ glossary edits on a later import', async () => {
    await t.db.deleteFrom('glossary_terms').where('en', '=', 'co-operative').execute();
    await importContent(t.db, contentDir);
    expect(await t.db.selectFrom('glossary_terms').select('id').where('en', '=', 'co-operative').execute()).toEqual([]);
  });
});
