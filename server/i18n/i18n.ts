// Server-side translations: one i18next instance over locales/{en,es,fr}/*.json, loaded once
// at start, and the rule that picks a caller's language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type Resource, type TFunction } from 'i18next';
import type { Lang } from '../db/schema.ts';
import { projectRoot } from '../project-root.ts';
import { formatCalendarDate } from './calendar-date.ts';

export const languages: readonly Lang[] = ['en', 'es', 'fr'];
export const localesDir = path.join(projectRoot, 'locales');

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function loadResources() {
  const resources: Resource = {};
  for (const lang of languages) {
    resources[lang] = {};
    for (const file of readdirSync(path.join(localesDir, lang)).filter((f) => f.endsWith('.json'))) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(
        readFileSync(path.join(localesDir, lang, file), 'utf8'),
      ) as Resource[string][string];
    }
  }
  return resources;
}

const instance = i18next.createInstance();
await instance.init({
  resources: loadResources(),
  lng: 'en',
  fallbackLng: false,
  supportedLngs: [...languages],
  ns: ['errors', 'server'],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
  initAsync: false,
});

// `{{deadlineOn, calendarDate}}`: a YYYY-MM-DD day in the message's language, never shifted by a zone.
instance.services.formatter?.add('calendarDate', (value, lng) =>
  formatCalendarDate(isLang(lng) ? lng : 'en', String(value)),
);

const fixedT = new Map(languages.map((lang) => [lang, instance.getFixedT(lang)] as const));

export function translatorFor(lang: Lang): TFunction {
  return fixedT.get(lang)!;
}

/** Best of en/es/fr in an Accept-Language header, by quality then order; undefined when none fits. */
export function langFromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((entry) => isLang(entry.base))?.base as Lang | undefined;
}
