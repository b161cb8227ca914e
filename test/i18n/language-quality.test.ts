// Cheap checks of what a native reader would notice first: placeholders that differ between
// languages or are malformed, Spanish that slips from "usted" into "tú", and French that misses
// its typography (no-break space before : ; ? !, curly apostrophes, « ») or an elision.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const localesDir = path.resolve(import.meta.dirname, '../../locales');

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

const placeholderNames = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]));
/** What is left once well-formed {{name}} or {{name, format}} placeholders are removed. */
const strayBraces = (text: string) => text.replace(/\{\{\s*[\w.]+(\s*,\s*[\w]+)?\s*\}\}/g, '').match(/[{}]/g) ?? [];

/**
 * Forms that only "tú" uses: possessive and object pronouns, second-person verb endings of
 * common verbs, and the imperatives the interface used before. Forms shared with "usted"
 * ("escribe", "lee") are left out, so a match is always a slip.
 */
const TU_FORMS =
  /(?<!\p{L})(tu|tus|te|ti|contigo|puedes|tienes|quieres|eres|estás|has|habías|hayas|sabes|debes|necesitas|deseas|prefieres|participas|podrás|verás|recibirás|abriste|enviaste|escribiste|denunciaste|soltaste|únete|inicia sesión|elige|revisa|recarga|tómala|nómbrala|vuelve a intentarlo)(?!\p{L})/iu;

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
    const slips = Object.entries(languages.es)
      .filter(([, text]) => TU_FORMS.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(slips).toEqual([]);
  });

  it('catches the tú forms it looks for', () => {
    expect(
      ['Participas como {{roles}}', 'Inicia sesión para continuar.', 'Revisa tu conexión.', 'No tienes permiso.'].every(
        (s) => TU_FORMS.test(s),
      ),
    ).toBe(true);
    expect(
      ['Inicie sesión para continuar.', 'Su texto se guarda mientras escribe.', 'Revise su conexión.'].some((s) =>
        TU_FORMS.test(s),
      ),
    ).toBe(false);
  });
});

describe('French', () => {
  const entries = Object.entries(languages.fr);

  it('puts a no-break space (U+00A0) before : ; ? ! and inside « »', () => {
    const bad = entries.filter(
      ([, text]) =>
        /[ \u202f][:;?!»]/.test(text) ||
        /«[ \u202f]/.test(text) ||
        /[^\s\u00a0/{]([;?!»])(\s|$)/.test(text) ||
        /[A-Za-zÀ-ÿ»)]:(\s|$)/.test(text) ||
        /«[^\u00a0]/.test(text),
    );
    expect(bad.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('uses the typographic apostrophe', () => {
    expect(entries.filter(([, text]) => /\w'\w/.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('elides que, de, le, la… before a vowel, and never writes "que {{…}}" where the word is unknown', () => {
    const missing = /(?<![-\p{L}])(que|ne|se|je|me|de|le|la) (?!un\b|une\b|onze\b|huit\b)[aeiouyàâéèêîôû]/iu;
    expect(
      entries
        .filter(([, text]) => missing.test(text) || /\bque \{\{/.test(text))
        .map(([key, text]) => `${key}: ${text}`),
    ).toEqual([]);
  });
});

describe('plurals', () => {
  // i18next v4 picks `key_one`, `key_other` (…) from `count`: a count in a plain key reads "1 places prises".
  const PLURAL = /_(zero|one|two|few|many|other)$/;
  for (const [lang, strings] of Object.entries({ en: english, ...languages })) {
    it(`gives every {{count}} string its plural forms in ${lang}`, () => {
      const bare = Object.entries(strings)
        .filter(([key, text]) => /\{\{\s*count\b/.test(text) && !PLURAL.test(key))
        .map(([key]) => key);
      expect(bare).toEqual([]);
      const bases = new Set(
        Object.keys(strings)
          .filter((key) => PLURAL.test(key))
          .map((key) => key.replace(PLURAL, '')),
      );
      const incomplete = [...bases].filter((base) => !(`${base}_one` in strings && `${base}_other` in strings));
      expect(incomplete).toEqual([]);
    });
  }
});

describe('French names a key respondent one way', () => {
  // "personne-ressource" is the term the French interface and content use most; "répondant·e clé" was a second name for the same role.
  const contentDir = path.resolve(import.meta.dirname, '../../content');
  const frenchContent = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? frenchContent(full) : entry.name.endsWith('.fr.md') ? [full] : [];
    });
  const OTHER_NAME = /répondant(·e|e|s)?\s+clé|répondant·es?\s+clés|répondants\s+clés/iu;

  it('in the interface', () => {
    expect(
      Object.entries(languages.fr)
        .filter(([, text]) => OTHER_NAME.test(text))
        .map(([key]) => key),
    ).toEqual([]);
    expect(Object.values(languages.fr).filter((text) => /personnes?-ressources?/.test(text)).length).toBeGreaterThan(
      10,
    );
  });

  it('in the French content', () => {
    expect(frenchContent(contentDir).filter((file) => OTHER_NAME.test(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches the other name', () => {
    expect(
      ['un·e répondant·e clé', 'Les répondants clés', 'au répondant clé'].every((text) => OTHER_NAME.test(text)),
    ).toBe(true);
  });
});
