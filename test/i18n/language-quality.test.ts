// Cheap checks of what a native reader would notice first: placeholders that differ between
// languages or are malformed, Spanish that slips from "usted" into "tú", and French that misses
// its typography (no-break space before : ; ? !, curly apostrophes, « ») or an elision.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = path.resolve(import.meta.dirname, '../../locales');

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value as Record<string, unknown>).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}

function load(lang: string): Record<string, string> {
  const files = readdirSync(path.join(localesDir, lang)).filter((f) => f.endsWith('.json')).sort();
  return Object.assign({}, ...files.map((file) => flatten(JSON.parse(readFileSync(path.join(localesDir, lang, file), 'utf8')), file.replace('.json', ''))));
}

const placeholderNames = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]));
/** What is left once well-formed {{name}} or {{name, format}} placeholders are removed. */
const strayBraces = (text: string) => text.replace(/\{\{\s*[\w.]+(\s*,\s*[\w]+)?\s*\}\}/g, '').match(/[{}]/g) ?? [];

/**
 * Forms that only "tú" uses: possessive and object pronouns, second-person verb endings of
 * common verbs, and the imperatives the interface used before. Forms shared with "usted"
 * ("escribe", "lee") are left out, so a match is always a slip.
 */
const TU_FORMS = /(?<!\p{L})(tu|tus|te|ti|contigo|puedes|tienes|quieres|eres|estás|has|habías|hayas|sabes|debes|necesitas|deseas|prefieres|participas|podrás|verás|recibirás|abriste|enviaste|escribiste|denunciaste|soltaste|únete|inicia sesión|elige|revisa|recarga|tómala|nómbrala|vuelve a intentarlo)(?!\p{L})/iu;

const english = load('en');
const languages = { es: load('es'), fr: load('fr') };

describe('placeholders', () => {
  for (const [lang, strings] of Object.entries({ en: english, ...languages })) {
    it(`are well formed in ${lang}`, () => {
      for (const [key, text] of Object.entries(strings)) expect(strayBraces(text), `${lang}: ${key}`).toEqual([]);
    });
  }

  for (const [lang, strings] of Object.entries(languages)) {
    it(`are the same set in ${lang} as in en for every key`, () => {
      for (const [key, text] of Object.entries(english)) {
        expect(placeholderNames(strings[key] ?? ''), `${lang}: ${key}`).toEqual(placeholderNames(text));
      }
    });
  }
});

describe('Spanish', () => {
  it('addresses the reader as usted throughout', () => {
    const slips = Object.entries(languages.es).filter(([, text]) => TU_FORMS.test(text)).map(([key, text]) => `${key}: ${text}`);
    expect(slips).toEqual([]);
  });

  it('catches the tú forms it looks for', () => {
    expect(['Participas como {{roles}}', 'Inicia sesión para continuar.', 'Revisa tu conexión.', 'No tienes permiso.'].every((s) => TU_FORMS.test(s))).toBe(true);
    expect(['Inicie sesión para continuar.', 'Su texto se guarda mientras escribe.', 'Revise su conexión.'].some((s) => TU_FORMS.test(s))).toBe(false);
  });
});

describe('French', () => {
  const entries = Object.entries(languages.fr);

  it('puts a no-break space (U+00A0) before : ; ? ! and inside « »', () => {
    const bad = entries.filter(([, text]) =>
      /[ \u202f][:;?!»]/.test(text) || /«[ \u202f]/.test(text) || /[^\s\u00a0/{]([;?!»])(\s|$)/.test(text)
      || /[A-Za-zÀ-ÿ»)]:(\s|$)/.test(text) || /«[^\u00a0]/.test(text));
    expect(bad.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('uses the typographic apostrophe', () => {
    expect(entries.filter(([, text]) => /\w'\w/.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('elides que, de, le, la… before a vowel, and never writes "que {{…}}" where the word is unknown', () => {
    const missing = /(?<![-\p{L}])(que|ne|se|je|me|de|le|la) (?!un\b|une\b|onze\b|huit\b)[aeiouyàâéèêîôû]/iu;
    expect(entries.filter(([, text]) => missing.test(text) || /\bque \{\{/.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
