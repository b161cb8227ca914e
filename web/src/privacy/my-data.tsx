// On the profile, "My data": download everything the site holds about the person (a readable
// page or JSON, at once or, for a large account, when the background export is ready), and
// delete the account, confirmed with the password, with the choice of what becomes of the posts.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import { formatInstant } from '../time/format.ts';
import { TextField } from '../components/fields.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import type { ExportList, ExportSummaryView } from '../../../server/privacy/privacy.schemas.ts';
import { downloadExport, type ExportFormat } from './export-download.ts';

function ExportStatus({ item, timeZone }: { item: ExportSummaryView; timeZone: string }) {
  const { t, lang } = useI18n();
  if (item.expired) return <>{t('profile.myData.statusExpired')}</>;
  if (item.status === 'done' && item.expiresAt)
    return <>{t('profile.myData.statusDone', { date: formatInstant(item.expiresAt, lang, timeZone, 'dateTime') })}</>;
  return <>{t(item.status === 'failed' ? 'profile.myData.statusFailed' : 'profile.myData.statusQueued')}</>;
}

function ExportPart() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const timeZone = readerTimeZone(me);
  const [{ data }, , , refresh] = useApi<ExportList>('/api/me/exports');
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);

  async function download(format: ExportFormat) {
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      const background = await downloadExport('/api/me/export', format);
      if (background) {
        setQueued(true);
        await refresh();
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  const exports = data?.exports ?? [];
  return (
    <section aria-labelledby="my-data-export">
      <h3 id="my-data-export">{t('profile.myData.exportTitle')}</h3>
      <p>{t('profile.myData.exportIntro')}</p>
      <div class="button-row">
        <button type="button" onClick={() => void download('html')} disabled={busy !== null}>
          {busy === 'html' ? t('profile.myData.preparing') : t('profile.myData.downloadHtml')}
        </button>
        <button type="button" onClick={() => void download('json')} disabled={busy !== null}>
          {busy === 'json' ? t('profile.myData.preparing') : t('profile.myData.downloadJson')}
        </button>
      </div>
      <LiveMessage message={error} />
      <LiveMessage kind="ok" message={queued ? t('profile.myData.queued') : null} />
      {exports.length > 0 ? (
        <>
          <h4>{t('profile.myData.earlier')}</h4>
          <ul>
            {exports.map((item) => (
              <li key={item.id}>
                {t('profile.myData.exportStatus', {
                  date: formatInstant(item.createdAt, lang, timeZone, 'dateTime'),
                })}
                {' — '}
                <ExportStatus item={item} timeZone={timeZone} />
                {item.status === 'done' && !item.expired ? (
                  <>
                    {' — '}
                    <a href={`/api/me/exports/${item.id}?format=html`} download>
                      {t('profile.myData.downloadHtml')}
                    </a>
                    {' · '}
                    <a href={`/api/me/exports/${item.id}?format=json`} download>
                      {t('profile.myData.downloadJson')}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

type PostsChoice = 'keep' | 'remove';

function DeletePart() {
  const { t } = useI18n();
  const { setMe } = useSession();
  const { route } = useLocation();
  const [posts, setPosts] = useState<PostsChoice | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ posts?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found: { posts?: string; password?: string } = {};
    if (!posts) found.posts = t('profile.myData.postsRequired');
    if (!password) found.password = t('profile.myData.passwordRequired');
    setErrors(found);
    setError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(first === 'posts' ? 'posts-keep' : 'delete-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      await api('/api/me', { method: 'DELETE', body: { password, posts } });
      await setMe(null);
      route('/account-deleted');
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  const option = (value: PostsChoice, label: string, hint: string) => (
    <label class="checkbox" for={`posts-${value}`}>
      <input
        id={`posts-${value}`}
        type="radio"
        name="posts"
        value={value}
        checked={posts === value}
        onChange={() => setPosts(value)}
        aria-describedby={`posts-${value}-hint`}
      />
      <span>
        {label}
        <span id={`posts-${value}-hint`} class="hint">
          {hint}
        </span>
      </span>
    </label>
  );

  return (
    <section aria-labelledby="my-data-delete">
      <h3 id="my-data-delete">{t('profile.myData.deleteTitle')}</h3>
      <p>{t('profile.myData.deleteIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset id="posts" aria-describedby={errors.posts ? 'posts-error' : undefined}>
          <legend>{t('profile.myData.postsLegend')}</legend>
          {option('keep', t('profile.myData.keepLabel'), t('profile.myData.keepHint'))}
          {option('remove', t('profile.myData.removeLabel'), t('profile.myData.removeHint'))}
          {errors.posts ? (
            <span id="posts-error" class="field-error">
              {errors.posts}
            </span>
          ) : null}
        </fieldset>
        <TextField
          id="delete-password"
          type="password"
          label={t('profile.myData.password')}
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          required
          maxLength={256}
          error={errors.password}
        />
        <LiveMessage message={error} />
        <button type="submit" class="button-danger" disabled={busy}>
          {busy ? t('profile.myData.deleting') : t('profile.myData.confirm')}
        </button>
      </form>
    </section>
  );
}

export function MyData() {
  const { t } = useI18n();
  return (
    <section id="my-data" aria-labelledby="my-data-title" class="my-data">
      <h2 id="my-data-title">{t('profile.myData.title')}</h2>
      <p>{t('profile.myData.intro')}</p>
      <ExportPart />
      <DeletePart />
    </section>
  );
}
