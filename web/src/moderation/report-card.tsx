// One report in the moderation queue: the reported post in its context (thread, week, the post
// it answers, its author), who reported it and why, its outcome, and the organizer's two
// actions — hide the post with a reason, or dismiss the report with an optional note.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LangHtml } from '../components/content.tsx';
import { DateTime } from '../components/date-range.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { ReasonForm } from '../components/reason-form.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { QueuedReport } from './types.ts';

interface Props {
  slug: string;
  report: QueuedReport;
  timeZone: string;
  onHandled(message: string): void;
}

export function ReportCard({ slug, report, timeZone, onHandled }: Props) {
  const { t } = useI18n();
  const [panel, setPanel] = useState<'hide' | 'dismiss' | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const post = report.post;
  const postHref = `/forums/${encodeURIComponent(slug)}/threads/${post.threadId}#post-${post.id}`;

  async function dismiss(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/reports/${report.id}/dismiss`, {
        method: 'POST',
        body: note.trim() ? { note: note.trim() } : {},
      });
      onHandled(t('moderation.dismissedDone'));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <li class="card report" data-testid="report">
      <h3 class="report-thread">
        <a href={postHref} lang={post.threadLang}>
          {post.threadTitle}
        </a>
      </h3>
      <p class="meta muted">
        <span>{t('moderation.week', { number: post.week })}</span>
        <span>{t('moderation.reportedBy', { name: report.reporterName })}</span>
        <DateTime value={report.createdAt} timeZone={timeZone} style="dateTime" />
        {report.status !== 'open' ? <span class="badge">{t(`moderation.status.${report.status}`)}</span> : null}
      </p>
      {/* Reports record no language: lang="" says so, rather than claiming the interface's. */}
      <blockquote class="report-reason" lang="">
        {report.reason}
      </blockquote>
      {post.parent ? (
        <div class="report-parent muted">
          <p class="meta">{t('moderation.inReplyTo', { name: post.parent.authorName })}</p>
          {post.parent.hidden ? (
            <p>{t('moderation.parentHidden')}</p>
          ) : (
            <LangHtml html={{ lang: post.parent.lang, html: post.parent.html }} class="report-parent-text" />
          )}
        </div>
      ) : null}
      <div class="report-post">
        <p class="meta">
          <strong>{t('moderation.postBy', { name: post.authorName })}</strong>
          <DateTime value={post.createdAt} timeZone={timeZone} style="dateTime" />
          {post.hidden ? <span class="badge badge-overdue">{t('moderation.hiddenBadge')}</span> : null}
        </p>
        <LangHtml html={{ lang: post.lang, html: post.html }} />
        <p>
          <a href={postHref}>{t('moderation.openPost')}</a>
        </p>
      </div>
      {report.resolution ? (
        <p class="muted">
          {t('moderation.resolution', {
            status: t(`moderation.status.${report.status}`),
            name: report.resolution.byName,
          })}{' '}
          <DateTime value={report.resolution.at} timeZone={timeZone} style="dateTime" />
          {report.resolution.note ? <> · {t('moderation.note', { note: report.resolution.note })}</> : null}
        </p>
      ) : null}
      {report.status === 'open' && panel === null ? (
        <p class="button-row">
          <button type="button" onClick={() => setPanel('hide')}>
            {t('moderation.hide')}
          </button>
          <button type="button" class="button-quiet" onClick={() => setPanel('dismiss')}>
            {t('moderation.dismiss')}
          </button>
        </p>
      ) : null}
      {panel === 'hide' ? (
        <ReasonForm
          id={`hide-${report.id}`}
          label={t('moderation.hideLabel')}
          submitLabel={t('moderation.hideSubmit')}
          onCancel={() => setPanel(null)}
          onSubmit={async (reason) => {
            await api(`/api/reports/${report.id}/hide`, { method: 'POST', body: { reason } });
            onHandled(t('moderation.hiddenDone'));
          }}
        />
      ) : null}
      {panel === 'dismiss' ? (
        <form class="reason-form" onSubmit={(event) => void dismiss(event)}>
          <div class="field">
            <label for={`dismiss-${report.id}`}>{t('moderation.dismissLabel')}</label>
            <input
              id={`dismiss-${report.id}`}
              type="text"
              maxLength={500}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </div>
          <p class="button-row">
            <button type="submit" disabled={busy}>
              {t('moderation.dismissSubmit')}
            </button>
            <button type="button" class="button-quiet" onClick={() => setPanel(null)}>
              {t('composer.cancel')}
            </button>
          </p>
        </form>
      ) : null}
      <LiveMessage message={error} />
    </li>
  );
}
