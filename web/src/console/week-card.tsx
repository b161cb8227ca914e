// One week in the schedule editor: its title, days and state, and its actions. A week that has
// opened keeps its dates and cannot be removed; the card says why instead of offering it.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { WeekStateBadge } from '../components/badges.tsx';
import { CalendarRange } from '../components/date-range.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Schedule, ScheduleAnswer, ScheduleWeek } from './console-types.ts';
import { WeekForm } from './week-form.tsx';

export function WeekCard({
  schedule,
  week,
  onChanged,
}: {
  schedule: Schedule;
  week: ScheduleWeek;
  onChanged(schedule: Schedule, notice: string): void;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const text =
    week.texts.find((candidate) => candidate.lang === lang) ??
    week.texts.find((candidate) => candidate.lang === week.originalLang) ??
    week.texts[0];

  async function remove() {
    if (!confirm(t('console.schedule.confirmRemove', { number: week.number }))) return;
    setError(null);
    try {
      const result = await api<ScheduleAnswer>(
        `/api/forums/${encodeURIComponent(schedule.slug)}/weeks/${week.number}`,
        { method: 'DELETE' },
      );
      onChanged(result.schedule, t('console.schedule.removed', { number: week.number }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <li class="week-card" data-week={week.number}>
      <h3>
        {t('console.schedule.weekNumber', { number: week.number })}
        {text ? (
          <>
            {' · '}
            <span lang={text.lang}>{text.title}</span>
          </>
        ) : null}
      </h3>
      <p class="meta">
        <CalendarRange startsOn={week.startsOn} endsOn={week.endsOn} style="date" />{' '}
        <WeekStateBadge state={week.state} />
        {/* Only a week that overrides the forum's closing rule says so. */}
        {week.writingClosesAtEnd === null ? null : (
          <> · {t(week.writingClosesAtEnd ? 'console.schedule.closingCloses' : 'console.schedule.closingOpen')}</>
        )}
      </p>
      {editing ? (
        <WeekForm
          schedule={schedule}
          week={week}
          defaultStartsOn={week.startsOn}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            onChanged(next, t('console.schedule.saved', { number: week.number }));
          }}
        />
      ) : (
        <div class="console-actions">
          <button type="button" class="button-quiet" onClick={() => setEditing(true)}>
            {t('console.schedule.edit')}
          </button>
          {week.removable ? (
            <button type="button" class="button-quiet" onClick={() => void remove()}>
              {t('console.schedule.remove')}
            </button>
          ) : (
            <span class="hint">
              {week.state === 'upcoming' ? t('console.schedule.inUse') : t('console.schedule.openNotRemovable')}
            </span>
          )}
        </div>
      )}
      <LiveMessage message={error} />
    </li>
  );
}
