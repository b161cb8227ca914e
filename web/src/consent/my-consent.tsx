// On the profile: per forum the member belongs to, how their words may appear in published
// proceedings, when they chose it and every earlier choice. Fixed once an edition is published.
import { useState } from 'preact/hooks';
import type { Static } from 'typebox';
import type { HomeResponse } from '../../../server/home/home.schemas.ts';
import { api, errorMessage } from '../api/client.ts';
import { DateTime } from '../components/date-range.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { ConsentChoiceField } from './consent-choice.tsx';
import type { Consent, ConsentChoice } from './consent-types.ts';

type Forum = Static<typeof HomeResponse>['forums'][number];

function ForumConsent({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const { me } = useSession();
  const zone = readerTimeZone(me);
  const path = `/api/forums/${encodeURIComponent(forum.slug)}/consent`;
  const [state, update] = useApi<Consent>(path);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  async function choose(choice: ConsentChoice) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const answer = await api<Consent>(path, { method: 'PUT', body: { choice } });
      update(() => answer);
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  const consent = state.data;
  return (
    <li>
      <h3 lang={forum.title.lang}>{forum.title.value}</h3>
      {consent ? (
        <>
          <p>
            {consent.choice && consent.chosenAt ? (
              <>
                {t('consent.current', { choice: t(`consent.choice_${consent.choice}`) })}{' '}
                <DateTime value={consent.chosenAt} timeZone={zone} style="dateTime" />
              </>
            ) : (
              t('consent.unanswered')
            )}
          </p>
          {consent.editable ? null : <p class="hint">{t('consent.locked')}</p>}
          <ConsentChoiceField
            name={`consent-${forum.slug}`}
            value={consent.choice}
            onChange={(choice) => void choose(choice)}
            disabled={!consent.editable || busy}
          />
          {consent.records.length > 0 ? (
            <details>
              <summary>{t('consent.history')}</summary>
              <ul>
                {consent.records.map((record) => (
                  <li key={record.chosenAt}>
                    <DateTime value={record.chosenAt} timeZone={zone} style="dateTime" />
                    {' · '}
                    {t(`consent.choice_${record.choice}`)} · {t(`consent.source_${record.source}`)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
      <LiveMessage message={error ?? state.error?.message ?? null} />
      <LiveMessage kind="ok" message={saved ? t('consent.saved') : null} />
    </li>
  );
}

export function MyConsent() {
  const { t } = useI18n();
  const [home] = useApi<Static<typeof HomeResponse>>('/api/home');
  const forums = home.data?.forums.filter((forum) => forum.myRoles.length > 0) ?? [];
  if (forums.length === 0) return null;
  return (
    <section aria-labelledby="publication-consent">
      <h2 id="publication-consent">{t('consent.title')}</h2>
      <ul class="plain">
        {forums.map((forum) => (
          <ForumConsent key={forum.slug} forum={forum} />
        ))}
      </ul>
    </section>
  );
}
