// The console's people tab: the forum's members with roles and status, filtered by role and
// status; changing roles, suspending, removing; inviting by email. Organizers and admins only
// (the API decides; this page says so to anyone else).
import { useState } from 'preact/hooks';
import { ConsoleFrame } from '../console/console-frame.tsx';
import { LoadError } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { InviteForm } from '../people/invite-form.tsx';
import { PersonCard } from '../people/person-card.tsx';
import { ConsentSummary } from '../consent/consent-summary.tsx';
import { ROLES, type PeopleList } from '../people/types.ts';
import '../people/people.css';

function People({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const query = new URLSearchParams({ ...(role ? { role } : {}), ...(status ? { status } : {}) }).toString();
  const [{ data, error }, update, retry, refresh] = useApi<PeopleList>(
    `/api/forums/${encodeURIComponent(slug)}/people${query ? `?${query}` : ''}`,
  );
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <section aria-labelledby="people-members">
        <h2 id="people-members" class="visually-hidden">
          {t('people.title')}
        </h2>
        <form class="console-row filters" aria-label={t('people.filters')} onSubmit={(event) => event.preventDefault()}>
          <div class="field">
            <label for="people-role">{t('people.role')}</label>
            <select id="people-role" value={role} onChange={(event) => setRole(event.currentTarget.value)}>
              <option value="">{t('people.anyRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="people-status">{t('people.status')}</label>
            <select id="people-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <option value="">{t('people.anyStatus')}</option>
              <option value="active">{t('people.active')}</option>
              <option value="suspended">{t('people.suspended')}</option>
            </select>
          </div>
        </form>
        <LiveMessage kind="ok" message={message} />
        {error ? <LoadError error={error} retry={retry} /> : null}
        {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
        {data ? (
          <>
            <p class="muted">
              {t('people.count', { count: data.people.length })} ·{' '}
              {t('people.seats', {
                count: data.keyRespondents.taken,
                limit: data.keyRespondents.limit,
                perWeek: data.keyRespondents.perWeek,
              })}
            </p>
            {data.people.length === 0 ? (
              <p>{t('people.none')}</p>
            ) : (
              <ul class="card-list">
                {data.people.map((person) => (
                  <PersonCard
                    key={person.id}
                    slug={slug}
                    person={person}
                    weeks={data.weeks}
                    onChanged={(changed, text) => {
                      setMessage(text);
                      if (changed)
                        update((d) => ({ ...d, people: d.people.map((p) => (p.id === changed.id ? changed : p)) }));
                      // Seats and filters may have moved: read the list again.
                      void refresh();
                    }}
                  />
                ))}
              </ul>
            )}
          </>
        ) : null}
      </section>
      {data ? (
        <section aria-labelledby="people-invite">
          <h2 id="people-invite">{t('people.invite.title')}</h2>
          <InviteForm slug={slug} weeks={data.weeks} onInvited={() => void refresh()} />
        </section>
      ) : null}
    </>
  );
}

export default function ConsolePeoplePage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="people" heading={t('people.title')}>
      <>
        <p>{t('people.intro')}</p>
        <ConsentSummary slug={slug} />
        <People slug={slug} />
      </>
    </ConsoleFrame>
  );
}
