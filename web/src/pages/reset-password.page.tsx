// Where the emailed reset link leads: the reader types a new password twice. Opening the page
// changes nothing (a mail scanner following the link does not use it up); saving ends every
// session of the account and signs in here.
import type { UserAnswer } from '../session/session-types.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { ApiError, api, errorMessage } from '../api/client.ts';
import { TextField } from '../components/fields.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { followChosenLang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

/** As at registration (server/auth/password.ts). */
const PASSWORD_MIN_LENGTH = 10;
const LINK_ERRORS = new Set(['reset_link_invalid', 'reset_link_used', 'reset_link_expired']);

export default function ResetPasswordPage() {
  const { t } = useI18n();
  const { setMe } = useSession();
  const { query, route } = useLocation();
  const token = query.token ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [error, setError] = useState<string | null>(token ? null : t('passwordReset.noToken'));
  const [linkFailed, setLinkFailed] = useState(!token);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || !token) return;
    const found: { password?: string; repeat?: string } = {};
    if (password.length < PASSWORD_MIN_LENGTH)
      found.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    else if (repeat !== password) found.repeat = t('passwordReset.mismatch');
    setErrors(found);
    setError(null);
    if (found.password || found.repeat) {
      document.getElementById(found.password ? 'password' : 'repeat')?.focus();
      return;
    }
    setBusy(true);
    try {
      const { user } = await api<UserAnswer>('/api/auth/password-reset/confirm', {
        method: 'POST',
        body: { token, password },
      });
      await followChosenLang(user.interfaceLang);
      await setMe(user);
      route('/', true);
    } catch (failure) {
      setError(errorMessage(failure));
      setLinkFailed(failure instanceof ApiError && LINK_ERRORS.has(failure.code));
      setBusy(false);
    }
  }

  // A dead link: say so and offer a new one, with no form that cannot succeed.
  if (linkFailed) {
    return (
      <>
        <PageHeading text={t('passwordReset.resetTitle')} />
        <LiveMessage message={error} />
        <p>
          <a class="button" href="/forgot-password">
            {t('passwordReset.askAgain')}
          </a>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading text={t('passwordReset.resetTitle')} />
      <p>{t('passwordReset.resetIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id="password"
          type="password"
          label={t('passwordReset.newPassword')}
          value={password}
          onInput={setPassword}
          autoComplete="new-password"
          required
          maxLength={256}
          hint={t('fields.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          error={errors.password}
        />
        <TextField
          id="repeat"
          type="password"
          label={t('passwordReset.repeatPassword')}
          value={repeat}
          onInput={setRepeat}
          autoComplete="new-password"
          required
          maxLength={256}
          error={errors.repeat}
        />
        <LiveMessage message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('passwordReset.resetSubmitting') : t('passwordReset.resetSubmit')}
        </button>
      </form>
    </>
  );
}
