// Account creation. The API answers alike whether or not the email is known and emails a
// link that verifies the address and signs in, so the page ends by asking the reader to open
// it; the link brings them back to the page that sent them here.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api } from '../api/client.ts';
import { CheckEmail, emailProblem, useEmailedLink } from '../components/emailed-link.tsx';
import { TextField } from '../components/fields.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import {
  checkProfile,
  focusFirstError,
  ProfileFields,
  type FieldErrors,
  type ProfileDraft,
} from '../components/profile-fields.tsx';
import { signInHref } from '../components/sign-in-prompt.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { browserTimeZone } from '../time/time-zone.ts';
import { safeNext } from './next-url.ts';
import { AcceptTerms } from '../privacy/accept-terms.tsx';

const PASSWORD_MIN_LENGTH = 10;
/** How long the emailed link works (server/auth/auth.service.ts). */
const LINK_HOURS = 48;

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
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
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [errors, setErrors] = useState<FieldErrors & { acceptTerms?: string }>({});
  const { busy, error, setError, sentTo, send } = useEmailedLink();

  function change(changes: Partial<ProfileDraft>) {
    if (changes.readingLangs) setReadingTouched(true);
    // Until the reader picks reading languages, they follow the interface language.
    const follow: Partial<ProfileDraft> =
      changes.interfaceLang && !readingTouched ? { readingLangs: [changes.interfaceLang] } : {};
    setDraft((previous) => ({ ...previous, ...follow, ...changes }));
  }

  function check(): FieldErrors & { acceptTerms?: string } {
    const profile = checkProfile(draft, t);
    const found: FieldErrors & { acceptTerms?: string } = {};
    const emailError = emailProblem(email.trim(), t);
    if (emailError) found.email = emailError;
    if (profile.displayName) found.displayName = profile.displayName;
    if (password.length < PASSWORD_MIN_LENGTH)
      found.password = t('validation.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    if (profile.readingLangs) found.readingLangs = profile.readingLangs;
    if (!acceptTerms) found.acceptTerms = t('legal.acceptTermsRequired');
    return found;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) {
      focusFirstError(found);
      return;
    }
    const address = email.trim();
    await send(address, () =>
      api('/api/auth/register', {
        method: 'POST',
        body: {
          email: address,
          password,
          ...draft,
          displayName: draft.displayName.trim(),
          acceptTerms: true,
          ...(next === '/' || next.length > 500 ? {} : { next }),
        },
      }),
    );
  }

  if (sentTo) {
    return (
      <CheckEmail
        title={t('register.checkEmailTitle')}
        message={t('register.checkEmail', { email: sentTo })}
        hint={t('register.checkEmailHint', { hours: LINK_HOURS })}
      />
    );
  }

  return (
    <>
      <PageHeading text={t('register.title')} />
      <p>{t('register.intro')}</p>
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
          error={errors.email}
        />
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
        <AcceptTerms checked={acceptTerms} onChange={setAcceptTerms} error={errors.acceptTerms} />
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
