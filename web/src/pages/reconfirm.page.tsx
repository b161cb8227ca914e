// Where an emailed reconfirmation link lands: it says what the organizers ask and answers only
// when the reader presses the button. Opening the page changes nothing, so a mail scanner or a
// link preview that follows the link (even one that runs scripts) leaves it unused.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, ApiError, errorMessage } from '../api/client.ts';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatCalendarDate } from '../time/calendar-date.ts';
import type {
  ReconfirmationAnswer as Answer,
  ReconfirmationAnswerResult,
  ReconfirmationLink as LinkView,
} from '../cohort/cohort-types.ts';

export default function ReconfirmPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const token = query.token ?? '';
  if (!/^[a-z0-9]{16,64}$/.test(token)) {
    return (
      <>
        <PageHeading text={t('cohort.reconfirmPage')} />
        <Notice kind="error">
          <p>{t('cohort.reconfirmNoToken')}</p>
        </Notice>
      </>
    );
  }
  return <ReconfirmLink token={token} asked={query.answer === 'withdrawn' ? 'withdrawn' : 'confirmed'} />;
}

function ReconfirmLink({ token, asked }: { token: string; asked: Answer }) {
  const { t, lang } = useI18n();
  const [{ data, error }, update, retry] = useApi<LinkView>(`/api/reconfirmations/${token}`);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!data) return <PageNotLoaded error={error} retry={retry} />;

  async function answer(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await api<ReconfirmationAnswerResult>('/api/reconfirmations/answer', {
        method: 'POST',
        body: { token, answer: asked },
      });
      update((view) => ({ ...view, answer: result.answer }));
    } catch (problem) {
      // Answered already (a second tab, or a retry after a lost answer): show what was answered.
      if (problem instanceof ApiError && problem.code === 'link_used') retry();
      else setFailure(errorMessage(problem));
    } finally {
      setBusy(false);
    }
  }

  const other: Answer = asked === 'confirmed' ? 'withdrawn' : 'confirmed';
  return (
    <>
      <PageHeading text={t('cohort.reconfirmLinkTitle', { forum: data.forumTitle })} />
      <p>
        {t('cohort.reconfirmText', {
          startsOn: formatCalendarDate(data.startsOn, lang, 'date'),
          endsOn: formatCalendarDate(data.endsOn, lang, 'date'),
        })}
      </p>
      {data.message ? (
        <>
          <p>{t('cohort.message')}</p>
          <blockquote>{data.message}</blockquote>
        </>
      ) : null}
      {data.answer ? (
        <Notice kind="ok">
          <p role="status">{t(`cohort.answered_${data.answer}`)}</p>
          <p>
            <a href={`/forums/${data.forumSlug}`}>{t('cohort.title')}</a>
          </p>
        </Notice>
      ) : (
        <form onSubmit={(event) => void answer(event)}>
          {asked === 'withdrawn' ? <p>{t('cohort.reconfirmWithdrawWarning')}</p> : null}
          <LiveMessage message={failure} />
          <p>
            <button type="submit" class={asked === 'withdrawn' ? 'danger' : undefined} disabled={busy}>
              {t(asked === 'confirmed' ? 'cohort.reconfirmLinkConfirm' : 'cohort.reconfirmLinkWithdraw')}
            </button>
          </p>
          <p>
            <a href={`/reconfirm?token=${encodeURIComponent(token)}&answer=${other}`}>
              {t(other === 'confirmed' ? 'cohort.reconfirmRatherConfirm' : 'cohort.reconfirmRatherWithdraw')}
            </a>
          </p>
        </form>
      )}
    </>
  );
}
