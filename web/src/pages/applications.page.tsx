// Organizers review applications: filters (kind, region, country, language, status, week) kept
// in the address, counts, each application with its texts, and decisions one at a time (accept
// as participant or as key respondent of a week, decline, waitlist, with a message) or in bulk.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, ApiError, errorMessage } from '../api/client.ts';
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
import type { ApplicationList, OwnApplication } from '../cohort/cohort-types.ts';
import { CandidateExperience } from '../cohort/candidate-experience.tsx';
import { CohortAdmin } from '../cohort/cohort-admin.tsx';
import type { Static } from 'typebox';
import type { BulkDecisionResponse } from '../../../server/applications/applications.schemas.ts';

type Row = ApplicationList['applications'][number];
const FILTERS = ['kind', 'status', 'region', 'sector', 'lang', 'week', 'country'] as const;
/** The statuses the counts line names, in the order an organizer works through them. */
const STATUSES = ['pending', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const;
type Filter = (typeof FILTERS)[number];
const REMOVES_ROLE = new Set(['decision_removes_seat', 'decision_removes_membership']);
type BulkResult = Static<typeof BulkDecisionResponse>;

/** What a bulk decision left alone, in words: who, and the decision they already have. */
function SkippedList({ skipped }: { skipped: BulkResult['skipped'] }) {
  const { t } = useI18n();
  if (skipped.length === 0) return null;
  return (
    <div class="notice notice-warn" role="status">
      <p>{t('cohort.bulkSkipped', { count: skipped.length })}</p>
      <ul>
        {skipped.map((row) => (
          <li key={row.id} data-skipped={row.id}>
            {row.displayName}: {t(`cohort.status_${row.status}`)}
            {row.assignedWeek !== null ? ` · ${t('cohort.skippedKeyRespondent', { number: row.assignedWeek })}` : ''}
          </li>
        ))}
      </ul>
      <p>{t('cohort.bulkSkippedHint')}</p>
    </div>
  );
}

function Decision({ slug, row, weeks, onDone }: { slug: string; row: Row; weeks: number[]; onDone(): void }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const [week, setWeek] = useState(row.fitsWeek ?? weeks[0] ?? 1);
  const [error, setError] = useState<string | null>(null);
  async function decide(body: Record<string, unknown>) {
    setError(null);
    const path = `/api/forums/${encodeURIComponent(slug)}/applications/${row.id}/decision`;
    try {
      await api(path, { method: 'POST', body: { ...body, message } });
      onDone();
    } catch (failure) {
      // A decision that would take a seat or a place away says so, and goes ahead only when confirmed.
      if (failure instanceof ApiError && REMOVES_ROLE.has(failure.code)) {
        if (!confirm(failure.message)) return;
        try {
          await api(path, { method: 'POST', body: { ...body, message, confirmRoleRemoval: true } });
          onDone();
        } catch (again) {
          setError(errorMessage(again));
        }
        return;
      }
      setError(errorMessage(failure));
    }
  }
  const id = `message-${row.id}`;
  return (
    <div class="decision">
      <label for={id}>{t('cohort.decisionMessage', { language: ENDONYMS[row.lang] })}</label>
      <textarea
        id={id}
        rows={2}
        lang={row.lang}
        value={message}
        onInput={(event) => setMessage(event.currentTarget.value)}
      />
      <div class="actions">
        <button type="button" onClick={() => void decide({ decision: 'accept', role: 'participant' })}>
          {t('cohort.accept')}
        </button>
        <span class="inline-field">
          <button type="button" onClick={() => void decide({ decision: 'accept', role: 'key_respondent', week })}>
            {t('cohort.acceptKeyRespondent')}
          </button>{' '}
          <select
            aria-label={t('cohort.fitsWeek')}
            value={String(week)}
            onChange={(event) => setWeek(Number(event.currentTarget.value))}
          >
            {weeks.map((number) => (
              <option key={number} value={number}>
                {t('cohort.weekOption', { number })}
              </option>
            ))}
          </select>
        </span>
        <button type="button" class="secondary" onClick={() => void decide({ decision: 'waitlist' })}>
          {t('cohort.waitlist')}
        </button>
        <button type="button" class="secondary" onClick={() => void decide({ decision: 'decline' })}>
          {t('cohort.decline')}
        </button>
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
  for (const key of FILTERS) if (query[key]) params.set(key, query[key]);
  const [state, , retry, reload] = useApi<ApplicationList>(
    `/api/forums/${encodeURIComponent(slug)}/applications?${params}`,
  );
  const [call, , , reloadCall] = useApi<OwnApplication>(`/api/forums/${encodeURIComponent(slug)}/application`);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulkMessage, setBulkMessage] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<BulkResult['skipped']>([]);
  const [error, setError] = useState<string | null>(null);
  if (!state.data) return <PageNotLoaded error={state.error} retry={retry} />;
  const { applications, counts, countries, seats, regions, sectors } = state.data;
  // Each region or sector by its name in the reader's language, with how many applications it holds under the other filters.
  const listOptions = (entries: typeof regions): [string, string][] =>
    entries
      .filter((entry) => !entry.archived || entry.count > 0 || query.region === entry.key || query.sector === entry.key)
      .map((entry) => [entry.key, t('cohort.countryOption', { country: entry.name[lang], number: entry.count })]);
  const weeks = call.data?.call.weeks ?? [];

  function setFilter(key: Filter, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setSelected([]);
    route(`${path}${next.size ? `?${next}` : ''}`, true);
  }
  async function done(text = t('cohort.decided')) {
    setNotice(text);
    setSelected([]);
    await reload();
  }
  async function bulk(decision: 'accept' | 'decline' | 'waitlist') {
    setError(null);
    setSkipped([]);
    try {
      const result = await api<BulkResult>(`/api/forums/${encodeURIComponent(slug)}/applications/decisions`, {
        method: 'POST',
        body: { ids: selected, decision, message: bulkMessage },
      });
      setSkipped(result.skipped);
      await done(t('cohort.bulkDecided', { count: result.decided }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  const select = (key: Filter, options: [string, string][]) => (
    <label class="inline-field" key={key}>
      {t(`cohort.filterBy.${key}`)}{' '}
      <select name={key} value={query[key] ?? ''} onChange={(event) => setFilter(key, event.currentTarget.value)}>
        <option value="">{t('cohort.any')}</option>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
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
        {select('kind', [
          ['participant', t('cohort.kind_participant')],
          ['key_respondent', t('cohort.kind_key_respondent')],
        ])}
        {select(
          'status',
          (['pending', 'accepted', 'waitlisted', 'declined', 'withdrawn'] as const).map((s) => [
            s,
            t(`cohort.status_${s}`),
          ]),
        )}
        {regions.length ? select('region', listOptions(regions)) : null}
        {sectors.length ? select('sector', listOptions(sectors)) : null}
        {select(
          'lang',
          LANGS.map((l) => [l, ENDONYMS[l]]),
        )}
        {select(
          'week',
          weeks.map((n) => [String(n), t('cohort.weekOption', { number: n })]),
        )}
        {select(
          'country',
          countries.map(({ country, count }) => [country, t('cohort.countryOption', { country, number: count })]),
        )}
      </fieldset>
      <p role="status">
        {t('cohort.counts', {
          count: counts.total,
          parts: STATUSES.map((status) => t(`cohort.countParts.${status}`, { count: by[status] ?? 0 })).join(', '),
        })}
      </p>
      <p>
        {t('cohort.seats', { count: seats.taken, limit: seats.limit, perWeek: seats.perWeek })}{' '}
        <a href={`/forums/${encodeURIComponent(slug)}/console/cohort`}>{t('cohort.seatsByWeekLink')}</a>
      </p>
      <LiveMessage kind="ok" message={notice} />
      <SkippedList skipped={skipped} />
      {applications.length === 0 ? (
        <p>{t('cohort.empty')}</p>
      ) : (
        <>
          <div class="bulk">
            <label class="choice">
              <input
                type="checkbox"
                checked={selected.length === applications.length}
                onChange={(event) => setSelected(event.currentTarget.checked ? applications.map((a) => a.id) : [])}
              />{' '}
              {t('cohort.selectAll')}
            </label>
            {selected.length ? (
              <>
                <p>{t('cohort.bulk', { count: selected.length })}</p>
                <label for="bulk-message">{t('cohort.bulkMessage')}</label>
                <textarea
                  id="bulk-message"
                  rows={2}
                  value={bulkMessage}
                  onInput={(event) => setBulkMessage(event.currentTarget.value)}
                />
                <button type="button" onClick={() => void bulk('accept')}>
                  {t('cohort.accept')}
                </button>{' '}
                <button type="button" class="secondary" onClick={() => void bulk('waitlist')}>
                  {t('cohort.waitlist')}
                </button>{' '}
                <button type="button" class="secondary" onClick={() => void bulk('decline')}>
                  {t('cohort.decline')}
                </button>
                <LiveMessage message={error} />
              </>
            ) : null}
          </div>
          <ul class="applications">
            {applications.map((row) => (
              <li key={row.id} data-application={row.id}>
                <h2>
                  <label class="choice">
                    <input
                      type="checkbox"
                      aria-label={t('cohort.select')}
                      checked={selected.includes(row.id)}
                      onChange={(event) =>
                        setSelected(
                          event.currentTarget.checked ? [...selected, row.id] : selected.filter((id) => id !== row.id),
                        )
                      }
                    />
                  </label>{' '}
                  {row.applicant.displayName}{' '}
                  <span class="muted">
                    · {t(`cohort.kind_${row.kind}`)} ·{' '}
                    <span data-status={row.status}>{t(`cohort.status_${row.status}`)}</span>
                  </span>
                </h2>
                <p class="meta">
                  {row.email} · {row.organisation}
                  {row.regionName ? ` · ${row.regionName[lang]}` : ''}
                  {row.sectorName ? ` · ${row.sectorName[lang]}` : ''}
                  {' · '}
                  {row.country} · {row.langs.map((l) => ENDONYMS[l]).join(', ')}
                  {row.fitsWeek !== null ? ` · ${t('cohort.fits', { number: row.fitsWeek })}` : ''}
                  {' · '}
                  {t('cohort.applied', { date: formatInstant(row.createdAt, lang, readerTimeZone(me), 'dateTime') })}
                </p>
                {row.assignedWeek !== null ? (
                  <p>
                    {t('cohort.weekOption', { number: row.assignedWeek })} · {t('cohort.badge_key_respondent')}
                  </p>
                ) : null}
                <details>
                  <summary>{t('cohort.description')}</summary>
                  <p class="prewrap" lang={row.lang}>
                    {row.description}
                  </p>
                  {row.statement ? (
                    <p class="prewrap" lang={row.lang}>
                      {row.statement}
                    </p>
                  ) : null}
                  {row.kind === 'key_respondent' ? <CandidateExperience values={row} lang={row.lang} /> : null}
                  {row.decisionMessage ? (
                    <p>
                      {t('cohort.message')} <q lang={row.lang}>{row.decisionMessage}</q>
                    </p>
                  ) : null}
                </details>
                {row.status !== 'withdrawn' ? (
                  <Decision
                    slug={slug}
                    row={row}
                    weeks={weeks}
                    onDone={() => {
                      setSkipped([]);
                      void done();
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
      <CohortAdmin
        slug={slug}
        weeks={weeks}
        seats={seats}
        call={call.data?.call ?? null}
        onSaved={() => {
          void reload();
          void reloadCall();
        }}
      />
    </>
  );
}
