// Where the link emailed at registration leads: one click confirms the address and signs in,
// then the reader goes on to the page they registered from. Opening the page changes nothing,
// so a mail scanner that follows links does not use up the single-use link. Loaded on first use.
import type { UserAnswer } from '../session/session-types.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { followChosenLang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { safeNext } from './next-url.ts';

export default function VerifyEmailPage() {
  const { t } = useI18n();
  const { setMe } = useSession();
  const { query, route } = useLocation();
  const token = query.token ?? '';
  const next = safeNext(query.next);
  const [error, setError] = useState<string | null>(token ? null : t('verifyEmail.noToken'));
  const [busy, setBusy] = useState(false);

  async function confirm(event: Event) {
    event.preventDefault();
    if (busy || !token) return;
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<UserAnswer>('/api/auth/verify-email', { method: 'POST', body: { token } });
      await followChosenLang(user.interfaceLang);
      await setMe(user);
      route(next, true);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading text={t('verifyEmail.title')} />
      <form onSubmit={(event) => void confirm(event)}>
        <LiveMessage message={error} />
        {token ? (
          <button type="submit" disabled={busy}>
            {busy ? t('verifyEmail.working') : t('verifyEmail.submit')}
          </button>
        ) : null}
      </form>
      <p>
        <a href="/sign-in">{t('nav.signIn')}</a> · <a href="/register">{t('nav.register')}</a>
      </p>
    </>
  );
}
