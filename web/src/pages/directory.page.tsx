// The participants' directory of a forum, filterable by region; what a member hides shows as
// hidden to other members (organizers see it, marked as hidden).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS } from '../i18n/languages.ts';
import type { Directory } from '../cohort/cohort-types.ts';

type Choice = Directory['regions'][number];

/** The reader says which of the forum's regions they are from; the directory and seats by region count it. */
function OwnRegion({
  slug,
  regions,
  mine,
  onSaved,
}: {
  slug: string;
  regions: Choice[];
  mine: Choice | null;
  onSaved(): void;
}) {
  const { t, lang } = useI18n();
  const [value, setValue] = useState(mine?.key ?? '');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <form
      class="own-region"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        setDone(null);
        api(`/api/forums/${encodeURIComponent(slug)}/my-region`, { method: 'PUT', body: { region: value } }).then(
          () => {
            setDone(t('cohort.ownRegionSaved'));
            onSaved();
          },
          (failure: unknown) => setError(errorMessage(failure)),
        );
      }}
    >
      <label for="own-region">{t('cohort.ownRegion')}</label>{' '}
      <select id="own-region" value={value} onChange={(event) => setValue(event.currentTarget.value)}>
        <option value="">{t('cohort.noRegion')}</option>
        {regions.map((r) => (
          <option key={r.key} value={r.key}>
            {r.name[lang]}
          </option>
        ))}
        {mine && !regions.some((r) => r.key === mine.key) ? <option value={mine.key}>{mine.name[lang]}</option> : null}
      </select>{' '}
      <button type="submit">{t('cohort.ownRegionSave')}</button>
      <LiveMessage message={error} />
      <LiveMessage kind="ok" message={error ? null : done} />
    </form>
  );
}

export default function DirectoryPage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const { query, route, path } = useLocation();
  const region = query.region ?? '';
  const [state, , retry, reload] = useApi<Directory>(
    `/api/forums/${encodeURIComponent(slug)}/directory${region ? `?region=${encodeURIComponent(region)}` : ''}`,
  );
  if (!state.data) return <PageNotLoaded error={state.error} retry={retry} />;
  const shown = (value: string | null) => (value === null ? <span class="muted">{t('cohort.hidden')}</span> : value);
  return (
    <>
      <PageHeading text={t('cohort.directory')} />
      <p>
        <a href={`/forums/${slug}`}>{t('week.backToForum')}</a>
      </p>
      {state.data.isMember && state.data.regions.length > 0 ? (
        <OwnRegion slug={slug} regions={state.data.regions} mine={state.data.myRegion} onSaved={() => void reload()} />
      ) : null}
      <label class="inline-field">
        {t('cohort.region')}{' '}
        <select
          value={region}
          onChange={(event) =>
            route(`${path}${event.currentTarget.value ? `?region=${event.currentTarget.value}` : ''}`, true)
          }
        >
          <option value="">{t('cohort.any')}</option>
          {state.data.regions.map((r) => (
            <option key={r.key} value={r.key}>
              {r.name[lang]}
            </option>
          ))}
        </select>
      </label>
      <table>
        <thead>
          <tr>
            <th>{t('fields.displayName')}</th>
            <th>{t('cohort.organisation')}</th>
            <th>{t('cohort.region')}</th>
            <th>{t('cohort.country')}</th>
            <th>{t('cohort.langs')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {state.data.people.map((person) => (
            <tr key={person.id}>
              <td>{person.displayName}</td>
              <td>{shown(person.organisation)}</td>
              <td lang={person.region ? lang : undefined}>
                {person.region === null ? shown(null) : person.region.name[lang]}
              </td>
              <td>{shown(person.country)}</td>
              <td>
                {person.languages === null
                  ? shown(null)
                  : person.languages.map((l) => (
                      <span key={l} lang={l}>
                        {ENDONYMS[l]}{' '}
                      </span>
                    ))}
              </td>
              <td>
                {person.badges.map((badge) => (
                  <span key={badge} class="badge">
                    {t(`cohort.badge_${badge}`)}
                  </span>
                ))}
                {person.week !== null ? (
                  <span class="muted"> {t('cohort.weekOption', { number: person.week })}</span>
                ) : null}
                {person.hidden.length ? (
                  <span class="muted">
                    {' '}
                    ({t('cohort.hidden')}: {person.hidden.map((f) => t(`cohort.field_${f}`)).join(', ')})
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
