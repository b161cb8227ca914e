// Notification settings: per kind, in the app and by email; per forum, how activity email
// comes (gathered as it happens, a daily or weekly digest at a local hour, or never); the
// threads followed or muted. Loaded on first use.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { threadHref } from '../components/thread-list.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Preferences } from '../notifications/types.ts';
import { useSession } from '../session/session-context.tsx';
import { zoneName } from '../time/zone-names.ts';
import { scrollableRegion } from '../components/scrollable-region.ts';

type Schedule = Preferences['forums'][number]['schedule'];
const SCHEDULES: Schedule[] = ['immediate', 'daily', 'weekly', 'off'];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t, lang } = useI18n();
  const [prefs, setPrefs] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hourLabel = (hour: number) =>
    new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
      Date.UTC(2026, 0, 1, hour),
    );

  function change(next: Preferences) {
    setSaved(false);
    setPrefs(next);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        types: prefs.types.map(({ type, inApp, email }) => ({ type, inApp, email })),
        forums: prefs.forums.map(({ forum, schedule, hour, weekday }) => ({ forum, schedule, hour, weekday })),
      };
      setPrefs(await api<Preferences>('/api/notification-preferences', { method: 'PUT', body }));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function follow(threadId: number, level: 'following' | 'muted' | 'none') {
    setError(null);
    try {
      await api(`/api/threads/${threadId}/follow`, { method: 'PUT', body: { level } });
      change({
        ...prefs,
        threads:
          level === 'none'
            ? prefs.threads.filter((x) => x.threadId !== threadId)
            : prefs.threads.map((x) => (x.threadId === threadId ? { ...x, level } : x)),
      });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)}>
      <h2>{t('notifications.prefs.kinds')}</h2>
      <div class="table-wrap" {...scrollableRegion(t('notifications.prefs.kinds'))}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('notifications.prefs.kind')}</th>
              <th scope="col">{t('notifications.prefs.inApp')}</th>
              <th scope="col">{t('notifications.prefs.email')}</th>
            </tr>
          </thead>
          <tbody>
            {prefs.types.map((entry, index) => {
              const key = entry.type.replaceAll('.', '_');
              const label = t(`notifications.prefs.labels.${key}`, { defaultValue: entry.type });
              const set = (changes: Partial<typeof entry>) =>
                change({ ...prefs, types: prefs.types.map((x, i) => (i === index ? { ...x, ...changes } : x)) });
              return (
                <tr key={entry.type}>
                  <th scope="row">{label}</th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${label}: ${t('notifications.prefs.inApp')}`}
                      checked={entry.inApp}
                      onChange={(e) => set({ inApp: e.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${label}: ${t('notifications.prefs.email')}`}
                      checked={entry.email}
                      disabled={entry.required}
                      onChange={(e) => set({ email: e.currentTarget.checked })}
                    />
                    {entry.required ? <span class="hint">{t('notifications.prefs.required')}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t('notifications.prefs.forums')}</h2>
      <p class="hint">{t('notifications.prefs.zone', { zone: zoneName(prefs.timeZone, lang).label })}</p>
      {prefs.forums.length === 0 ? (
        <p class="muted">{t('notifications.prefs.noForums')}</p>
      ) : (
        prefs.forums.map((forum, index) => {
          const set = (changes: Partial<typeof forum>) =>
            change({ ...prefs, forums: prefs.forums.map((x, i) => (i === index ? { ...x, ...changes } : x)) });
          const id = `digest-${forum.forum}`;
          return (
            <fieldset key={forum.forum} class="field">
              <legend>{forum.title}</legend>
              <div class="field-inline">
                <label for={`${id}-schedule`}>{t('notifications.prefs.schedule')}</label>
                <select
                  id={`${id}-schedule`}
                  value={forum.schedule}
                  onChange={(e) => set({ schedule: e.currentTarget.value as Schedule })}
                >
                  {SCHEDULES.map((s) => (
                    <option key={s} value={s}>
                      {t(`notifications.prefs.schedules.${s}`)}
                    </option>
                  ))}
                </select>
                {forum.schedule === 'weekly' ? (
                  <>
                    <label for={`${id}-weekday`}>{t('notifications.prefs.weekday')}</label>
                    <select
                      id={`${id}-weekday`}
                      value={String(forum.weekday)}
                      onChange={(e) => set({ weekday: Number(e.currentTarget.value) })}
                    >
                      {WEEKDAYS.map((d) => (
                        <option key={d} value={String(d)}>
                          {new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
                            Date.UTC(2026, 1, 1 + d),
                          )}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
                {forum.schedule === 'daily' || forum.schedule === 'weekly' ? (
                  <>
                    <label for={`${id}-hour`}>{t('notifications.prefs.hour')}</label>
                    <select
                      id={`${id}-hour`}
                      value={String(forum.hour)}
                      onChange={(e) => set({ hour: Number(e.currentTarget.value) })}
                    >
                      {HOURS.map((h) => (
                        <option key={h} value={String(h)}>
                          {hourLabel(h)}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
              </div>
            </fieldset>
          );
        })
      )}

      <LiveMessage message={error} />
      <LiveMessage kind="ok" message={saved ? t('notifications.prefs.saved') : null} />
      <button type="submit" disabled={busy}>
        {busy ? t('notifications.prefs.saving') : t('notifications.prefs.save')}
      </button>

      <h2>{t('notifications.prefs.threads')}</h2>
      {prefs.threads.length === 0 ? (
        <p class="muted">{t('notifications.prefs.noThreads')}</p>
      ) : (
        <ul class="thread-list">
          {prefs.threads.map((thread) => (
            <li key={thread.threadId} class="thread-item">
              <a href={threadHref(thread.forum, thread.threadId)} lang={thread.title.lang}>
                {thread.title.value}
              </a>{' '}
              <span class="badge">{t(`notifications.follow.${thread.level}`)}</span>{' '}
              <button
                type="button"
                class="button-small"
                onClick={() => void follow(thread.threadId, thread.level === 'muted' ? 'following' : 'muted')}
              >
                {t(thread.level === 'muted' ? 'notifications.follow.follow' : 'notifications.follow.mute')}
              </button>{' '}
              <button type="button" class="button-small" onClick={() => void follow(thread.threadId, 'none')}>
                {t('notifications.follow.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function LoadedPreferences() {
  const [{ data, error }, , retry] = useApi<Preferences>('/api/notification-preferences');
  return data ? (
    <PreferencesForm key={JSON.stringify(data)} initial={data} />
  ) : (
    <SectionNotLoaded error={error} retry={retry} />
  );
}

export default function NotificationPreferencesPage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHeading text={t('notifications.prefs.title')} />
      {me ? <LoadedPreferences /> : <SignInPrompt />}
    </>
  );
}
