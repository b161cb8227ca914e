// Serves locales/<lang>/web.json to the SPA cut into areas (string-areas.ts): `virtual:web-strings`
// maps each language and area to a dynamic import of its own module, so a page's strings come in
// their own chunk with the page, and the core chunk holds only what every page may show.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { CORE_KEYS, STRING_AREAS, type StringArea } from './src/i18n/string-areas.ts';

interface Strings {
  [key: string]: string | Strings;
}

const LANGS = ['en', 'es', 'fr'] as const;
const ID = 'virtual:web-strings';
const RESOLVED = `\0${ID}`;
const localesDir = fileURLToPath(new URL('../locales', import.meta.url));

function moveKey(from: Strings, to: Strings, path: string[]): void {
  const [head, ...rest] = path as [string, ...string[]];
  const value = from[head];
  if (value === undefined) return;
  if (rest.length === 0 || typeof value === 'string') {
    to[head] = value;
    delete from[head];
    return;
  }
  const copy = { ...value };
  from[head] = copy;
  to[head] = typeof to[head] === 'object' ? to[head] : {};
  moveKey(copy, to[head], rest);
}

/** One language's web.json cut into the core and each lazy area. */
export function splitStrings(strings: Strings): Record<'core' | StringArea, Strings> {
  const rest: Strings = { ...strings };
  const parts = { core: {} } as Record<'core' | StringArea, Strings>;
  for (const [area, groups] of Object.entries(STRING_AREAS) as [StringArea, readonly string[]][]) {
    parts[area] = {};
    for (const group of groups) moveKey(rest, parts[area], [group]);
  }
  for (const key of CORE_KEYS) {
    const area = (Object.keys(STRING_AREAS) as StringArea[]).find((name) =>
      (STRING_AREAS[name] as readonly string[]).includes(key.split('.')[0]!),
    );
    if (area) moveKey(parts[area], rest, key.split('.'));
  }
  parts.core = rest;
  return parts;
}

export function webStrings(): Plugin {
  const file = (lang: string) => `${localesDir}/${lang}/web.json`;
  return {
    name: 'tertulia-web-strings',
    resolveId(id) {
      if (id === ID || id.startsWith(`${ID}/`)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === RESOLVED) {
        const areas = ['core', ...Object.keys(STRING_AREAS)];
        const entries = LANGS.map(
          (lang) => `${lang}: { ${areas.map((area) => `${area}: () => import('${ID}/${lang}/${area}')`).join(', ')} }`,
        );
        return `export default { ${entries.join(', ')} };`;
      }
      const match = new RegExp(`^\\0${ID}/(\\w+)/(\\w+)$`).exec(id);
      if (!match) return null;
      const [, lang, area] = match as unknown as [string, string, 'core' | StringArea];
      this.addWatchFile(file(lang));
      const part = splitStrings(JSON.parse(readFileSync(file(lang), 'utf8')) as Strings)[area];
      return `export default ${JSON.stringify(part)};`;
    },
  };
}
