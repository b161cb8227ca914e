// Account creation, then an immediate sign-in with the same credentials. The API answers
// registration the same way whether or not the email is known, so a failed sign-in is the
// first sign that the address already had an account.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import type { Lang, Me } from '../api/types.ts';
import { TextField } from '../components/fields.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { checkProfile, focusFirstError, ProfileFields, type FieldErrors, type ProfileDraft } from '../components/profile-fields.tsx';
import { signInHref } from '../components/sign-in-prompt.tsx';
import { followChosenLang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { browserTimeZone } from '../time/time-zone.ts';
import { safeNext } from './next-url.ts';

const PASSWORD_MIN_LENGTH = 10;

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { setMe } = useSession();
  const { query, route } = useLocation();
  const next = safeNext(query.next);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [draft, setDraft] = useState<ProfileDraft>(() => ({
    displayName: '',
    interfaceLang: lang,
    readingLangs: [lang],
    timeZone: browserTimeZone(),
    organisation: '',
    region: '',
    country: '',
  }));
  const [readingTouched, setReadingTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  function change(changes: Partial<ProfileDraft>) {
    if (changes.readingLangs) setReadingTouched(true);
    // Until the reader picks reading languages, they follow the interface language.
    const follow: Partial<ProfileDraft> = changes.interfaceLang && !readingTouched ? { readingLangs: [changes.interfaceLang as Lang] } : {};
    setDraft((previous) => ({ ...previous, ...follow, ...changes }));
  }

  function check(): FieldErrors {
    const profile = checkProfile(draft, t);
    const found: FieldErrors = {};
    if (!email.trim()) found.email = t('validation.required');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = t('validation.email');
    if (profile.displayName) found.displayName = profile.displayName;
    if (password.length < PASSWORD_MIN_LENGTH) found.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    if (profile.readingLangs) found.readingLangs = profile.readingLangs;
    return found;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    setError(null);
    setSignInFailed(false);
    if (Object.keys(found).length) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    const credentials = { email: email.trim(), password };
    try {
      await api('/api/auth/register', { method: 'POST', body: { ...credentials, ...draft, displayName: draft.displayName.trim() } });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
      return;
    }
    try {
      const { user } = await api<{ user: Me }>('/api/auth/sign-in', { method: 'POST', body: credentials });
      await followChosenLang(user.interfaceLang);
      await setMe(user);
      route(next, true);
    } catch {
      setSignInFailed(true);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading text={t('register.title')} />
      <p>{t('register.intro')}</p>
      {signInFailed ? (
        <Notice kind="warn">
          <p role="alert">{t('register.signInFailed')}</p>
          <p>{t('register.existingAccount')}</p>
          <p>
            <a href={signInHref(next)}>{t('nav.signIn')}</a>
          </p>
        </Notice>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField id="email" type="email" label={t('fields.email')} value={email} onInput={setEmail} autoComplete="email" required maxLength={254} error={errors.email} />
        <ProfileFields draft={draft} onChange={change} errors={errors}>
          <TextField
            id="password"
            type="password"
            label={t('fields.password')}
            value={password}
            onInput={setPassword}
            autoComplete="new-password"
            required
            maxLength={256}
            hint={t('fields.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            error={errors.password}
          />
        </ProfileFields>
        <LiveMessage message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('register.submitting') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <a href={signInHref(next)}>{t('nav.signIn')}</a>
      </p>
    </>
  );
}
