// Search pages stay stable while people keep writing (keyset paging from the instant of the first
// page), the index follows every edit in the transaction that makes it, and bad input gets a
// clear error in the caller's language.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_CANDIDATES } from '../../server/search/search.queries.ts';
import { importFixture, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hits, reader, searchAs } from './helpers.ts';
import type { SearchResponse } from '../../server/search/search.schemas.ts';

let t: TestApp;
let ana: Member;
let ben: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  ana = await reader(t, 'participant', 'es');
  ben = await reader(t, 'participant', 'en');
}, 120_000);
afterAll(async () => t?.close());

const page = async (query: Record<string, string>) =>
  (await searchAs(t, ana, query).expect(200)).body as SearchResponse;

describe('a common word narrowed by week or author', () => {
  it('finds an older week’s match even when more than the ranked candidates of newer ones exist', async () => {
    const old = await startThread(t, ben, 1, {
      title: 'Semillas',
      bodyMd: 'El maíz morado de Cochabamba.',
      lang: 'es',
    });
    const recent = await startThread(t, ana, 2, { title: 'Mercados', bodyMd: 'Precio del maíz.', lang: 'es' });
    // More newer matches than the search ranks unfiltered (SEARCH_CANDIDATES), written straight to the table.
    await sql`INSERT INTO posts (thread_id, parent_id, path, author_id, original_lang, body_md, body_html, word_count, idempotency_key)
      SELECT p.thread_id, p.id, p.path || (100000 + g), p.author_id, p.original_lang, p.body_md, p.body_html, p.word_count, gen_random_uuid()
      FROM posts p, generate_series(1, ${SEARCH_CANDIDATES + 10}) g WHERE p.thread_id = ${recent.threadId}`.execute(
      t.db,
    );
    const unfiltered = await page({ q: 'maíz' });
    expect(unfiltered.results.some((hit) => hit.href.includes(`/threads/${old.threadId}`))).toBe(false);
    const inWeek = await page({ q: 'maíz', week: '1' });
    expect(inWeek.results.some((hit) => hit.href.includes(`/threads/${old.threadId}`))).toBe(true);
    const byBen = await page({ q: 'maíz', author: String(ben.id) });
    expect(byBen.results.some((hit) => hit.href.includes(`/threads/${old.threadId}`))).toBe(true);
  });
});

describe('paging', () => {
  it('pages by relevance then recency, neither repeating nor gaining hits while new posts arrive', async () => {
    const { threadId } = await startThread(t, ana, 2, { title: 'Flores', bodyMd: 'Hablemos de flores.', lang: 'es' });
    // Two mentions outrank one: the strongest comes first even though it is the oldest.
    const strong = await reply(t, ana, threadId, { bodyMd: 'Girasol y más girasol: el girasol de Salta.' });
    const written: number[] = [];
    for (let i = 0; i < 24; i += 1)
      written.push((await reply(t, ben, threadId, { bodyMd: `Un girasol número ${i}.`, lang: 'es' })).id);

    const first = await page({ q: 'girasol' });
    expect(first.results).toHaveLength(20);
    expect(first.results[0]!.id).toBe(strong.id);
    // Equal relevance: the newest first.
    expect(first.results[1]!.id).toBe(written.at(-1));
    expect(first.next).toEqual(expect.any(String));

    const late = [];
    for (let i = 0; i < 3; i += 1)
      late.push((await reply(t, ben, threadId, { bodyMd: 'Girasol girasol girasol, tarde.', lang: 'es' })).id);

    const second = await page({ q: 'girasol', after: first.next! });
    expect(second.next).toBeNull();
    const seen = [...first.results, ...second.results].map((hit) => hit.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([strong.id, ...written].sort());
    // A new search sees the new posts, the strongest first.
    const fresh = await page({ q: 'girasol' });
    expect(late).toContain(fresh.results[0]!.id);
    // Twenty-eight posts through the API: slower than the default on a busy machine.
  }, 90_000);

  it('filters by author and kind', async () => {
    const { threadId, firstPostId } = await startThread(t, ana, 2, {
      title: 'Nopal',
      bodyMd: 'El nopal de Oaxaca.',
      lang: 'es',
    });
    const bens = await reply(t, ben, threadId, { bodyMd: 'Nopal salad.', lang: 'en' });
    expect((await hits(t, ana, { q: 'nopal', author: ben.id })).map((hit) => hit.id)).toEqual([bens.id]);
    expect((await hits(t, ana, { q: 'nopal', author: ana.id, kind: 'post' })).map((hit) => hit.id)).toEqual([
      firstPostId,
    ]);
    expect((await hits(t, ana, { q: 'nopal', kind: 'thread' })).map((hit) => hit.id)).toEqual([threadId]);
    expect(await hits(t, ana, { q: 'nopal', kind: 'question' })).toEqual([]);
  });
});

describe('the index follows writes', () => {
  it('finds an edited post by its new words at once, and no longer by its old ones', async () => {
    const { threadId } = await startThread(t, ana, 2, { title: 'Frutas', bodyMd: 'Frutas del valle.', lang: 'es' });
    const post = await reply(t, ana, threadId, { bodyMd: 'Hablemos del membrillo.', lang: 'es' });
    expect((await hits(t, ben, { q: 'membrillo' })).map((hit) => hit.id)).toEqual([post.id]);
    await t
      .patch(`/api/posts/${post.id}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: 'Hablemos de la guayaba.', lang: 'es', baseRevision: 1 })
      .expect(200);
    expect(await hits(t, ben, { q: 'membrillo' })).toEqual([]);
    expect((await hits(t, ben, { q: 'guayaba' })).map((hit) => hit.id)).toEqual([post.id]);
  });
});

describe('bad input', () => {
  it('refuses an empty query, a long one and a forged page in the caller’s language', async () => {
    const empty = await searchAs(t, null, { q: '   ' }).set('Accept-Language', 'es').expect(400);
    expect(empty.body.error).toEqual({ code: 'search_query_empty', message: 'Escriba las palabras que busca.' });
    const long = await searchAs(t, ben, { q: 'palabra '.repeat(30) })
      .set('Accept-Language', 'fr')
      .expect(400);
    expect(long.body.error).toEqual({
      code: 'search_query_too_long',
      message: 'Cette recherche est trop longue\u00a0: 200 caractères au plus. Essayez avec moins de mots.',
    });
    const forged = await searchAs(t, ben, { q: 'x', after: 'bm90LWEtY3Vyc29y' }).expect(400);
    expect(forged.body.error.code).toBe('search_cursor_invalid');
    const kind = await searchAs(t, ben, { q: 'x', kind: 'users' }).set('Accept-Language', 'es').expect(400);
    expect(kind.body.error.code).toBe('validation');
    expect(kind.body.error.message).toContain('Tipo');
    // Punctuation alone matches nothing rather than failing.
    expect((await searchAs(t, ben, { q: '!!! "' }).expect(200)).body).toEqual({ results: [], next: null });
  });
});
