// The console's schedule editor: the weeks (added, changed, removed before they open), whether
// writing closes at each week's end, and moving the forum's start with a preview.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { addDaysTo } from '../console/calendar-days.ts';
import { ConsoleFrame } from '../console/console-frame.tsx';
import type { Schedule, ScheduleAnswer } from '../console/console-types.ts';
import { MoveStart } from '../console/move-start.tsx';
import { WeekCard } from '../console/week-card.tsx';
import { WeekForm } from '../console/week-form.tsx';
import { zoneName } from '../time/zone-names.ts';

function ScheduleEditor({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const [state, update, retry] = useApi<ScheduleAnswer>(`/api/forums/${encodeURIComponent(slug)}/schedule`);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!state.data) return <SectionNotLoaded error={state.error} retry={retry} />;
  const schedule = state.data.schedule;
  const changed = (next: Schedule, message: string) => {
    update(() => ({ schedule: next }));
    setNotice(message);
  };
  const last = schedule.weeks.at(-1);

  async function setCloseAtEnd(on: boolean) {
    setError(null);
    try {
      await api(`/api/forums/${encodeURIComponent(slug)}/settings`, { method: 'PATCH', body: { weeksCloseAtEnd: on } });
      update((data) => ({ schedule: { ...data.schedule, weeksCloseAtEnd: on } }));
      setNotice(t('console.settings.saved'));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <>
      <p class="hint">{t('console.schedule.daysIn', { zone: zoneName(schedule.timeZone, lang).label })}</p>
      <LiveMessage kind="ok" message={notice} />
      <LiveMessage message={error} />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={schedule.weeksCloseAtEnd}
          onChange={(event) => void setCloseAtEnd(event.currentTarget.checked)}
        />
        <span>{t('console.schedule.closeAtEnd')}</span>
      </label>
      <section aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">{t('console.schedule.weeks', { count: schedule.weeks.length })}</h2>
        {schedule.weeks.length ? (
          <ul class="week-cards">
            {schedule.weeks.map((week) => (
              <WeekCard key={`${week.number}-${week.startsOn}`} schedule={schedule} week={week} onChanged={changed} />
            ))}
          </ul>
        ) : (
          <p>{t('console.schedule.noWeeks')}</p>
        )}
        {adding ? (
          <section aria-labelledby="add-heading">
            <h3 id="add-heading">{t('console.schedule.newWeek', { number: (last?.number ?? 0) + 1 })}</h3>
            <WeekForm
              schedule={schedule}
              defaultStartsOn={last ? addDaysTo(last.startsOn, 7) : schedule.startsOn}
              onCancel={() => setAdding(false)}
              onSaved={(next) => {
                setAdding(false);
                changed(next, t('console.schedule.added', { number: next.weeks.length }));
              }}
            />
          </section>
        ) : (
          <div class="console-actions">
            <button
              type="button"
              onClick={() => {
                setAdding(true);
                setNotice(null);
              }}
            >
              {t('console.schedule.addWeek')}
            </button>
          </div>
        )}
      </section>
      <MoveStart
        key={schedule.startsOn}
        schedule={schedule}
        onMoved={(next, recipients) =>
          changed(
            next,
            recipients === null
              ? t('console.schedule.moved')
              : t('console.schedule.movedReconfirm', { count: recipients }),
          )
        }
      />
    </>
  );
}

export default function ConsoleSchedulePage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="schedule" heading={t('console.schedule.heading')}>
      <ScheduleEditor slug={slug} />
    </ConsoleFrame>
  );
}
