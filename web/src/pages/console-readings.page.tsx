// The console's readings tab: one week at a time, its readings in order with their state, and
// the form to add or edit one. Moving, unpublishing and republishing are one click each; the
// API decides who may do any of it (organizers of the forum and site admins).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { Forum } from '../forums/forum-types.ts';
import { errorMessage } from '../api/client.ts';
import { ConsoleNav } from '../console/console-nav.tsx';
import { PageNotLoaded, LoadError } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useForum } from '../hooks/use-forum.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { ReadingForm } from '../readings/reading-form.tsx';
import type { EditorList, EditorReading } from '../readings/reading-types.ts';
import { reorderReadings, setPublished } from '../readings/readings-api.ts';
import '../console/console.css';
import '../readings/readings.css';

function originalTitle(reading: EditorReading) {
  const text = reading.texts.find((candidate) => candidate.lang === reading.originalLang) ?? reading.texts[0];
  return { lang: text?.lang ?? reading.originalLang, value: text?.title ?? '' };
}

function WeekReadings({ slug, forum, week }: { slug: string; forum: Forum; week: number }) {
  const { t } = useI18n();
  const [{ data, error }, update, retry, refresh] = useApi<EditorList>(
    `/api/forums/${encodeURIComponent(slug)}/weeks/${week}/readings`,
  );
  const [editing, setEditing] = useState<'new' | number | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!data) return error ? <LoadError error={error} retry={retry} /> : <p class="muted">{t('app.loading')}</p>;
  const readings = data.readings;

  const act = async (change: () => Promise<void>) => {
    setMessage(null);
    try {
      await change();
    } catch (actionError) {
      setMessage({ kind: 'error', text: errorMessage(actionError) });
    }
  };
  const move = (index: number, by: -1 | 1) =>
    act(async () => {
      const ids = readings.map((reading) => reading.id);
      [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
      const ordered = await reorderReadings(slug, week, ids);
      update((list) => ({ ...list, readings: ordered }));
    });
  const publish = (reading: EditorReading, published: boolean) =>
    act(async () => {
      const saved = await setPublished(reading.id, published);
      update((list) => ({ ...list, readings: list.readings.map((r) => (r.id === saved.id ? saved : r)) }));
    });
  const weekHref = `/forums/${encodeURIComponent(slug)}/weeks/${week}`;

  return (
    <>
      <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} />
      <h2>{t('readings.console.listHeading', { number: week })}</h2>
      {readings.length ? (
        <ol class="reading-rows">
          {readings.map((reading, index) => {
            const title = originalTitle(reading);
            return (
              <li key={reading.id} class="reading-row">
                <h3 lang={title.lang}>{title.value}</h3>
                <p class="meta">
                  <span>
                    {t('readings.originalLanguage', { language: t(`languageNames.${reading.originalLang}`) })}
                  </span>
                  <span>{t('readings.console.revision', { revision: reading.revision })}</span>
                  <span>{t('week.readingAttachments', { count: reading.attachments.length })}</span>
                  <span class={`badge ${reading.published ? 'badge-open' : 'badge-unpublished'}`}>
                    {reading.published ? t('readings.console.published') : t('readings.console.unpublished')}
                  </span>
                </p>
                <div class="reading-row-actions">
                  <button
                    type="button"
                    class="button-quiet"
                    onClick={() => setEditing(reading.id)}
                    aria-expanded={editing === reading.id}
                  >
                    {t('readings.console.edit')}
                  </button>
                  <button
                    type="button"
                    class="button-quiet"
                    disabled={index === 0}
                    aria-label={t('readings.console.moveUp', { title: title.value })}
                    onClick={() => void move(index, -1)}
                  >
                    {t('readings.console.up')}
                  </button>
                  <button
                    type="button"
                    class="button-quiet"
                    disabled={index === readings.length - 1}
                    aria-label={t('readings.console.moveDown', { title: title.value })}
                    onClick={() => void move(index, 1)}
                  >
                    {t('readings.console.down')}
                  </button>
                  <button type="button" class="button-quiet" onClick={() => void publish(reading, !reading.published)}>
                    {reading.published ? t('readings.console.unpublish') : t('readings.console.publish')}
                  </button>
                  <a href={`${weekHref}/readings/${reading.slug}`}>{t('readings.console.view')}</a>
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <p>{t('readings.console.none')}</p>
      )}
      {editing === null ? (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            {t('readings.console.add')}
          </button>
        </p>
      ) : (
        <ReadingForm
          key={String(editing)}
          slug={slug}
          week={week}
          languages={data.languages.length ? data.languages : forum.languages}
          reading={editing === 'new' ? null : (readings.find((reading) => reading.id === editing) ?? null)}
          onCancel={() => {
            setEditing(null);
            void refresh();
          }}
          onSaved={(_, created) => {
            setEditing(null);
            setMessage({ kind: 'ok', text: created ? t('readings.console.created') : t('readings.console.saved') });
            void refresh();
          }}
        />
      )}
    </>
  );
}

export default function ConsoleReadingsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { query, route, path } = useLocation();
  const { forum, error, retry } = useForum(slug);
  if (!forum) return <PageNotLoaded error={error} retry={retry} />;
  const allowed = Boolean(me?.isAdmin) || forum.myRoles.includes('organizer');
  const requested = Number(query.week);
  const week = forum.weeks.some((w) => w.number === requested)
    ? requested
    : (forum.currentWeek ?? forum.weeks[0]?.number ?? 1);
  return (
    <>
      <PageHeading text={t('readings.console.title')} />
      <p class="meta">
        <a href={`/forums/${encodeURIComponent(slug)}`} lang={forum.title.lang}>
          {forum.title.value}
        </a>
      </p>
      {allowed ? <ConsoleNav slug={slug} current="readings" /> : null}
      {allowed ? (
        <>
          <p>{t('readings.console.intro')}</p>
          <div class="field">
            <label for="readings-week">{t('readings.console.week')}</label>
            <select
              id="readings-week"
              value={String(week)}
              onChange={(event) => route(`${path}?week=${event.currentTarget.value}`, true)}
            >
              {forum.weeks.map((w) => (
                <option key={w.number} value={String(w.number)}>
                  {t('readings.console.weekOption', { number: w.number, title: w.title.value })}
                </option>
              ))}
            </select>
          </div>
          <WeekReadings key={week} slug={slug} forum={forum} week={week} />
        </>
      ) : (
        <Notice kind="warn">
          <p>{t('readings.console.notOrganizer')}</p>
        </Notice>
      )}
    </>
  );
}
