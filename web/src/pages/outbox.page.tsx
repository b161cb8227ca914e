// The admins' outbox: every message the site queued, as it goes out (subject, text and HTML parts
// in the reader's language), with its delivery state. Without SMTP it is where mail can be read.
// The HTML part shows in a sandboxed frame: no script runs and nothing reaches this page.
// Loaded on first use.
import { useState } from 'preact/hooks';
import { DateTime } from '../components/date-range.tsx';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { OutboxPage as Outbox } from '../notifications/types.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';

const STATUSES = ['', 'pending', 'sent', 'failed'] as const;

function OutboxList({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const [{ data, error }, , retry] = useApi<Outbox>(`/api/admin/outbox${status ? `?status=${status}` : ''}`);
  return (
    <>
      <div class="field field-inline">
        <label for="outbox-status">{t('notifications.outbox.status')}</label>
        <select id="outbox-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(s ? `notifications.outbox.statuses.${s}` : 'notifications.outbox.all')}
            </option>
          ))}
        </select>
      </div>
      {!data ? (
        <SectionNotLoaded error={error} retry={retry} />
      ) : (
        <>
          <Notice kind={data.smtpConfigured ? 'info' : 'warn'}>
            <p>{t(data.smtpConfigured ? 'notifications.outbox.smtp' : 'notifications.outbox.noSmtp')}</p>
          </Notice>
          {data.messages.length === 0 ? (
            <p class="muted">{t('notifications.outbox.empty')}</p>
          ) : (
            <ul class="card-list">
              {data.messages.map((message) => (
                <li key={message.id} class="card" data-testid="outbox-message">
                  <h2 class="outbox-subject" lang={message.lang}>
                    {message.subject}
                  </h2>
                  <p class="meta muted">
                    <span>{t('notifications.outbox.to', { email: message.toEmail })}</span>
                    <span class="badge">{t(`notifications.outbox.statuses.${message.status}`)}</span>
                    <span>{t('notifications.outbox.attempts', { count: message.attempts })}</span>
                    <DateTime value={message.createdAt} timeZone={timeZone} style="dateTime" />
                  </p>
                  {message.lastResponse ? (
                    <p class="muted">{t('notifications.outbox.lastResponse', { response: message.lastResponse })}</p>
                  ) : null}
                  <details>
                    <summary>{t('notifications.outbox.show')}</summary>
                    <h3>{t('notifications.outbox.htmlPart')}</h3>
                    <iframe
                      class="outbox-html"
                      sandbox=""
                      referrerpolicy="no-referrer"
                      lang={message.lang}
                      srcdoc={message.html}
                      data-testid="outbox-html"
                      title={t('notifications.outbox.htmlFrame', { subject: message.subject })}
                    />
                    <h3>{t('notifications.outbox.textPart')}</h3>
                    <pre lang={message.lang} class="outbox-text">
                      {message.text}
                    </pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

export default function OutboxPage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHeading text={t('notifications.outbox.title')} />
      {!me ? (
        <SignInPrompt />
      ) : me.isAdmin ? (
        <OutboxList timeZone={readerTimeZone(me)} />
      ) : (
        <Notice kind="warn">
          <p>{t('notifications.outbox.adminsOnly')}</p>
        </Notice>
      )}
    </>
  );
}
