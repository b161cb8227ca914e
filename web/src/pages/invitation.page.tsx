// Where an invitation link lands: the invited address opens its account and joins in one step
// (the link proves the address); an address that has an account by now signs in first.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { TextField } from '../components/fields.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { signInHref } from '../components/sign-in-prompt.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { browserTimeZone } from '../time/time-zone.ts';
import type { InvitationView as Invitation } from '../cohort/cohort-types.ts';
import { ConsentChoiceField } from '../consent/consent-choice.tsx';
import type { ConsentChoice } from '../consent/consent-types.ts';
import { AcceptTerms } from '../privacy/accept-terms.tsx';

export default function InvitationPage({ slug, token }: { slug: string; token: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const path = `/api/forums/${encodeURIComponent(slug)}/invitations/${encodeURIComponent(token)}`;
  const [state, , retry] = useApi<Invitation>(path);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [consent, setConsent] = useState<ConsentChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!state.data) return <PageNotLoaded error={state.error} retry={retry} />;
  const invitation = state.data;
  async function accept(event: Event) {
    event.preventDefault();
    setError(null);
    if (!consent) {
      setError(t('cohort.missing_publicationConsent'));
      document.querySelector<HTMLInputElement>('#publicationConsent input')?.focus();
      return;
    }
    try {
      const body = {
        publicationConsent: consent,
        ...(invitation.hasAccount
          ? {}
          : {
              account: {
                displayName,
                password,
                interfaceLang: lang,
                timeZone: browserTimeZone(),
                ...(acceptTerms ? { acceptTerms: true } : {}),
              },
            }),
      };
      await api(`${path}/accept`, { method: 'POST', body });
      // A full load picks up the new session and roles.
      window.location.assign(`/forums/${slug}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  const role =
    invitation.role === 'key_respondent'
      ? t('cohort.badge_key_respondent')
      : invitation.role === 'participant'
        ? t('cohort.kind_participant')
        : t(`roles.${invitation.role}`);
  return (
    <>
      <PageHeading text={t('cohort.invitationTitle')} />
      <p>
        {t('cohort.invitationText', { role })}{' '}
        {invitation.week !== null ? t('cohort.weekOption', { number: invitation.week }) : ''}
      </p>
      {invitation.hasAccount && !me ? (
        <p>
          <a href={signInHref(`/forums/${slug}/invitations/${token}`)}>{t('cohort.invitationSignIn')}</a>
        </p>
      ) : (
        <form onSubmit={(event) => void accept(event)} noValidate>
          <p>{invitation.email}</p>
          {invitation.hasAccount ? null : (
            <>
              <TextField
                id="displayName"
                label={t('fields.displayName')}
                value={displayName}
                onInput={setDisplayName}
                required
                autoComplete="name"
                maxLength={80}
              />
              <TextField
                id="password"
                type="password"
                label={t('fields.password')}
                value={password}
                onInput={setPassword}
                required
                autoComplete="new-password"
                maxLength={256}
              />
              <AcceptTerms checked={acceptTerms} onChange={setAcceptTerms} />
            </>
          )}
          <ConsentChoiceField name="publicationConsent" value={consent} onChange={setConsent} />
          <LiveMessage message={error} />
          <button type="submit">{t('cohort.acceptInvitation')}</button>
        </form>
      )}
    </>
  );
}
