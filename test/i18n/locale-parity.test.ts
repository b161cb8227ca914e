// Every user-facing string exists in English, Spanish and French: same files, same keys,
// same interpolation variables, no empty values.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = path.resolve(import.meta.dirname, '../../locales');
const languages = ['en', 'es', 'fr'];

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value as Record<string, unknown>).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)),
  );
}

function load(lang: string): Record<string, string> {
  const files = readdirSync(path.join(localesDir, lang))
    .filter((f) => f.endsWith('.json'))
    .sort();
  return Object.assign(
    {},
    ...files.map((file) =>
      flatten(JSON.parse(readFileSync(path.join(localesDir, lang, file), 'utf8')), file.replace('.json', '')),
    ),
  );
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  const english = load('en');

  it('has strings', () => {
    expect(Object.keys(english).length).toBeGreaterThan(10);
  });

  for (const lang of ['es', 'fr']) {
    it(`${lang} has exactly the keys of en`, () => {
      expect(Object.keys(load(lang)).sort()).toEqual(Object.keys(english).sort());
    });

    it(`${lang} uses the same interpolation variables as en, and no empty strings`, () => {
      const other = load(lang);
      for (const [key, text] of Object.entries(english)) {
        expect(variables(other[key] ?? ''), `${lang}: ${key}`).toEqual(variables(text));
        expect(other[key]?.trim(), `${lang}: ${key}`).not.toBe('');
      }
    });
  }

  it('lists the same folders for every language', () => {
    for (const lang of languages)
      expect(readdirSync(path.join(localesDir, lang)).sort()).toEqual(readdirSync(path.join(localesDir, 'en')).sort());
  });
});
