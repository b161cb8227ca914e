// The SPA's strings cut into areas (web/src/i18n/string-areas.ts): no key is lost in the cut, and
// no page shows a key of an area it does not load — the core pages only core keys, each lazy page
// only the core and the areas lazy-pages.ts or linked-pages.ts loads with it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_KEYS, STRING_AREAS, type StringArea } from '../../web/src/i18n/string-areas.ts';
import { splitStrings } from '../../web/web-strings.plugin.ts';

const src = path.resolve('web/src');

/** The modules a module pulls in at once (dynamic imports start other chunks). */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/^import (?!type )(?:[^'"]*? from )?'(\.{1,2}\/[^']+)';/gm)].map((m) =>
    path.resolve(path.dirname(file), m[1]!),
  );
}

function reach(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !/\.tsx?$/.test(file)) return;
    seen.add(file);
    staticImports(file).forEach(visit);
  };
  visit(entry);
  return seen;
}

/** Every literal key (or the literal start of a built one) a module passes to `t`. */
function keysUsed(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*['`]([\w.]+)/g)].map((m) => m[1]!.replace(/\.$/, ''));
}

function areaOf(key: string): StringArea | undefined {
  if (CORE_KEYS.some((core) => key === core || key.startsWith(`${core}.`) || core.startsWith(`${key}_`)))
    return undefined;
  const group = key.split('.')[0]!;
  return (Object.keys(STRING_AREAS) as StringArea[]).find((area) =>
    (STRING_AREAS[area] as readonly string[]).includes(group),
  );
}

function misplaced(entry: string, areas: readonly StringArea[], except = new Set<string>()): string[] {
  return [...reach(entry)]
    .filter((file) => !except.has(file))
    .flatMap((file) =>
      keysUsed(file)
        .filter((key) => {
          const area = areaOf(key);
          return area !== undefined && !areas.includes(area);
        })
        .map((key) => `${path.relative(src, file)}: ${key}`),
    );
}

describe('strings by area', () => {
  it('cuts every language into parts that together are the whole web.json', () => {
    for (const lang of ['en', 'es', 'fr']) {
      const whole = JSON.parse(readFileSync(`locales/${lang}/web.json`, 'utf8')) as Record<string, unknown>;
      const parts = splitStrings(structuredClone(whole) as never);
      const merge = (into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> => {
        for (const [key, value] of Object.entries(from)) {
          into[key] =
            typeof value === 'object' && typeof into[key] === 'object'
              ? merge(into[key] as Record<string, unknown>, value as Record<string, unknown>)
              : value;
        }
        return into;
      };
      expect(
        Object.values(parts).reduce<Record<string, unknown>>((all, part) => merge(all, structuredClone(part)), {}),
      ).toEqual(whole);
      for (const key of CORE_KEYS) expect(JSON.stringify(parts.core)).toContain(`"${key.split('.').at(-1)}`);
    }
  });

  it('gives every page only keys of the areas it loads', () => {
    const lazyPages = ['lazy-pages.ts', 'linked-pages.ts']
      .map((file) => readFileSync(path.join(src, 'pages', file), 'utf8'))
      .join('\n');
    const declared = [
      ...lazyPages.matchAll(/lazyPage(?:<\w+>)?\(\(\) => import\('\.\/([\w.-]+)'\)(?:.*?, \[([^\]]*)\]\))?/g),
    ].map((m) => ({
      file: path.join(src, 'pages', m[1]!),
      areas: (m[2] ?? '')
        .split(',')
        .map((a) => a.trim().replace(/'/g, ''))
        .filter(Boolean) as StringArea[],
    }));
    expect(declared.length).toBeGreaterThan(10);
    const core = reach(path.join(src, 'main.tsx'));
    expect(misplaced(path.join(src, 'main.tsx'), [])).toEqual([]);
    for (const page of declared) expect(misplaced(page.file, page.areas, core)).toEqual([]);
  });
});
