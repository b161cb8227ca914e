// The interface language, switchable on every page. Each choice is named in its own language.
import type { UserAnswer } from '../session/session-types.ts';
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { changeLang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';
import { useSession } from '../session/session-context.tsx';

export function LanguageSwitcher() {
  const { lang: current, t } = useI18n();
  const { me, setMe } = useSession();

  async function choose(lang: Lang) {
    await changeLang(lang, true);
    if (!me || me.interfaceLang === lang) return;
    // The profile follows, so emails and other devices use the same language.
    try {
      await setMe((await api<UserAnswer>('/api/me', { method: 'PATCH', body: { interfaceLang: lang } })).user);
    } catch {
      /* the interface has switched; the profile can be fixed on the profile page */
    }
  }

  return (
    <nav class="language-switcher" aria-label={t('languageSwitcher.label')}>
      <ul>
        {LANGS.map((lang) => (
          <li key={lang}>
            <button
              type="button"
              class="button-quiet"
              lang={lang}
              aria-pressed={lang === current}
              onClick={() => void choose(lang)}
            >
              {ENDONYMS[lang]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
