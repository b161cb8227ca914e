// Adding or changing a week: its first day, its original language, and a title and summary
// (Markdown with preview) per language the forum offers. Languages left empty are translated
// per the forum's policy.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { LiveMessage } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS } from '../i18n/languages.ts';
import type { Schedule, ScheduleAnswer, ScheduleWeek } from './console-types.ts';
import { MarkdownField } from './markdown-field.tsx';

type Text = ScheduleWeek['texts'][number];

interface Props {
  schedule: Schedule;
  /** The week being changed; none to add one after the last. */
  week?: ScheduleWeek;
  defaultStartsOn: string;
  onSaved(schedule: Schedule): void;
  onCancel?(): void;
}

export function WeekForm({ schedule, week, defaultStartsOn, onSaved, onCancel }: Props) {
  const { t, lang } = useI18n();
  const idPrefix = week ? `week-${week.number}` : 'new-week';
  const [startsOn, setStartsOn] = useState(week?.startsOn ?? defaultStartsOn);
  const [closing, setClosing] = useState<boolean | null>(week?.writingClosesAtEnd ?? null);
  const [originalLang, setOriginalLang] = useState<Lang>(
    week?.originalLang ?? (schedule.languages.includes(lang) ? lang : schedule.languages[0]!),
  );
  const [texts, setTexts] = useState<Text[]>(week?.texts ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textFor = (l: Lang) => texts.find((text) => text.lang === l) ?? { lang: l, title: '', summaryMd: '' };
  const setText = (l: Lang, change: Partial<Text>) =>
    setTexts([...texts.filter((text) => text.lang !== l), { ...textFor(l), ...change }]);
  const locked = week !== undefined && week.state !== 'upcoming';

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const given = texts.filter((text) => text.title.trim());
      const base = `/api/forums/${encodeURIComponent(schedule.slug)}/weeks`;
      const body = { ...(locked ? {} : { startsOn }), originalLang, writingClosesAtEnd: closing, texts: given };
      const result = week
        ? await api<ScheduleAnswer>(`${base}/${week.number}`, { method: 'PATCH', body })
        : await api<ScheduleAnswer>(base, { method: 'POST', body });
      onSaved(result.schedule);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="console-form week-form" onSubmit={(event) => void save(event)} noValidate>
      <div class="console-row">
        <div class="field">
          <label for={`${idPrefix}-startsOn`}>{t('console.schedule.weekStartsOn')}</label>
          <input
            id={`${idPrefix}-startsOn`}
            type="date"
            required
            value={startsOn}
            disabled={locked}
            aria-describedby={`${idPrefix}-startsOn-hint`}
            onInput={(event) => setStartsOn(event.currentTarget.value)}
          />
          <span id={`${idPrefix}-startsOn-hint`} class="hint">
            {locked
              ? t('console.schedule.openDatesLocked')
              : week
                ? t('console.schedule.weekStartsOnHint')
                : t('console.schedule.newWeekStartsOnHint')}
          </span>
        </div>
        <div class="field">
          <label for={`${idPrefix}-original`}>{t('console.schedule.originalLang')}</label>
          <select
            id={`${idPrefix}-original`}
            value={originalLang}
            onChange={(event) => setOriginalLang(event.currentTarget.value as Lang)}
          >
            {schedule.languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {ENDONYMS[l]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${idPrefix}-closing`}>{t('console.schedule.weekClosing')}</label>
          <select
            id={`${idPrefix}-closing`}
            value={closing === null ? 'inherit' : closing ? 'closes' : 'open'}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setClosing(value === 'inherit' ? null : value === 'closes');
            }}
          >
            <option value="inherit">
              {t(
                schedule.weeksCloseAtEnd
                  ? 'console.schedule.closingInheritCloses'
                  : 'console.schedule.closingInheritOpen',
              )}
            </option>
            <option value="closes">{t('console.schedule.closingCloses')}</option>
            <option value="open">{t('console.schedule.closingOpen')}</option>
          </select>
        </div>
      </div>
      <p class="hint">{t('console.schedule.textsHint')}</p>
      {[originalLang, ...schedule.languages.filter((l) => l !== originalLang)].map((l) => {
        const text = textFor(l);
        return (
          <div key={l} class="lang-text">
            <h3>
              {ENDONYMS[l]}
              {l === originalLang ? ` · ${t('console.schedule.original')}` : ''}
            </h3>
            <div class="field">
              <label for={`${idPrefix}-title-${l}`}>{t('console.schedule.weekTitle')}</label>
              <input
                id={`${idPrefix}-title-${l}`}
                type="text"
                lang={l}
                value={text.title}
                onInput={(event) => setText(l, { title: event.currentTarget.value })}
              />
            </div>
            <MarkdownField
              id={`${idPrefix}-summary-${l}`}
              label={t('console.schedule.weekSummary')}
              lang={l}
              value={text.summaryMd}
              rows={4}
              onInput={(summaryMd) => setText(l, { summaryMd })}
            />
          </div>
        );
      })}
      <LiveMessage message={error} />
      <div class="console-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('console.saving') : week ? t('console.schedule.saveWeek') : t('console.schedule.addWeek')}
        </button>
        {onCancel ? (
          <button type="button" class="button-quiet" onClick={onCancel}>
            {t('console.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
