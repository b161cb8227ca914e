// i18next with one namespace, `web`, whose translations load one language at a time so the
// first visit downloads only the language it shows.
import i18next from 'i18next';
import type { Lang } from '../api/types.ts';
import { LANGS, isLang } from './languages.ts';

export const i18n = i18next.createInstance();

const STORAGE_KEY = 'tertulia.lang';

// Literal paths, so that each language becomes its own chunk.
const bundles: Record<Lang, () => Promise<{ default: object }>> = {
  en: () => import('../../../locales/en/web.json'),
  es: () => import('../../../locales/es/web.json'),
  fr: () => import('../../../locales/fr/web.json'),
};

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
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split('-')[0];
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
  const bundle = await bundles[lang]();
  i18n.on('languageChanged', (next: string) => {
    document.documentElement.lang = next;
  });
  await i18n.init({
    lng: lang,
    supportedLngs: [...LANGS],
    fallbackLng: false,
    ns: ['web'],
    defaultNS: 'web',
    resources: { [lang]: { web: bundle.default } },
    interpolation: { escapeValue: false }, // Preact escapes what it renders
  });
  document.documentElement.lang = lang;
}

/** Switches the interface; `remember` keeps the choice for later visits on this browser. */
export async function changeLang(lang: Lang, remember: boolean): Promise<void> {
  if (!i18n.hasResourceBundle(lang, 'web')) i18n.addResourceBundle(lang, 'web', (await bundles[lang]()).default);
  if (remember) rememberLang(lang);
  if (lang !== i18n.language) await i18n.changeLanguage(lang);
}

/** A language picked in a form replaces the one this browser remembers, if it remembers one. */
export async function followChosenLang(lang: Lang): Promise<void> {
  if (storedLang() !== null) await changeLang(lang, true);
}
