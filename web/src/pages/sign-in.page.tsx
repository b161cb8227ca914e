// Sign-in by email and password; afterwards the user returns to the page that sent them here.
import type { UserAnswer } from '../session/session-types.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { ApiError, api, errorMessage } from '../api/client.ts';
import { TextField } from '../components/fields.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { safeNext } from './next-url.ts';

export function SignInPage() {
  const { t } = useI18n();
  const { setMe } = useSession();
  const { query, route } = useLocation();
  const next = safeNext(query.next);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const nowMissing = { email: !email.trim(), password: !password };
    setMissing(nowMissing);
    if (nowMissing.email || nowMissing.password) {
      document.getElementById(nowMissing.email ? 'email' : 'password')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setRefused(false);
    try {
      const { user } = await api<UserAnswer>('/api/auth/sign-in', {
        method: 'POST',
        body: { email: email.trim(), password },
      });
      await setMe(user);
      route(next, true);
    } catch (failure) {
      setError(errorMessage(failure));
      setRefused(failure instanceof ApiError && failure.code === 'invalid_credentials');
      setBusy(false);
    }
  }

  const registerHref = next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`;
  return (
    <>
      <PageHeading text={t('signIn.title')} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id="email"
          type="email"
          label={t('fields.email')}
          value={email}
          onInput={setEmail}
          autoComplete="email"
          required
          error={missing.email ? t('validation.required') : null}
        />
        <TextField
          id="password"
          type="password"
          label={t('fields.password')}
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          required
          error={missing.password ? t('validation.required') : null}
        />
        <p>
          <a href={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : '/forgot-password'}>
            {t('signIn.forgotPassword')}
          </a>
        </p>
        <LiveMessage message={error} />
        {/* The API cannot say an account awaits verification without saying it exists. */}
        {refused ? <p>{t('signIn.unverifiedHint')}</p> : null}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p>
        {t('signIn.noAccount')} <a href={registerHref}>{t('signIn.register')}</a>
      </p>
    </>
  );
}
