// Search across languages: an English query finds a Spanish original through its English
// translation, shown to each reader by the reading rule; each language stems its own words, and
// accents fold, so a reader finds `economía` typing `economia`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, LIVE, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { hits, marked, publishTranslation, reader } from './helpers.ts';

let t: TestApp;
let lucia: Member;
let sarah: Member;
let marie: Member;
let translator: Member;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  lucia = await reader(t, 'participant', 'es');
  sarah = await reader(t, 'participant', 'en');
  marie = await reader(t, 'participant', 'fr');
  translator = await reader(t, 'translator', 'en', ['en', 'es']);
}, 120_000);
afterAll(async () => t?.close());

describe('search through translations', () => {
  it('finds a Spanish post by its English translation, in English for Sarah and in Spanish for Lucía', async () => {
    const { threadId } = await startThread(t, sarah, 2, { title: 'Buying locally', bodyMd: 'How do your cities buy?' });
    const post = await reply(t, lucia, threadId, {
      bodyMd: 'Las **compras públicas** de Oruro reservan una parte a las empresas sociales.',
      lang: 'es',
    });
    // Before the translation, an English query finds nothing of it.
    expect((await hits(t, sarah, { q: 'public procurement' })).map((hit) => hit.id)).not.toContain(post.id);
    await publishTranslation(
      t,
      translator,
      'post',
      post.id,
      'The **public procurement** of Oruro reserves a share for social enterprises.',
    );

    const english = (await hits(t, sarah, { q: 'public procurement' })).filter((hit) => hit.id === post.id);
    expect(english).toHaveLength(1);
    expect(english[0]).toMatchObject({
      kind: 'post',
      translated: true,
      excerpt: { lang: 'en' },
      title: { lang: 'en', value: 'Buying locally' },
      matchedIn: { lang: 'en', name: 'English' },
      forum: { slug: LIVE },
      weekNumber: 2,
      href: `/forums/${LIVE}/threads/${threadId}#post-${post.id}`,
    });
    expect(marked(english[0]!)).toEqual(['public', 'procurement']);
    expect(english[0]!.excerpt.parts.map((part) => part.text).join('')).toBe(
      'The public procurement of Oruro reserves a share for social enterprises.',
    );

    const spanish = (await hits(t, lucia, { q: 'public procurement' })).filter((hit) => hit.id === post.id);
    expect(spanish).toHaveLength(1);
    expect(spanish[0]).toMatchObject({
      translated: false,
      excerpt: { lang: 'es' },
      matchedIn: { lang: 'en', name: 'inglés' },
    });
    expect(spanish[0]!.excerpt.parts.map((part) => part.text).join('')).toContain('Las compras públicas de Oruro');

    // Matched in both languages at once, it is still one hit.
    const both = await hits(t, sarah, { q: 'Oruro' });
    expect(both.filter((hit) => hit.id === post.id && hit.kind === 'post')).toHaveLength(1);
    // The language filter keeps the matches in that language only.
    expect((await hits(t, sarah, { q: 'Oruro', lang: 'es' })).find((hit) => hit.id === post.id)).toMatchObject({
      matchedIn: { lang: 'es', name: 'Spanish' },
      excerpt: { lang: 'en' },
    });
  });
});

describe('stemming and accents', () => {
  it('stems each language by its own rules', async () => {
    const { threadId } = await startThread(t, lucia, 2, {
      title: 'Ahorro',
      bodyMd: 'Nuestra cooperativa de ahorro presta a tasas justas.',
      lang: 'es',
    });
    const french = await reply(t, marie, threadId, {
      bodyMd: 'Le Québec mise sur une économie plurielle.',
      lang: 'fr',
    });
    const english = await reply(t, sarah, threadId, { bodyMd: 'Our housing co-ops are running well.', lang: 'en' });
    expect((await hits(t, sarah, { q: 'cooperativas', kind: 'post' })).map((hit) => hit.excerpt.lang)).toContain('es');
    const economies = await hits(t, marie, { q: 'économies', kind: 'post' });
    expect(economies.map((hit) => hit.id)).toContain(french.id);
    expect(marked(economies.find((hit) => hit.id === french.id)!)).toEqual(['économie']);
    expect((await hits(t, sarah, { q: 'run', kind: 'post' })).map((hit) => hit.id)).toContain(english.id);
    // An exclusion keeps out what names the word, in the text's own language.
    const excluded = await hits(t, marie, { q: 'économie -québec', kind: 'post' });
    expect(excluded.map((hit) => hit.id)).not.toContain(french.id);
    const phrase = await hits(t, marie, { q: '"économie plurielle"', kind: 'post' });
    expect(phrase.map((hit) => hit.id)).toContain(french.id);
    expect((await hits(t, marie, { q: '"plurielle économie"', kind: 'post' })).map((hit) => hit.id)).not.toContain(
      french.id,
    );
  });

  it('folds accents both ways, in every language', async () => {
    const { threadId } = await startThread(t, lucia, 2, {
      title: 'Economía solidaria en Cochabamba',
      bodyMd: 'La economía solidaria crece en Cochabamba.',
      lang: 'es',
    });
    const french = await reply(t, marie, threadId, {
      bodyMd: 'Les coopératives de Montréal sont nombreuses.',
      lang: 'fr',
    });
    const found = await hits(t, lucia, { q: 'economia Cochabamba' });
    expect(found.map((hit) => hit.kind).sort()).toEqual(['post', 'thread']);
    expect(found.find((hit) => hit.kind === 'thread')).toMatchObject({
      id: threadId,
      title: null,
      href: `/forums/${LIVE}/threads/${threadId}`,
    });
    expect(marked(found.find((hit) => hit.kind === 'post')!)).toEqual(['economía', 'cochabamba']);
    expect((await hits(t, marie, { q: 'cooperatives montreal' })).map((hit) => hit.id)).toContain(french.id);
    expect((await hits(t, marie, { q: 'ÉCONOMÍA' })).map((hit) => hit.id)).toContain(threadId);
  });
});
