// The signed-in user's profile: name, languages, time zone and affiliation; their data and account.
import type { UserAnswer } from '../session/session-types.ts';
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Me } from '../../../server/auth/auth.schemas.ts';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import {
  checkProfile,
  focusFirstError,
  ProfileFields,
  type FieldErrors,
  type ProfileDraft,
} from '../components/profile-fields.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { MyCohort } from '../cohort/my-cohort.tsx';
import { MyConsent } from '../consent/my-consent.tsx';
import { MyData } from '../privacy/my-data.tsx';
import { followChosenLang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

function draftOf(me: Me): ProfileDraft {
  const { displayName, interfaceLang, readingLangs, timeZone, organisation, region, country } = me;
  return { displayName, interfaceLang, readingLangs, timeZone, organisation, region, country };
}

function ProfileForm({ me }: { me: Me }) {
  const { t } = useI18n();
  const { setMe } = useSession();
  const [draft, setDraft] = useState(() => draftOf(me));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found = checkProfile(draft, t);
    setErrors(found);
    setError(null);
    setSaved(false);
    if (Object.keys(found).length) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      const { user } = await api<UserAnswer>('/api/me', {
        method: 'PATCH',
        body: { ...draft, displayName: draft.displayName.trim() },
      });
      await followChosenLang(user.interfaceLang);
      await setMe(user);
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('profile.email', { email: me.email })}</p>
      <ProfileFields
        draft={draft}
        onChange={(changes) => {
          setSaved(false);
          setDraft((previous) => ({ ...previous, ...changes }));
        }}
        errors={errors}
      />
      <LiveMessage message={error} />
      <LiveMessage kind="ok" message={saved ? t('profile.saved') : null} />
      <button type="submit" disabled={busy}>
        {busy ? t('profile.saving') : t('profile.submit')}
      </button>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHeading text={t('profile.title')} />
      {me ? <ProfileForm key={me.id} me={me} /> : <SignInPrompt />}
      {me ? <MyCohort /> : null}
      {me ? <MyConsent /> : null}
      {me ? <MyData /> : null}
    </>
  );
}
