// Re-renders the app when the interface language changes; components read `t` and `lang` here.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { Lang } from './languages.ts';
import { currentLang, i18n } from './i18n.ts';

const LangContext = createContext<Lang>('en');

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLang] = useState<Lang>(currentLang);
  useEffect(() => {
    const update = () => setLang(currentLang());
    i18n.on('languageChanged', update);
    return () => i18n.off('languageChanged', update);
  }, []);
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

export function useI18n() {
  return { lang: useContext(LangContext), t: i18n.t };
}
