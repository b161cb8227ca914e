// A member's own reports in a forum and what became of each (open, or handled: the post hidden or
// the report dismissed), so whoever reported hears the outcome; the report-handled
// notification links here. The API returns only the caller's reports.
import { LoadError } from '../components/load-error.tsx';
import { DateTime } from '../components/date-range.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { OwnReports } from '../moderation/types.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import '../moderation/moderation.css';

export default function MyReportsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const timeZone = readerTimeZone(me ?? null);
  const [{ data, error }, , retry] = useApi<OwnReports>(`/api/forums/${encodeURIComponent(slug)}/reports/mine`);
  return (
    <>
      <PageHeading text={t('moderation.mine.title')} />
      <p>{t('moderation.mine.intro')}</p>
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data && data.reports.length === 0 ? <p>{t('moderation.mine.none')}</p> : null}
      {data && data.reports.length ? (
        <ul class="card-list">
          {data.reports.map((report) => (
            <li key={report.id} class="card report" data-testid="my-report" data-status={report.status}>
              <h2 class="report-thread">
                <a
                  href={`/forums/${encodeURIComponent(slug)}/threads/${report.post.threadId}#post-${report.post.id}`}
                  lang={report.post.threadLang}
                >
                  {report.post.threadTitle}
                </a>
              </h2>
              <p class={report.status === 'open' ? 'badge badge-report-open' : 'badge badge-report-handled'}>
                {t(`moderation.mine.status.${report.status}`)}
              </p>
              <p class="meta muted">
                <span>
                  {t('moderation.mine.reportedOn')}{' '}
                  <DateTime value={report.createdAt} timeZone={timeZone} style="dateTime" />
                </span>
                {report.handledAt ? (
                  <span>
                    {t('moderation.mine.handledOn')}{' '}
                    <DateTime value={report.handledAt} timeZone={timeZone} style="dateTime" />
                  </span>
                ) : null}
              </p>
              <blockquote class="report-reason" aria-label={t('moderation.mine.yourReason')}>
                {report.reason}
              </blockquote>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
