// An applicant's view of their application: its status, the organizers' message, the week
// they prepare as key respondent, and withdrawing.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Application, ApplicationAnswer } from './cohort-types.ts';

export function ApplicationStatusPanel({
  slug,
  application,
  onChange,
}: {
  slug: string;
  application: Application;
  onChange(application: Application): void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  async function withdraw() {
    // Withdrawing gives up a place (an accepted applicant leaves the cohort): asked before it is done.
    if (!confirm(t(application.status === 'accepted' ? 'cohort.withdrawConfirmAccepted' : 'cohort.withdrawConfirm')))
      return;
    setError(null);
    try {
      const result = await api<ApplicationAnswer>(`/api/forums/${encodeURIComponent(slug)}/application/withdraw`, {
        method: 'POST',
      });
      onChange(result.application);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  return (
    <section aria-labelledby="application-status" class="application-status">
      <h2 id="application-status">{t('cohort.yourApplication')}</h2>
      <p data-status={application.status}>
        <strong>{t(`cohort.status_${application.status}`)}</strong> · {t(`cohort.kind_${application.kind}`)}
      </p>
      {application.assignedWeek !== null ? (
        <Notice kind="ok">
          <p data-week={application.assignedWeek}>{t('cohort.assignedWeek', { number: application.assignedWeek })}</p>
        </Notice>
      ) : null}
      {application.decisionMessage ? (
        <p>
          {t('cohort.message')} <q lang={application.lang}>{application.decisionMessage}</q>
        </p>
      ) : null}
      {application.status !== 'withdrawn' && application.status !== 'declined' ? (
        <button type="button" class="secondary" onClick={() => void withdraw()}>
          {t('cohort.withdraw')}
        </button>
      ) : null}
      <LiveMessage message={error} />
    </section>
  );
}
