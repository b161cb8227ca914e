// Key-respondent seats by week in the console: a week's own number of seats (blank: the forum's
// seats per week) and a limit per region (blank: none), beside the seats already taken.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatList } from '../i18n/format-list.ts';
import type { ListAnswer, SeatLimits } from './console-types.ts';
import { useFormSubmit } from './form-submit.ts';

type Row = { week: number; limit: string; perRegion: string };
const toRows = (seats: SeatLimits): Row[] =>
  seats.weeks.map((week) => ({
    week: week.week,
    limit: week.limit === null ? '' : String(week.limit),
    perRegion: week.perRegion === null ? '' : String(week.perRegion),
  }));
const toCount = (value: string) => (value.trim() === '' ? null : Number(value));

export function SeatLimitsForm({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const path = `/api/forums/${encodeURIComponent(slug)}/seats`;
  const [state, setData] = useApi<SeatLimits>(path);
  const [regions] = useApi<ListAnswer>(`/api/forums/${encodeURIComponent(slug)}/lists/regions`);
  /** "2: Quebec 1, Brazil 1" — the week's key respondents by region, named in the reader's language. */
  const takenIn = (week: SeatLimits['weeks'][number]) => {
    const parts = Object.entries(week.byRegion)
      .filter(([, count]) => count > 0)
      .map(([key, count]) => {
        const entry = regions.data?.entries.find((candidate) => candidate.key === key);
        return `${entry ? entry.name[lang] : t('console.seats.noRegion')} ${count}`;
      });
    return parts.length ? `${week.taken} (${formatList(parts, lang)})` : String(week.taken);
  };
  const [rows, setRows] = useState<Row[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useFormSubmit();
  useEffect(() => {
    if (state.data) setRows(toRows(state.data));
  }, [state.data]);
  const seats = state.data;
  if (!seats) return null;
  const set = (week: number, change: Partial<Row>) =>
    setRows(rows.map((row) => (row.week === week ? { ...row, ...change } : row)));

  return (
    <section aria-labelledby="seats-heading">
      <h2 id="seats-heading">{t('console.seats.title')}</h2>
      <p class="muted">{t('console.seats.intro', { count: seats.perWeek, total: seats.limit })}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(async () => {
            setDone(null);
            const saved = await api<SeatLimits>(path, {
              method: 'PUT',
              body: {
                weeks: rows.map((row) => ({
                  week: row.week,
                  limit: toCount(row.limit),
                  perRegion: toCount(row.perRegion),
                })),
              },
            });
            setData(() => saved);
            setDone(t('console.seats.saved'));
          });
        }}
      >
        <LiveMessage kind="error" message={error} />
        <LiveMessage kind="ok" message={error ? null : done} />
        {rows.length === 0 ? (
          <p>{t('console.seats.noWeeks')}</p>
        ) : (
          <table class="seat-limits">
            <thead>
              <tr>
                <th scope="col">{t('console.seats.week')}</th>
                <th scope="col">{t('console.seats.limit')}</th>
                <th scope="col">{t('console.seats.perRegion')}</th>
                <th scope="col">{t('console.seats.taken')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.week}>
                  <th scope="row">{t('console.seats.weekNumber', { number: row.week })}</th>
                  <td>
                    <input
                      type="number"
                      min={0}
                      inputMode="numeric"
                      value={row.limit}
                      placeholder={String(seats.perWeek)}
                      aria-label={t('console.seats.limitOf', { number: row.week })}
                      onInput={(event) => set(row.week, { limit: event.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      inputMode="numeric"
                      value={row.perRegion}
                      aria-label={t('console.seats.perRegionOf', { number: row.week })}
                      onInput={(event) => set(row.week, { perRegion: event.currentTarget.value })}
                    />
                  </td>
                  <td>{takenIn(seats.weeks.find((week) => week.week === row.week)!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <button type="submit" disabled={busy || rows.length === 0}>
            {t('console.seats.save')}
          </button>
        </p>
      </form>
    </section>
  );
}
