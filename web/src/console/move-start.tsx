// Moving the forum's first day: every week moves by the same number of days. The organizer
// sees the old and new days side by side (days of the forum's calendar, with each week's
// opening in the forum's zone) before anything is saved, and may ask the cohort to reconfirm.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { CalendarRange } from '../components/date-range.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatInstant } from '../time/format.ts';
import { zoneName } from '../time/zone-names.ts';
import type { MoveAnswer, MovePreview, MovePreviewAnswer, Schedule } from './console-types.ts';
import { scrollableRegion } from '../components/scrollable-region.ts';

export function MoveStart({
  schedule,
  onMoved,
}: {
  schedule: Schedule;
  onMoved(schedule: Schedule, recipients: number | null): void;
}) {
  const { t, lang } = useI18n();
  const [startsOn, setStartsOn] = useState(schedule.startsOn);
  const [preview, setPreview] = useState<MovePreview | null>(null);
  const [reconfirm, setReconfirm] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/forums/${encodeURIComponent(schedule.slug)}/schedule`;

  if (schedule.started) return <p class="muted">{t('console.schedule.startedNoMove')}</p>;

  async function showPreview(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      setPreview((await api<MovePreviewAnswer>(`${base}/preview`, { method: 'POST', body: { startsOn } })).preview);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  async function move() {
    setBusy(true);
    setError(null);
    try {
      const result = await api<MoveAnswer>(`${base}/move`, {
        method: 'POST',
        body: { startsOn, reconfirm, ...(reconfirm && message.trim() ? { message } : {}) },
      });
      setPreview(null);
      onMoved(result.schedule, result.reconfirmation?.recipients ?? null);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  const opening = (iso: string) => formatInstant(iso, lang, schedule.timeZone, 'weekTime');

  return (
    <section aria-labelledby="move-heading" class="console-form">
      <h2 id="move-heading">{t('console.schedule.moveHeading')}</h2>
      <p class="hint">{t('console.schedule.moveHint')}</p>
      <form onSubmit={(event) => void showPreview(event)} class="console-row move-form">
        <div class="field">
          <label for="moveStartsOn">{t('console.schedule.newStart')}</label>
          <input
            id="moveStartsOn"
            type="date"
            required
            value={startsOn}
            onInput={(event) => {
              setStartsOn(event.currentTarget.value);
              setPreview(null);
            }}
          />
        </div>
        <div class="field">
          <button type="submit" class="button-quiet" disabled={busy || startsOn === schedule.startsOn}>
            {t('console.schedule.preview')}
          </button>
        </div>
      </form>
      <LiveMessage message={error} />
      {preview ? (
        <div class="move-preview">
          <div class="table-wrap" {...scrollableRegion(t('console.schedule.moveHeading'))}>
            <table>
              <caption>
                {t(preview.days >= 0 ? 'console.schedule.laterCaption' : 'console.schedule.earlierCaption', {
                  count: Math.abs(preview.days),
                  zone: zoneName(preview.timeZone, lang).label,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('console.schedule.columns.what')}</th>
                  <th scope="col">{t('console.schedule.columns.now')}</th>
                  <th scope="col">{t('console.schedule.columns.after')}</th>
                </tr>
              </thead>
              <tbody>
                <tr data-row="forum">
                  <th scope="row">{t('console.schedule.wholeForum')}</th>
                  <td>
                    <CalendarRange
                      startsOn={preview.forum.from.startsOn}
                      endsOn={preview.forum.from.endsOn}
                      style="date"
                      stacked
                    />
                  </td>
                  <td class="changed">
                    <CalendarRange
                      startsOn={preview.forum.to.startsOn}
                      endsOn={preview.forum.to.endsOn}
                      style="date"
                      stacked
                    />
                  </td>
                </tr>
                {preview.weeks.map((week) => (
                  <tr key={week.number} data-week={week.number}>
                    <th scope="row">{t('console.schedule.weekNumber', { number: week.number })}</th>
                    <td>
                      <CalendarRange startsOn={week.from.startsOn} endsOn={week.from.endsOn} style="weekDay" stacked />
                      <span class="hint">{t('console.schedule.opensAt', { time: opening(week.from.opensAt) })}</span>
                    </td>
                    <td class="changed">
                      <CalendarRange startsOn={week.to.startsOn} endsOn={week.to.endsOn} style="weekDay" stacked />
                      <span class="hint">{t('console.schedule.opensAt', { time: opening(week.to.opensAt) })}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={reconfirm}
              onChange={(event) => setReconfirm(event.currentTarget.checked)}
            />
            <span>{t('console.schedule.reconfirm')}</span>
          </label>
          {reconfirm ? (
            <div class="field">
              <label for="reconfirm-message">{t('console.schedule.reconfirmMessage')}</label>
              <textarea
                id="reconfirm-message"
                rows={3}
                lang={lang}
                value={message}
                onInput={(event) => setMessage(event.currentTarget.value)}
              />
            </div>
          ) : null}
          <div class="console-actions">
            <button type="button" disabled={busy} onClick={() => void move()}>
              {t('console.schedule.confirmMove')}
            </button>
            <button type="button" class="button-quiet" onClick={() => setPreview(null)}>
              {t('console.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
