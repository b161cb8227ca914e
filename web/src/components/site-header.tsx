// The header of every page: the name, the main navigation, the search box and the language switcher.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { errorMessage } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { NotificationLink } from './notification-link.tsx';
import { LiveMessage } from './notice.tsx';
import { SearchBox } from './search-box.tsx';

function NavLink({ href, label }: { href: string; label: string }) {
  const { path } = useLocation();
  const current = path === href;
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {label}
    </a>
  );
}

export function SiteHeader() {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const { route } = useLocation();
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setError(null);
    try {
      await signOut();
      route('/');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div class="container">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <nav class="site-nav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink href="/" label={t('nav.forums')} />
            </li>
            {me ? (
              <>
                <li>
                  <NotificationLink userId={me.id} />
                </li>
                {me.isAdmin ? (
                  <li>
                    <NavLink href="/admin/outbox" label={t('notifications.outbox.title')} />
                  </li>
                ) : null}
                {me.isAdmin ? (
                  <li>
                    <NavLink href="/admin/forums/new" label={t('console.newForumLink')} />
                  </li>
                ) : null}
                <li>
                  <NavLink href="/profile" label={t('nav.profile')} />
                </li>
                <li>
                  <button type="button" class="link-button" onClick={() => void onSignOut()}>
                    {t('nav.signOut')}
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink href="/sign-in" label={t('nav.signIn')} />
                </li>
                <li>
                  <NavLink href="/register" label={t('nav.register')} />
                </li>
              </>
            )}
          </ul>
        </nav>
        <SearchBox />
        <LanguageSwitcher />
      </div>
      <div class="container">
        <LiveMessage message={error} />
      </div>
    </header>
  );
}
