// Where an emailed reconfirmation link lands: it sends the answer the link carries at once
// (one click from the email; a mail scanner fetching the page runs no script) and says what it did.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

export default function ReconfirmPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [result, setResult] = useState<{ forumSlug: string; answer: 'confirmed' | 'withdrawn' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const answer = query.answer === 'withdrawn' ? 'withdrawn' : 'confirmed';
    api<{ forumSlug: string; answer: 'confirmed' | 'withdrawn' }>('/api/reconfirmations/answer', { method: 'POST', body: { token: query.token ?? '', answer } })
      .then(setResult, (failure: unknown) => setError(errorMessage(failure)));
  }, [query.token, query.answer]);
  return (
    <>
      <PageHeading text={t('cohort.reconfirmPage')} />
      {result ? (
        <Notice kind="ok">
          <p role="status">{t(`cohort.answered_${result.answer}`)}</p>
          <p><a href={`/forums/${result.forumSlug}`}>{t('cohort.title')}</a></p>
        </Notice>
      ) : null}
      <LiveMessage message={error} />
    </>
  );
}
