// On the profile: the reader's applications with their status and week, and which profile
// fields the directory hides from other members.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { DirectoryPrivacy, MyApplications } from './cohort-types.ts';

type Field = DirectoryPrivacy['hidden'][number];
const FIELDS: Field[] = ['organisation', 'region', 'country', 'languages'];

export function MyCohort() {
  const { t } = useI18n();
  const [applications] = useApi<MyApplications>('/api/me/applications');
  const [privacy, update] = useApi<DirectoryPrivacy>('/api/me/directory-privacy');
  const [error, setError] = useState<string | null>(null);
  async function toggle(field: Field, hide: boolean) {
    const hidden = hide
      ? [...(privacy.data?.hidden ?? []), field]
      : (privacy.data?.hidden ?? []).filter((f) => f !== field);
    try {
      const saved = await api<DirectoryPrivacy>('/api/me/directory-privacy', { method: 'PUT', body: { hidden } });
      update(() => saved);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <section aria-labelledby="my-applications">
      <h2 id="my-applications">{t('cohort.myApplications')}</h2>
      {applications.data && applications.data.applications.length === 0 ? (
        <p>{t('cohort.noApplications')}</p>
      ) : (
        <ul>
          {applications.data?.applications.map((a) => (
            <li key={a.forumSlug}>
              <a href={`/forums/${a.forumSlug}/apply`}>{a.forumSlug}</a>:{' '}
              <span data-status={a.status}>{t(`cohort.status_${a.status}`)}</span> · {t(`cohort.kind_${a.kind}`)}
              {a.assignedWeek !== null ? (
                <>
                  {' '}
                  · <span data-week={a.assignedWeek}>{t('cohort.weekOption', { number: a.assignedWeek })}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {privacy.data ? (
        <fieldset>
          <legend>{t('cohort.hideFields')}</legend>
          {FIELDS.map((field) => (
            <label key={field} class="choice">
              <input
                type="checkbox"
                checked={privacy.data!.hidden.includes(field)}
                onChange={(event) => void toggle(field, event.currentTarget.checked)}
              />{' '}
              {t(`cohort.field_${field}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <LiveMessage message={error} />
    </section>
  );
}
