// Organizers review applications: filters (kind, region, country, language, status, week) kept
// in the address, counts, each application with its texts, and decisions one at a time (accept
// as participant or as key respondent of a week, decline, waitlist, with a message) or in bulk.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import { ConsoleNav } from '../console/console-nav.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import '../console/console.css';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';
import { formatInstant } from '../time/format.ts';
import { readerTimeZone } from '../time/time-zone.ts';
import { useSession } from '../session/session-context.tsx';
import { REGION_KEYS, type ApplicationList } from '../cohort/cohort-types.ts';
import { CohortAdmin } from '../cohort/cohort-admin.tsx';

type Row = ApplicationList['applications'][number];
const FILTERS = ['kind', 'status', 'region', 'lang', 'week', 'country'] as const;
/** The statuses the counts line names, in the order an organizer works through them. */
const STATUSES = ['pending', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const;
type Filter = (typeof FILTERS)[number];

function Decision({ slug, row, weeks, onDone }: { slug: string; row: Row; weeks: number[]; onDone(): void }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const [week, setWeek] = useState(row.fitsWeek ?? weeks[0] ?? 1);
  const [error, setError] = useState<string | null>(null);
  async function decide(body: Record<string, unknown>) {
    setError(null);
    try {
      await api(`/api/forums/${encodeURIComponent(slug)}/applications/${row.id}/decision`, { method: 'POST', body: { ...body, message } });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  const id = `message-${row.id}`;
  return (
    <div class="decision">
      <label for={id}>{t('cohort.decisionMessage', { language: ENDONYMS[row.lang] })}</label>
      <textarea id={id} rows={2} lang={row.lang} value={message} onInput={(event) => setMessage(event.currentTarget.value)} />
      <div class="actions">
        <button type="button" onClick={() => void decide({ decision: 'accept', role: 'participant' })}>{t('cohort.accept')}</button>
        <span class="inline-field">
          <button type="button" onClick={() => void decide({ decision: 'accept', role: 'key_respondent', week })}>{t('cohort.acceptKeyRespondent')}</button>{' '}
          <select aria-label={t('cohort.fitsWeek')} value={String(week)} onChange={(event) => setWeek(Number(event.currentTarget.value))}>
            {weeks.map((number) => <option key={number} value={number}>{t('cohort.weekOption', { number })}</option>)}
          </select>
        </span>
        <button type="button" class="secondary" onClick={() => void decide({ decision: 'waitlist' })}>{t('cohort.waitlist')}</button>
        <button type="button" class="secondary" onClick={() => void decide({ decision: 'decline' })}>{t('cohort.decline')}</button>
      </div>
      <LiveMessage message={error} />
    </div>
  );
}

export default function ApplicationsPage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { query, route, path } = useLocation();
  const params = new URLSearchParams();
  for (const key of FILTERS) if (query[key]) params.set(key, query[key]!);
  const [state, , retry, reload] = useApi<ApplicationList>(`/api/forums/${encodeURIComponent(slug)}/applications?${params}`);
  const [call, , , reloadCall] = useApi<{ call: { weeks: number[]; descriptionWordLimit: number; deadlineOn: string } }>(`/api/forums/${encodeURIComponent(slug)}/application`);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkMessage, setBulkMessage] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!state.data) return <PageNotLoaded error={state.error} retry={retry} />;
  const { applications, counts, countries, seats } = state.data;
  const weeks = call.data?.call.weeks ?? [];

  function setFilter(key: Filter, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setSelected([]);
    route(`${path}${next.size ? `?${next}` : ''}`, true);
  }
  async function done() {
    setNotice(t('cohort.decided'));
    setSelected([]);
    await reload();
  }
  async function bulk(decision: 'accept' | 'decline' | 'waitlist') {
    setError(null);
    try {
      await api(`/api/forums/${encodeURIComponent(slug)}/applications/decisions`, { method: 'POST', body: { ids: selected, decision, message: bulkMessage } });
      await done();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  const select = (key: Filter, options: [string, string][]) => (
    <label class="inline-field" key={key}>
      {t(`cohort.filterBy.${key}`)}{' '}
      <select name={key} value={query[key] ?? ''} onChange={(event) => setFilter(key, event.currentTarget.value)}>
        <option value="">{t('cohort.any')}</option>
        {options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
    </label>
  );
  const by = counts.byStatus;
  return (
    <>
      <PageHeading text={t('cohort.review')} />
      <ConsoleNav slug={slug} current="applications" />
      <fieldset class="filters">
        <legend>{t('cohort.filters')}</legend>
        {select('kind', [['participant', t('cohort.kind_participant')], ['key_respondent', t('cohort.kind_key_respondent')]])}
        {select('status', (['pending', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const).map((s) => [s, t(`cohort.status_${s}`)]))}
        {select('region', REGION_KEYS.map((r) => [r, t(`regions.${r}`)]))}
        {select('lang', LANGS.map((l) => [l, ENDONYMS[l]]))}
        {select('week', weeks.map((n) => [String(n), t('cohort.weekOption', { number: n })]))}
        {select('country', countries.map(({ country, count }) => [country, t('cohort.countryOption', { country, number: count })]))}
      </fieldset>
      <p role="status">{t('cohort.counts', { count: counts.total, parts: STATUSES.map((status) => t(`cohort.countParts.${status}`, { count: by[status] ?? 0 })).join(', ') })}</p>
      <p>{t('cohort.seats', { count: seats.taken, limit: seats.limit, perWeek: seats.perWeek })}</p>
      <LiveMessage kind="ok" message={notice} />
      {applications.length === 0 ? <p>{t('cohort.empty')}</p> : (
        <>
          <div class="bulk">
            <label class="choice"><input type="checkbox" checked={selected.length === applications.length}
              onChange={(event) => setSelected(event.currentTarget.checked ? applications.map((a) => a.id) : [])} /> {t('cohort.selectAll')}</label>
            {selected.length ? (
              <>
                <p>{t('cohort.bulk', { count: selected.length })}</p>
                <label for="bulk-message">{t('cohort.bulkMessage')}</label>
                <textarea id="bulk-message" rows={2} value={bulkMessage} onInput={(event) => setBulkMessage(event.currentTarget.value)} />
                <button type="button" onClick={() => void bulk('accept')}>{t('cohort.accept')}</button>{' '}
                <button type="button" class="secondary" onClick={() => void bulk('waitlist')}>{t('cohort.waitlist')}</button>{' '}
                <button type="button" class="secondary" onClick={() => void bulk('decline')}>{t('cohort.decline')}</button>
                <LiveMessage message={error} />
              </>
            ) : null}
          </div>
          <ul class="applications">
            {applications.map((row) => (
              <li key={row.id} data-application={row.id}>
                <h2>
                  <label class="choice"><input type="checkbox" aria-label={t('cohort.select')} checked={selected.includes(row.id)}
                    onChange={(event) => setSelected(event.currentTarget.checked ? [...selected, row.id] : selected.filter((id) => id !== row.id))} /></label>{' '}
                  {row.applicant.displayName} <span class="muted">· {t(`cohort.kind_${row.kind}`)} · <span data-status={row.status}>{t(`cohort.status_${row.status}`)}</span></span>
                </h2>
                <p class="meta">
                  {row.email} · {row.organisation} · {t(`regions.${row.region}`)} · {row.country} · {row.langs.map((l) => ENDONYMS[l]).join(', ')}
                  {row.fitsWeek !== null ? ` · ${t('cohort.fits', { number: row.fitsWeek })}` : ''}
                  {' · '}{t('cohort.applied', { date: formatInstant(row.createdAt, lang, readerTimeZone(me), 'dateTime') })}
                </p>
                {row.assignedWeek !== null ? <p>{t('cohort.weekOption', { number: row.assignedWeek })} · {t('cohort.badge_key_respondent')}</p> : null}
                <details>
                  <summary>{t('cohort.description')}</summary>
                  <p class="prewrap" lang={row.lang}>{row.description}</p>
                  {row.statement ? <p class="prewrap" lang={row.lang}>{row.statement}</p> : null}
                  {row.decisionMessage ? <p>{t('cohort.message')} <q lang={row.lang}>{row.decisionMessage}</q></p> : null}
                </details>
                {row.status !== 'withdrawn' ? <Decision slug={slug} row={row} weeks={weeks} onDone={() => void done()} /> : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <CohortAdmin slug={slug} weeks={weeks} seats={seats} call={call.data?.call ?? null} onSaved={() => { void reload(); void reloadCall(); }} />
    </>
  );
}
