// The cohort on a forum's landing page: the deadline (the end of its day in the forum's zone,
// shown as a moment in the reader's), a link to apply or the reader's status and week, the
// reconfirmation notice, the opt-in, and organizers' links to review and to the directory.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Forum } from '../forums/forum-types.ts';
import { formatCalendarDate } from '../time/calendar-date.ts';
import { formatInstant } from '../time/format.ts';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import type { OwnApplication, PendingReconfirmations } from './cohort-types.ts';

function Reconfirm({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const [state, update] = useApi<PendingReconfirmations>('/api/me/reconfirmations');
  const [answered, setAnswered] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = state.data?.pending.find((p) => p.forumSlug === slug);
  async function answer(value: 'confirmed' | 'withdrawn') {
    try {
      await api(`/api/forums/${encodeURIComponent(slug)}/reconfirmations/answer`, {
        method: 'POST',
        body: { answer: value },
      });
      setAnswered(t(`cohort.answered_${value}`));
      update((d) => ({ pending: d.pending.filter((p) => p.forumSlug !== slug) }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }
  if (answered)
    return (
      <Notice kind="ok">
        <p role="status">{answered}</p>
      </Notice>
    );
  if (!request) return null;
  return (
    <Notice kind="warn">
      <h3>{t('cohort.reconfirmTitle')}</h3>
      <p>
        {t('cohort.reconfirmText', {
          startsOn: formatCalendarDate(request.startsOn, lang, 'date'),
          endsOn: formatCalendarDate(request.endsOn, lang, 'date'),
        })}
      </p>
      {request.message ? <p>{request.message}</p> : null}
      <button type="button" onClick={() => void answer('confirmed')}>
        {t('cohort.confirm')}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => void answer('withdrawn')}>
        {t('cohort.withdrawPlace')}
      </button>
      <LiveMessage message={error} />
    </Notice>
  );
}

function OptIn({ slug, initial }: { slug: string; initial: boolean }) {
  const { t } = useI18n();
  const [checked, setChecked] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  async function toggle(optedIn: boolean) {
    setChecked(optedIn);
    try {
      await api(`/api/forums/${encodeURIComponent(slug)}/engagement`, { method: 'PUT', body: { optedIn } });
    } catch (failure) {
      setChecked(!optedIn);
      setError(errorMessage(failure));
    }
  }
  return (
    <p>
      <label class="choice">
        <input type="checkbox" checked={checked} onChange={(event) => void toggle(event.currentTarget.checked)} />{' '}
        {t('cohort.optIn')}
      </label>
      <LiveMessage message={error} />
    </p>
  );
}

/** On the forum's last week, members are asked whether they want to hear of later forums. */
export function StayInTouch({ slug }: { slug: string }) {
  const [state] = useApi<OwnApplication>(`/api/forums/${encodeURIComponent(slug)}/application`);
  if (!state.data) return null;
  return (
    <section class="cohort-panel">
      <OptIn slug={slug} initial={state.data.optedIn} />
    </section>
  );
}

export function CohortPanel({ forum }: { forum: Forum }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [state] = useApi<OwnApplication>(`/api/forums/${encodeURIComponent(forum.slug)}/application`);
  const data = state.data;
  if (!data) return null;
  const { call, application } = data;
  const organizer = forum.myRoles.includes('organizer') || Boolean(me?.isAdmin);
  const member = forum.myRoles.length > 0;
  const base = `/forums/${forum.slug}`;
  return (
    <section aria-labelledby="cohort-heading" class="cohort-panel">
      <h2 id="cohort-heading">{t('cohort.title')}</h2>
      {me ? <Reconfirm slug={forum.slug} /> : null}
      {call.open ? (
        <p class="deadline">
          {t('cohort.deadline', {
            date: formatCalendarDate(call.deadlineOn, lang, 'date'),
            moment: formatInstant(call.deadline, lang, readerTimeZone(me), 'dateTime'),
          })}
        </p>
      ) : application ? null : (
        <p>{t('cohort.closed')}</p>
      )}
      {application && application.status !== 'withdrawn' ? (
        <p>
          <a href={`${base}/apply`}>{t('cohort.yourApplication')}</a>:{' '}
          <strong data-status={application.status}>{t(`cohort.status_${application.status}`)}</strong>
          {application.assignedWeek !== null ? (
            <>
              {' '}
              ·{' '}
              <span data-week={application.assignedWeek}>
                {t('cohort.assignedWeek', { number: application.assignedWeek })}
              </span>
            </>
          ) : null}
        </p>
      ) : call.open && !member ? (
        <p>
          {application ? (
            <>
              {t('cohort.yourApplication')}:{' '}
              <strong data-status={application.status}>{t(`cohort.status_${application.status}`)}</strong>{' '}
            </>
          ) : null}
          <a class="button" href={`${base}/apply`}>
            {t(application ? 'cohort.applyAgain' : 'cohort.apply')}
          </a>
        </p>
      ) : null}
      {me && (member || application) ? <OptIn slug={forum.slug} initial={data.optedIn} /> : null}
      {member || organizer ? (
        <p>
          <a href={`${base}/directory`}>{t('cohort.directory')}</a>
        </p>
      ) : null}
      {organizer ? (
        <p>
          <a href={`${base}/applications`}>{t('cohort.review')}</a>
        </p>
      ) : null}
    </section>
  );
}
