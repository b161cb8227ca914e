// The SPA's strings: i18next over web.json in the reader's language, loaded one language at a
// time and cut into areas (string-areas.ts) so the first visit downloads only the core strings
// and those of the page it opens; a lazy page adds its area's strings to the same namespace.
import i18next from 'i18next';
import bundles from 'virtual:web-strings';
import type { Lang } from './languages.ts';
import { LANGS, isLang } from './languages.ts';
import type { StringArea } from './string-areas.ts';

export const i18n = i18next.createInstance();

const STORAGE_KEY = 'tertulia.lang';

const loadedParts = new Map<Lang, Set<'core' | StringArea>>();
// The areas the pages opened so far needed; a change of language loads them in the new one.
const usedAreas = new Set<StringArea>();

async function load(lang: Lang, parts: readonly ('core' | StringArea)[]): Promise<void> {
  const done = loadedParts.get(lang) ?? new Set();
  loadedParts.set(lang, done);
  const missing = parts.filter((part) => !done.has(part));
  const strings = await Promise.all(missing.map((part) => bundles[lang][part]()));
  // The core holds a few keys under a lazy area's groups, so parts merge key by key.
  for (const { default: part } of strings) i18n.addResourceBundle(lang, 'web', part, true, true);
  for (const part of missing) done.add(part);
}

/** Loads the strings of the given areas in the interface language (a lazy page waits for them). */
export async function loadStringAreas(areas: readonly StringArea[]): Promise<void> {
  for (const area of areas) usedAreas.add(area);
  await load(currentLang(), areas);
}

export function storedLang(): Lang | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null; // storage can be disabled; the choice then lasts for the visit only
  }
}

function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* see storedLang */
  }
}

/** The first of the browser's preferred languages that Tertulia offers. */
function browserLang(): Lang {
  const preferred = navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

/** The interface language; before start-up has finished, the one it is about to load. */
export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : (storedLang() ?? browserLang());
}

export async function initI18n(): Promise<void> {
  const lang = currentLang();
  i18n.on('languageChanged', (next: string) => {
    document.documentElement.lang = next;
  });
  await i18n.init({
    lng: lang,
    supportedLngs: [...LANGS],
    fallbackLng: false,
    ns: ['web'],
    defaultNS: 'web',
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // Preact escapes what it renders
  });
  await load(lang, ['core', ...usedAreas]);
  document.documentElement.lang = lang;
}

/** Switches the interface; `remember` keeps the choice for later visits on this browser. */
export async function changeLang(lang: Lang, remember: boolean): Promise<void> {
  await load(lang, ['core', ...usedAreas]);
  if (remember) rememberLang(lang);
  if (lang !== i18n.language) await i18n.changeLanguage(lang);
}

/** A language picked in a form replaces the one this browser remembers, if it remembers one. */
export async function followChosenLang(lang: Lang): Promise<void> {
  if (storedLang() !== null) await changeLang(lang, true);
}
