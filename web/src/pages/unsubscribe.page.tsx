// Where an email's unsubscribe link leads: says what it turns off and does it on a click,
// without signing in (the link is signed). Opening the page changes nothing, so mail scanners
// that follow links do not unsubscribe anyone. Loaded on first use.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { UnsubscribeView } from '../notifications/types.ts';

export default function UnsubscribePage({ token }: { token: string }) {
  const { t } = useI18n();
  const path = `/api/unsubscribe/${encodeURIComponent(token)}`;
  const [{ data, error }, update, retry] = useApi<UnsubscribeView>(path);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await api<UnsubscribeView>(path, { method: 'POST' });
      update(() => answer);
    } catch (problem) {
      setFailure(errorMessage(problem));
    } finally {
      setBusy(false);
    }
  }

  const what =
    data?.scope === 'type'
      ? t('notifications.unsubscribe.type', {
          kind: t(`notifications.prefs.labels.${(data.type ?? '').replaceAll('.', '_')}`, {
            defaultValue: data.type ?? '',
          }),
        })
      : t('notifications.unsubscribe.digest', { forum: data?.forumTitle ?? '' });
  return (
    <>
      <PageHeading text={t('notifications.unsubscribe.title')} />
      {!data ? (
        <PageNotLoaded error={error} retry={retry} />
      ) : data.unsubscribed ? (
        <Notice kind="ok">
          <p>{t('notifications.unsubscribe.done', { what })}</p>
        </Notice>
      ) : (
        <>
          <p>{t('notifications.unsubscribe.question', { what })}</p>
          <LiveMessage message={failure} />
          <button type="button" disabled={busy} onClick={() => void confirm()}>
            {t('notifications.unsubscribe.confirm')}
          </button>
        </>
      )}
      <p>
        <a href="/notifications/preferences">{t('notifications.preferencesLink')}</a>
      </p>
    </>
  );
}
