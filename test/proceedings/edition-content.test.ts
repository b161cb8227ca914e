// What an edition shows: every text in the edition's language by the reading rule with its note,
// each author as they chose (named, by region, or not at all), nothing hidden and nothing from a
// week that has not opened; the PDF carries the Spanish accents; CSV and JSON list the elements.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from 'unpdf';
import { runDueEditions } from '../../server/proceedings/proceedings-job.ts';
import { editionFilePath } from '../../server/proceedings/edition-store.ts';
import { LIVE, newKey } from '../helpers/forum-fixture.ts';
import { buildWorld, WORDS, type ProceedingsWorld } from './proceedings-fixture.ts';

let w: ProceedingsWorld;
const html: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  w = await buildWorld();
  for (const lang of ['en', 'es'] as const) {
    const res = await w.t
      .post(`/api/forums/${LIVE}/proceedings`)
      .set('Cookie', w.organizer.cookie)
      .send({ lang, idempotencyKey: newKey() })
      .expect(202);
    ids[lang] = res.body.edition.id;
  }
  expect(await runDueEditions(w.t.db, { proceedingsDir: w.dir })).toBe(2);
  for (const lang of ['en', 'es']) html[lang] = await readFile(editionFilePath(w.dir, ids[lang]!, 'html'), 'utf8');
}, 180_000);
afterAll(async () => w?.t.close());

/**
 * Every run of words outside the stored (sanitized) texts, with the element it sits in directly:
 * each such element must say its language, not merely inherit the page's.
 */
function wordsWithoutLang(page: string): string[] {
  const outside = page
    .replace(/<div class="text" lang="(en|es|fr)">[\s\S]*?<\/div>/g, '')
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/^<!doctype html>/, '');
  const stack: string[] = [];
  const missing: string[] = [];
  for (const [token, close, name, words] of outside.matchAll(/<(\/)?([a-z0-9]+)\b[^>]*>|([^<]+)/g)) {
    if (words !== undefined) {
      if (words.trim() && !/\slang="(en|es|fr)"/.test(stack.at(-1) ?? '')) missing.push(`${stack.at(-1)} ${words}`);
    } else if (close) stack.pop();
    else if (!['meta', 'br', 'hr', 'img'].includes(name!)) stack.push(token);
  }
  return missing;
}

describe('the HTML edition', () => {
  it('is one page in the edition’s language with a table of contents', () => {
    expect(html.es).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(html.es).toContain('<style>');
    expect(html.es).toContain('@media print');
    expect(html.es).toContain('href="#matrix"');
    expect(html.es).toContain('id="matrix"');
    expect(html.es).toContain(`href="#thread-${w.threads.main}"`);
    expect(html.es).toContain('Índice');
  });

  it('gives every text its lang', () => {
    for (const lang of ['en', 'es']) {
      expect(wordsWithoutLang(html[lang]!)).toEqual([]);
      // Each stored text sits in an element naming its language.
      expect(html[lang]).toMatch(/<div class="text" lang="es"><p>/);
    }
  });

  it('shows the translation into English with who made it, and an untranslated original with a note', () => {
    expect(html.en).toContain(`<div class="text" lang="en"><p>${WORDS.translationEn}</p></div>`);
    expect(html.en).toContain(`Translated from Spanish by ${w.translatorName}.`);
    expect(html.en).not.toContain(WORDS.namedEs);
    // The French post has no English translation: its original, marked.
    expect(html.en).toContain(`<div class="text" lang="fr"><p>${WORDS.anonFr}</p></div>`);
    expect(html.en).toContain('In the original French: no English translation exists.');
    expect(html.es).toContain(`<div class="text" lang="es"><p>${WORDS.namedEs}</p></div>`);
  });

  it('names a translator only if they chose to appear by name', () => {
    expect(html.es).toContain(`<div class="text" lang="es"><p>${WORDS.translationEs}</p></div>`);
    expect(html.es).toContain('Traducido del francés.');
    expect(html.es).not.toContain('Jean Secret-Name');
  });

  it('names those who chose it, shows anonymous authors by region, and leaves out the others', () => {
    expect(html.es).toContain('Lucía Fernández');
    expect(html.es).toContain('una persona participante de Canadá');
    expect(html.en).toContain('a participant from Canada');
    for (const page of [html.en!, html.es!]) {
      expect(page).not.toContain('Jean Secret-Name');
      expect(page).not.toContain(WORDS.declinedEn);
      expect(page).not.toContain('Declan');
      expect(page).not.toContain(WORDS.unchosenEn);
      expect(page).not.toContain('Una Unchosen');
    }
  });

  it('keeps an element that cites only a declined post, without the citation', () => {
    const start = html.en!.indexOf(WORDS.elementOnlyDeclined);
    expect(start).toBeGreaterThan(0);
    const item = html.en!.slice(start, html.en!.indexOf('</li>', start) + 200);
    expect(item).not.toContain('Cites');
    expect(html.en).toContain(`href="#post-${w.posts.namedEs}"`);
    expect(html.en).not.toContain(`href="#post-${w.posts.declinedEn}"`);
  });

  it('shows no hidden post and nothing of a week that has not opened', () => {
    for (const page of [html.en!, html.es!]) {
      expect(page).not.toContain(WORDS.hiddenEs);
      expect(page).not.toContain(`post-${w.posts.hiddenEs}`);
      expect(page).not.toContain(WORDS.futureWeek);
      expect(page).not.toContain(WORDS.futurePost);
      expect(page).not.toContain('Hilo futuro');
    }
  });

  it('selects by default the threads accepted elements cite', () => {
    expect(html.es).toContain(`id="thread-${w.threads.main}"`);
    expect(html.es).not.toContain(`id="thread-${w.threads.declinedThread}"`);
  });
});

describe('the PDF, CSV and JSON', () => {
  it('extracts to text holding the Spanish post’s accented words', async () => {
    const bytes = new Uint8Array(await readFile(editionFilePath(w.dir, ids.es!, 'pdf')));
    const { text } = await extractText(bytes, { mergePages: true });
    expect(text).toContain('participación');
    expect(text).toContain('economía');
    expect(text).toContain('Índice');
    expect(text).not.toContain('Zanzibarian');
  });

  it('lists the elements with their citations', async () => {
    const csv = await readFile(editionFilePath(w.dir, ids.es!, 'csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(WORDS.elementEs);
    expect(csv).toContain('una persona participante de Canadá');
    expect(csv).not.toContain('Declan');
    const json = JSON.parse(await readFile(editionFilePath(w.dir, ids.es!, 'json'), 'utf8'));
    expect(json.lang).toBe('es');
    expect(json.elements).toHaveLength(2);
    const first = json.elements.find((e: { text: { markdown: string } }) => e.text.markdown === WORDS.elementEs);
    expect(first.citations.map((c: { id: number }) => c.id)).toEqual([w.posts.namedEs, w.posts.anonFr]);
    const lonely = json.elements.find(
      (e: { text: { markdown: string } }) => e.text.markdown === WORDS.elementOnlyDeclined,
    );
    expect(lonely.citations).toEqual([]);
  });

  it('records each file with its hash and size', async () => {
    const files = await w.t.db
      .selectFrom('proceedings_files')
      .selectAll()
      .where('edition_id', '=', ids.es!)
      .orderBy('format')
      .execute();
    expect(files.map((f) => f.format)).toEqual(['csv', 'html', 'json', 'pdf']);
    for (const f of files) {
      const bytes = await readFile(editionFilePath(w.dir, ids.es!, f.format));
      expect(f.size_bytes).toBe(bytes.length);
      const { createHash } = await import('node:crypto');
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
