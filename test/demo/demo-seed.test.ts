// The demo seed gives a fresh site a living forum once, and leaves it alone afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDiscussions } from '../../server/demo/demo-discussions.ts';
import { createTestApp, signIn, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE } from '../helpers/forum-fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
});
afterAll(async () => {
  await t?.close();
});

describe('demo discussions', () => {
  it('creates participants who write in three languages in weeks 1 and 2, and can sign in', async () => {
    const credentials = await seedDemoDiscussions(t.db, LIVE);
    expect(credentials.map((c) => c.email)).toEqual([
      'lucia@demo.tertulia.test',
      'marc@demo.tertulia.test',
      'sarah@demo.tertulia.test',
      'joao@demo.tertulia.test',
    ]);
    const langs = await t.db.selectFrom('posts').select('original_lang').distinct().orderBy('original_lang').execute();
    expect(langs.map((row) => row.original_lang)).toEqual(['en', 'es', 'fr']);
    const cookie = await signIn(t, credentials[0]!);
    const week1 = (await t.get(`/api/forums/${LIVE}/weeks/1/threads`).set('Cookie', cookie).expect(200)).body;
    expect(week1.threads).toHaveLength(2);
    const week2 = (await t.get(`/api/forums/${LIVE}/weeks/2/threads`).set('Cookie', cookie).expect(200)).body;
    expect(week2.threads[0].title).toEqual({ lang: 'es', value: 'Compras públicas: ¿qué funcionó en Canadá?' });
  });

  it('does nothing the second time', async () => {
    const before = await t.db.selectFrom('posts').select('id').execute();
    expect(await seedDemoDiscussions(t.db, LIVE)).toEqual([]);
    expect(await t.db.selectFrom('posts').select('id').execute()).toHaveLength(before.length);
  });
});
