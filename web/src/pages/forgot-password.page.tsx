// "Forgot your password?": asks for a reset link. The API answers alike whether or not the
// address has an account, so the page always ends by asking the reader to check their email.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api } from '../api/client.ts';
import { CheckEmail, emailProblem, useEmailedLink } from '../components/emailed-link.tsx';
import { TextField } from '../components/fields.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

/** How long the emailed link works (server/auth/password-reset.service.ts). */
const LINK_MINUTES = 60;

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [email, setEmail] = useState(query.email ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { busy, error, setError, sentTo, setSentTo, send } = useEmailedLink();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    const problem = emailProblem(address, t);
    setInvalid(problem);
    setError(null);
    if (problem) {
      document.getElementById('email')?.focus();
      return;
    }
    await send(address, () => api('/api/auth/password-reset', { method: 'POST', body: { email: address } }));
  }

  if (sentTo) {
    return (
      <CheckEmail
        title={t('passwordReset.sentTitle')}
        message={t('passwordReset.sent', { email: sentTo })}
        hint={t('passwordReset.sentHint', { minutes: LINK_MINUTES })}
      >
        <p class="button-row">
          <button type="button" class="button-quiet" onClick={() => setSentTo(null)}>
            {t('passwordReset.askAgain')}
          </button>
          <a href="/sign-in">{t('passwordReset.backToSignIn')}</a>
        </p>
      </CheckEmail>
    );
  }

  return (
    <>
      <PageHeading text={t('passwordReset.forgotTitle')} />
      <p>{t('passwordReset.forgotIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id="email"
          type="email"
          label={t('fields.email')}
          value={email}
          onInput={setEmail}
          autoComplete="email"
          required
          maxLength={254}
          error={invalid}
        />
        <LiveMessage message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('passwordReset.forgotSubmitting') : t('passwordReset.forgotSubmit')}
        </button>
      </form>
      <p>
        <a href="/sign-in">{t('passwordReset.backToSignIn')}</a>
      </p>
    </>
  );
}
