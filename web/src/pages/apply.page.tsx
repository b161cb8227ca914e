// The application form: as participant or key-respondent candidate, with live word counts, and
// for a visitor the account fields (the account is opened with the application). An applicant
// who already applied sees their application's status here and edits it until the deadline.
import { ConsentChoiceField } from '../consent/consent-choice.tsx';
import type { ConsentChoice } from '../consent/consent-types.ts';
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { TextField } from '../components/fields.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { AcceptTerms } from '../privacy/accept-terms.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { signInHref } from '../components/sign-in-prompt.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';
import { useSession } from '../session/session-context.tsx';
import { browserTimeZone } from '../time/time-zone.ts';
import type { Application, ApplicationAnswer, ApplyAnswer, OwnApplication } from '../cohort/cohort-types.ts';
import {
  EXPERIENCE,
  ExperienceFields,
  Prerequisites,
  RegionAndSector,
  type Experience,
} from '../cohort/call-choices.tsx';
import { ApplicationStatusPanel } from '../cohort/application-status.tsx';
import { overLimit, WordCounter } from '../cohort/word-counter.tsx';

type Kind = Application['kind'];

interface Draft {
  kind: Kind;
  description: string;
  statement: string;
  fitsWeek: number;
  organisation: string;
  region: string;
  country: string;
  langs: Lang[];
  heardFrom: string;
  optIn: boolean;
  publicationConsent: ConsentChoice | null;
  sector: string;
  prerequisites: string[];
  experience: Experience;
}

function draftOf(application: Application | null, lang: Lang, firstWeek: number): Draft {
  return {
    kind: application?.kind ?? 'participant',
    description: application?.description ?? '',
    statement: application?.statement ?? '',
    fitsWeek: application?.fitsWeek ?? firstWeek,
    organisation: application?.organisation ?? '',
    region: application?.region ?? '',
    country: application?.country ?? '',
    langs: application?.langs ?? [lang],
    heardFrom: application?.heardFrom ?? '',
    optIn: false,
    publicationConsent: null,
    sector: application?.sector ?? '',
    prerequisites: application?.prerequisitesConfirmed ?? [],
    experience: {
      researchExperience: application?.researchExperience ?? '',
      groundExperience: application?.groundExperience ?? '',
      policyExperience: application?.policyExperience ?? '',
    },
  };
}

function ApplicationForm({
  slug,
  data,
  onSaved,
}: {
  slug: string;
  data: OwnApplication;
  onSaved(application: Application | null, email?: string): void;
}) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { call, application } = data;
  const [draft, setDraft] = useState<Draft>(() => ({
    ...draftOf(application, lang, call.weeks[0] ?? 1),
    optIn: data.optedIn,
    // The choice already on record, so sending a withdrawn application again does not ask twice.
    publicationConsent: data.publicationConsent,
  }));
  const [account, setAccount] = useState({ email: '', displayName: '', password: '' });
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (changes: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...changes }));
  const candidate = draft.kind === 'key_respondent';
  const withdrawn = application?.status === 'withdrawn';
  const tooLong =
    overLimit(draft.description, call.descriptionWordLimit) ||
    (candidate && overLimit(draft.statement, call.statementWordLimit)) ||
    (candidate && EXPERIENCE.some((field) => overLimit(draft.experience[field], call.experienceWordLimit)));

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || tooLong) return;
    // Checked here first, so the applicant is sent to the first thing missing without a round trip.
    const missing =
      (call.regions.length > 0 && !draft.region && 'region') ||
      (call.sectors.length > 0 && !draft.sector && 'sector') ||
      (call.prerequisites.some((item) => !draft.prerequisites.includes(item.key)) && 'prerequisites') ||
      (!draft.publicationConsent && !(application && !withdrawn) && 'publicationConsent');
    if (missing) {
      setError(t(`cohort.missing_${missing}`));
      (document.getElementById(missing)?.querySelector('input') ?? document.getElementById(missing))?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      kind: draft.kind,
      description: draft.description,
      organisation: draft.organisation,
      region: draft.region,
      country: draft.country,
      langs: draft.langs,
      heardFrom: draft.heardFrom,
      optIn: draft.optIn,
      ...(draft.publicationConsent ? { publicationConsent: draft.publicationConsent } : {}),
      sector: draft.sector,
      prerequisites: draft.prerequisites.filter((key) => call.prerequisites.some((item) => item.key === key)),
      ...(candidate ? { statement: draft.statement, fitsWeek: draft.fitsWeek, ...draft.experience } : {}),
    };
    try {
      const path = `/api/forums/${encodeURIComponent(slug)}/application`;
      // A withdrawn application is sent again (POST reopens it); only a live one is edited.
      if (application && !withdrawn) {
        const saved = await api<ApplicationAnswer>(path, { method: 'PUT', body });
        onSaved(saved.application);
      } else if (me) {
        const saved = await api<ApplyAnswer>(path, { method: 'POST', body });
        // The server asks to confirm an email only of an applicant without an account.
        if (saved.status === 'applied') onSaved(saved.application);
        else onSaved(null, me.email);
      } else {
        await api(path, {
          method: 'POST',
          body: {
            ...body,
            account: {
              ...account,
              interfaceLang: lang,
              timeZone: browserTimeZone(),
              // Unticked, the server's answer says in words what is missing.
              ...(acceptTerms ? { acceptTerms: true } : {}),
            },
          },
        });
        onSaved(null, account.email.trim());
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <fieldset>
        <legend>{t('cohort.kind')}</legend>
        {(['participant', 'key_respondent'] as const).map((kind) => (
          <label key={kind} class="choice">
            <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => set({ kind })} />{' '}
            {t(`cohort.kind_${kind}`)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="description">{t('cohort.description')}</label>
        <textarea
          id="description"
          rows={6}
          value={draft.description}
          aria-describedby="description-count"
          required
          onInput={(event) => set({ description: event.currentTarget.value })}
        />
        <WordCounter id="description-count" text={draft.description} max={call.descriptionWordLimit} />
      </div>
      {candidate ? (
        <>
          <div class="field">
            <label for="statement">{t('cohort.statement', { max: call.statementWordLimit })}</label>
            <textarea
              id="statement"
              rows={10}
              value={draft.statement}
              aria-describedby="statement-count"
              required
              onInput={(event) => set({ statement: event.currentTarget.value })}
            />
            <WordCounter id="statement-count" text={draft.statement} max={call.statementWordLimit} />
          </div>
          <ExperienceFields
            call={call}
            values={draft.experience}
            onChange={(changes) => set({ experience: { ...draft.experience, ...changes } })}
          />
          <div class="field">
            <label for="fitsWeek">{t('cohort.fitsWeek')}</label>
            <select
              id="fitsWeek"
              value={String(draft.fitsWeek)}
              onChange={(event) => set({ fitsWeek: Number(event.currentTarget.value) })}
            >
              {call.weeks.map((number) => (
                <option key={number} value={number}>
                  {t('cohort.weekOption', { number })}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      <TextField
        id="organisation"
        label={t('cohort.organisation')}
        value={draft.organisation}
        onInput={(organisation) => set({ organisation })}
        maxLength={120}
      />
      <RegionAndSector call={call} region={draft.region} sector={draft.sector} onChange={set} />
      <TextField
        id="country"
        label={t('cohort.country')}
        value={draft.country}
        onInput={(country) => set({ country })}
        required
        maxLength={120}
      />
      <fieldset>
        <legend>{t('cohort.langs')}</legend>
        {LANGS.map((code) => (
          <label key={code} class="choice" lang={code}>
            <input
              type="checkbox"
              checked={draft.langs.includes(code)}
              onChange={(event) =>
                set({
                  langs: event.currentTarget.checked ? [...draft.langs, code] : draft.langs.filter((l) => l !== code),
                })
              }
            />{' '}
            {ENDONYMS[code]}
          </label>
        ))}
      </fieldset>
      <TextField
        id="heardFrom"
        label={t('cohort.heardFrom')}
        value={draft.heardFrom}
        onInput={(heardFrom) => set({ heardFrom })}
        maxLength={500}
      />
      <Prerequisites call={call} confirmed={draft.prerequisites} onChange={(prerequisites) => set({ prerequisites })} />
      <label class="choice">
        <input
          type="checkbox"
          checked={draft.optIn}
          onChange={(event) => set({ optIn: event.currentTarget.checked })}
        />{' '}
        {t('cohort.optIn')}
      </label>
      <ConsentChoiceField
        name="publicationConsent"
        value={draft.publicationConsent}
        onChange={(publicationConsent) => set({ publicationConsent })}
        regionName={call.regions.find((region) => region.key === draft.region)?.name[lang]}
      />
      {!me && !application ? (
        <fieldset>
          <legend>{t('cohort.account')}</legend>
          <p class="hint">
            {t('cohort.accountHint')} <a href={signInHref(`/forums/${slug}/apply`)}>{t('nav.signIn')}</a>
          </p>
          <TextField
            id="email"
            type="email"
            label={t('fields.email')}
            value={account.email}
            onInput={(email) => setAccount({ ...account, email })}
            required
            autoComplete="email"
            maxLength={254}
          />
          <TextField
            id="displayName"
            label={t('fields.displayName')}
            value={account.displayName}
            onInput={(displayName) => setAccount({ ...account, displayName })}
            required
            autoComplete="name"
            maxLength={80}
          />
          <TextField
            id="password"
            type="password"
            label={t('fields.password')}
            value={account.password}
            onInput={(password) => setAccount({ ...account, password })}
            required
            autoComplete="new-password"
            maxLength={256}
          />
          <AcceptTerms checked={acceptTerms} onChange={setAcceptTerms} />
        </fieldset>
      ) : null}
      <LiveMessage message={error} />
      <button type="submit" disabled={busy || tooLong}>
        {busy
          ? t('cohort.sending')
          : t(withdrawn ? 'cohort.submitAgain' : application ? 'cohort.save' : 'cohort.submit')}
      </button>
    </form>
  );
}

export default function ApplyPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [state, update, retry] = useApi<OwnApplication>(`/api/forums/${encodeURIComponent(slug)}/application`);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  if (!state.data) return <PageNotLoaded error={state.error} retry={retry} />;
  const data = state.data;
  const application = data.application;
  const withdrawn = application?.status === 'withdrawn';
  const editable =
    data.call.open && application !== null && (application.status === 'pending' || application.status === 'waitlisted');

  if (sentTo) {
    return (
      <>
        <PageHeading text={t('cohort.apply')} />
        <Notice kind="ok">
          <p role="status">{t('cohort.checkEmail', { email: sentTo })}</p>
        </Notice>
      </>
    );
  }
  return (
    <>
      <PageHeading text={application && !withdrawn ? t('cohort.yourApplication') : t('cohort.apply')} />
      <p>
        <a href={`/forums/${slug}`}>{t('week.backToForum')}</a>
      </p>
      {withdrawn && !editing ? (
        <section aria-labelledby="application-status" class="application-status">
          <h2 id="application-status">{t('cohort.yourApplication')}</h2>
          <p data-status="withdrawn">
            <strong>{t('cohort.status_withdrawn')}</strong> · {t(`cohort.kind_${application.kind}`)}
          </p>
          {data.call.open ? (
            <>
              <p>{t('cohort.applyAgainHint')}</p>
              <button type="button" onClick={() => setEditing(true)}>
                {t('cohort.applyAgain')}
              </button>
            </>
          ) : (
            <Notice>{t('cohort.closed')}</Notice>
          )}
        </section>
      ) : application && !withdrawn && !editing ? (
        <>
          <ApplicationStatusPanel
            slug={slug}
            application={application}
            onChange={(changed) => update((d) => ({ ...d, application: changed }))}
          />
          {editable ? (
            <button type="button" onClick={() => setEditing(true)}>
              {t('cohort.edit')}
            </button>
          ) : null}
        </>
      ) : data.call.open ? (
        <ApplicationForm
          slug={slug}
          data={data}
          onSaved={(saved, email) => {
            if (saved) update((d) => ({ ...d, application: saved }));
            else setSentTo(email ?? '');
            setEditing(false);
          }}
        />
      ) : (
        <Notice>{t('cohort.closed')}</Notice>
      )}
    </>
  );
}
