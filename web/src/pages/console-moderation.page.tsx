// The console's moderation queue: open reports oldest first, each with its post in context and
// the actions to hide the post or dismiss the report; handled reports by outcome. Organizers
// and admins only (the API decides; this page says so to anyone else).
import { useState } from 'preact/hooks';
import { ConsoleFrame } from '../console/console-frame.tsx';
import { LoadError } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ReportCard } from '../moderation/report-card.tsx';
import type { ReportQueue } from '../moderation/types.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import '../moderation/moderation.css';

const FILTERS = ['open', 'acted_on', 'dismissed', 'all'] as const;

function Queue({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('open');
  const [{ data, error }, , retry, refresh] = useApi<ReportQueue>(
    `/api/forums/${encodeURIComponent(slug)}/reports?status=${status}`,
  );
  const [message, setMessage] = useState<string | null>(null);
  const count = (filter: (typeof FILTERS)[number]) =>
    data
      ? filter === 'all'
        ? data.counts.open + data.counts.dismissed + data.counts.acted_on
        : data.counts[filter]
      : null;
  return (
    <section aria-labelledby="moderation-reports">
      <h2 id="moderation-reports" class="visually-hidden">
        {t('moderation.show')}
      </h2>
      <nav class="report-tabs" aria-label={t('moderation.show')}>
        <ul class="button-row">
          {FILTERS.map((filter) => (
            <li key={filter}>
              <button
                type="button"
                class={filter === status ? 'button-small' : 'button-small button-quiet'}
                aria-pressed={filter === status}
                onClick={() => {
                  setMessage(null);
                  setStatus(filter);
                }}
              >
                {count(filter) === null
                  ? t(`moderation.status.${filter}`)
                  : t('moderation.tab', { label: t(`moderation.status.${filter}`), number: count(filter) })}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <LiveMessage kind="ok" message={message} />
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data && data.reports.length === 0 ? (
        <p>{t(status === 'open' ? 'moderation.emptyOpen' : 'moderation.empty')}</p>
      ) : null}
      {data && data.reports.length ? (
        <ul class="card-list">
          {data.reports.map((report) => (
            <ReportCard
              key={report.id}
              slug={slug}
              report={report}
              timeZone={timeZone}
              onHandled={(text) => {
                setMessage(text);
                void refresh();
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default function ConsoleModerationPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <ConsoleFrame slug={slug} current="moderation" heading={t('moderation.title')}>
      <>
        <p>{t('moderation.intro')}</p>
        <Queue slug={slug} timeZone={readerTimeZone(me ?? null)} />
      </>
    </ConsoleFrame>
  );
}
