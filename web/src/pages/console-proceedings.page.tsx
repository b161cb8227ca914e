// The console's proceedings tab: generate a language edition from the threads chosen (by default
// every thread an accepted element cites), watch it progress (the page asks again every two
// seconds while one is generating), then download, publish or retry. The API decides who may.
import { useEffect, useState } from 'preact/hooks';
import type { Static } from 'typebox';
import type { EditionSchema, ProceedingsResponse } from '../../../server/proceedings/proceedings.schemas.ts';
import { api } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { ConsoleFrame } from '../console/console-frame.tsx';
import { useFormSubmit } from '../console/form-submit.ts';
import { useApi } from '../hooks/use-api.ts';
import { useForum } from '../hooks/use-forum.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { fileSize } from '../proceedings/file-size.ts';
import type { Lang } from '../i18n/languages.ts';

type Proceedings = Static<typeof ProceedingsResponse>;
type Edition = Static<typeof EditionSchema>;

const POLL_MS = 2000;
// The job's step names, shown in words; before the first step the edition is still waiting.
const STEP_KEYS: Record<string, true> = { content: true, html: true, pdf: true, data: true };

function EditionRow({ edition, onChange }: { edition: Edition; onChange: (e: Edition) => void }) {
  const { t, lang } = useI18n();
  const { busy, error, submit } = useFormSubmit();
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(edition.createdAt),
  );
  const act = (action: 'publish' | 'unpublish' | 'retry') =>
    submit(async () => {
      const answer = await api<{ edition: Edition }>(`/api/proceedings/${edition.id}/${action}`, { method: 'POST' });
      onChange(answer.edition);
    });
  const active = edition.status === 'queued' || edition.status === 'running';
  return (
    <li class="proceedings-edition">
      <p>
        <strong>{t('console.proceedings.editionIn', { language: t(`languageNames.${edition.lang}`) })}</strong>{' '}
        <span class="muted">{when}</span> ·{' '}
        <span class="badge">{t(`console.proceedings.status.${edition.status}`)}</span>
        {edition.publishedAt ? <span class="badge">{t('console.proceedings.published')}</span> : null}
      </p>
      {active ? (
        <p>
          <label>
            {edition.step in STEP_KEYS
              ? t(`console.proceedings.step.${edition.step}`)
              : t('console.proceedings.status.queued')}{' '}
            <progress max={100} value={edition.progress}>
              {edition.progress} %
            </progress>
          </label>
        </p>
      ) : null}
      {edition.status === 'failed' || (edition.lastError && active) ? (
        <p class="muted">{t('console.proceedings.failedNote', { attempts: edition.attempts })}</p>
      ) : null}
      {edition.files.length > 0 ? (
        <ul class="inline-list">
          {edition.files.map((file) => (
            <li key={file.format}>
              <a href={`/api/proceedings/${edition.id}/files/${file.format}`} download>
                {t(`console.proceedings.format.${file.format}`)}
              </a>{' '}
              <span class="muted">({fileSize(file.sizeBytes, lang)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {edition.publicUrl ? (
        <p>
          {t('console.proceedings.publicAt')} <a href={edition.publicUrl}>{edition.publicUrl}</a>
        </p>
      ) : null}
      <LiveMessage kind="error" message={error} />
      <p>
        {edition.status === 'done' ? (
          <button type="button" disabled={busy} onClick={() => void act(edition.publishedAt ? 'unpublish' : 'publish')}>
            {edition.publishedAt ? t('console.proceedings.unpublish') : t('console.proceedings.publish')}
          </button>
        ) : null}
        {edition.status === 'failed' ? (
          <button type="button" disabled={busy} onClick={() => void act('retry')}>
            {t('console.proceedings.retry')}
          </button>
        ) : null}
      </p>
    </li>
  );
}

export default function ConsoleProceedingsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { forum } = useForum(slug);
  const path = `/api/forums/${encodeURIComponent(slug)}/proceedings`;
  const [state, setData, retry, refresh] = useApi<Proceedings>(path);
  const [chosen, setChosen] = useState<Set<number> | null>(null);
  const [lang, setLang] = useState<Lang | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useFormSubmit();
  const data = state.data;
  const selection = chosen ?? new Set((data?.candidates ?? []).filter((c) => c.citedCount > 0).map((c) => c.id));
  const generating = (data?.editions ?? []).some((e) => e.status === 'queued' || e.status === 'running');

  useEffect(() => {
    if (!generating) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [generating, refresh]);

  const languages = forum?.languages ?? (['en', 'es', 'fr'] as Lang[]);
  const editionLang = lang ?? languages[0] ?? 'en';
  const replace = (edition: Edition) =>
    setData((d) => ({
      ...d,
      editions: d.editions.some((e) => e.id === edition.id)
        ? d.editions.map((e) => (e.id === edition.id ? edition : e))
        : [edition, ...d.editions],
    }));

  return (
    <ConsoleFrame slug={slug} current="proceedings" heading={t('console.proceedings.title')}>
      <p>{t('console.proceedings.intro')}</p>
      {state.error ? (
        <p>
          <button type="button" onClick={retry}>
            {t('console.lists.retry')}
          </button>
        </p>
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(async () => {
            setDone(null);
            const answer = await api<{ edition: Edition }>(path, {
              method: 'POST',
              body: { lang: editionLang, threadIds: [...selection], idempotencyKey: crypto.randomUUID() },
            });
            replace(answer.edition);
            setDone(t('console.proceedings.queued'));
          });
        }}
      >
        <h2>{t('console.proceedings.generate')}</h2>
        <p>
          <label for="proceedings-lang">{t('console.proceedings.language')}</label>{' '}
          <select id="proceedings-lang" value={editionLang} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {t(`languageNames.${l}`)}
              </option>
            ))}
          </select>
        </p>
        <fieldset>
          <legend>{t('console.proceedings.threads')}</legend>
          <p class="muted">{t('console.proceedings.threadsHint')}</p>
          {data && data.candidates.length === 0 ? <p>{t('console.proceedings.noThreads')}</p> : null}
          <ul class="proceedings-threads">
            {(data?.candidates ?? []).map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={selection.has(c.id)}
                    onChange={(e) => {
                      const next = new Set(selection);
                      if (e.currentTarget.checked) next.add(c.id);
                      else next.delete(c.id);
                      setChosen(next);
                    }}
                  />{' '}
                  <span lang={c.title.lang}>{c.title.value}</span>{' '}
                  <span class="muted">
                    {t('console.proceedings.threadFacts', { week: c.week, posts: c.postCount, count: c.citedCount })}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <LiveMessage kind="error" message={error} />
        <LiveMessage kind="ok" message={error ? null : done} />
        <button type="submit" disabled={busy}>
          {t('console.proceedings.generateButton', { language: t(`languageNames.${editionLang}`) })}
        </button>
      </form>
      <h2>{t('console.proceedings.editions')}</h2>
      {data && data.editions.length === 0 ? <p>{t('console.proceedings.noEditions')}</p> : null}
      <ul class="proceedings-editions" aria-live="polite">
        {(data?.editions ?? []).map((e) => (
          <EditionRow key={e.id} edition={e} onChange={replace} />
        ))}
      </ul>
    </ConsoleFrame>
  );
}
