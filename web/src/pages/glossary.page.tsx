// A forum's glossary: the agreed renderings of its key terms in English, Spanish and French,
// which the editor marks in every source. Translators read it; organizers add, correct and
// delete terms, and exchange the list as CSV (merged in, or replacing it once previewed and
// confirmed). Loaded on first use (see lazy-page.ts).
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api/client.ts';
import type { Forum } from '../forums/forum-types.ts';
import type {
  Glossary,
  GlossaryImportMode,
  GlossaryImportSummary,
  GlossaryTerm,
} from '../translation/translation-types.ts';
import type { Lang } from '../i18n/languages.ts';
import { LoadError, PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { translationHref } from '../components/translation-links.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useForum } from '../hooks/use-forum.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LANGS } from '../i18n/languages.ts';
import { canTranslate } from '../session/forum-info.ts';
import { useSession } from '../session/session-context.tsx';
import { scrollableRegion } from '../components/scrollable-region.ts';

type TermText = Omit<GlossaryTerm, 'id'>;
const EMPTY: TermText = { en: '', es: '', fr: '', note: '' };

function TermForm({
  id,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  initial: TermText;
  submitLabel: string;
  onSubmit(term: TermText): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const [term, setTerm] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (!LANGS.some((lang) => term[lang].trim())) {
      setError(t('glossary.needOne'));
      firstRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ en: term.en.trim(), es: term.es.trim(), fr: term.fr.trim(), note: term.note.trim() });
      if (!onCancel) {
        setTerm(EMPTY);
        firstRef.current?.focus();
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="term-form" aria-label={submitLabel} onSubmit={(event) => void submit(event)} noValidate>
      <div class="term-fields">
        {LANGS.map((lang, index) => (
          <div class="field" key={lang}>
            <label for={`${id}-${lang}`}>{t(`languageNames.${lang}`)}</label>
            <input
              ref={index === 0 ? firstRef : undefined}
              type="text"
              id={`${id}-${lang}`}
              lang={lang}
              value={term[lang]}
              maxLength={200}
              readOnly={busy}
              onInput={(event) => setTerm({ ...term, [lang]: event.currentTarget.value })}
            />
          </div>
        ))}
        <div class="field">
          <label for={`${id}-note`}>{t('glossary.note')}</label>
          <input
            type="text"
            id={`${id}-note`}
            value={term.note}
            maxLength={1000}
            readOnly={busy}
            onInput={(event) => setTerm({ ...term, note: event.currentTarget.value })}
          />
        </div>
      </div>
      <LiveMessage message={error} />
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" class="button-quiet" disabled={busy} onClick={onCancel}>
            {t('composer.cancel')}
          </button>
        ) : null}
      </p>
    </form>
  );
}

/** A file read and checked by a dry run: what importing it would do. */
interface Preview {
  text: string;
  summary: GlossaryImportSummary;
}

/**
 * Importing a CSV file: the organizer picks merge (the default) or replace, sees what the
 * import would add, update and delete (a dry run), then applies it. A replace is confirmed
 * with the number of terms it deletes; when the glossary changed meanwhile, the server
 * refuses it and the new preview is shown.
 */
function CsvImport({ slug, onImported }: { slug: string; onImported(summary: GlossaryImportSummary): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<GlossaryImportMode>('merge');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const previewRef = useRef<HTMLHeadingElement>(null);

  const send = (text: string, query: Record<string, string>) =>
    api<GlossaryImportSummary>(`/api/forums/${encodeURIComponent(slug)}/glossary.csv?${new URLSearchParams(query)}`, {
      method: 'PUT',
      text: { type: 'text/csv', value: text },
    });
  const reset = () => {
    setPreview(null);
    setNotice(null);
    setError(null);
  };

  async function showPreview(text: string) {
    setPreview({ text, summary: await send(text, { mode, dryRun: 'true' }) });
    requestAnimationFrame(() => previewRef.current?.focus());
  }

  async function submit(event: Event) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(t('glossary.chooseFile'));
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    reset();
    try {
      await showPreview(await file.text());
    } catch (failure) {
      // The server's message names the line it could not read, or says the file is empty.
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!preview) return;
    const { summary, text } = preview;
    setBusy(true);
    setError(null);
    try {
      const query: Record<string, string> = { mode: summary.mode };
      if (summary.mode === 'replace') query.confirm = String(summary.removed);
      const done = await send(text, query);
      if (fileRef.current) fileRef.current.value = '';
      reset();
      onImported(done);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'glossary_replace_unconfirmed') {
        await showPreview(text).then(
          () => setNotice(t('glossary.previewChangedAgain')),
          (again: unknown) => setError(errorMessage(again)),
        );
      } else setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const summary = preview?.summary;
  return (
    <form class="csv-import" aria-label={t('glossary.import')} onSubmit={(event) => void submit(event)}>
      <div class="field">
        <label for="glossary-csv">{t('glossary.csvFile')}</label>
        <input
          ref={fileRef}
          type="file"
          id="glossary-csv"
          accept=".csv,text/csv"
          aria-describedby="glossary-csv-hint"
          disabled={busy}
          onChange={reset}
        />
        <span id="glossary-csv-hint" class="hint">
          {t('glossary.importHint')}
        </span>
      </div>
      <fieldset>
        <legend>{t('glossary.modeLabel')}</legend>
        {(['merge', 'replace'] as const).map((choice) => (
          <label key={choice} class="checkbox">
            <input
              type="radio"
              name="glossary-import-mode"
              value={choice}
              checked={mode === choice}
              disabled={busy}
              onChange={() => {
                setMode(choice);
                reset();
              }}
            />
            <span>{t(choice === 'merge' ? 'glossary.modeMerge' : 'glossary.modeReplace')}</span>
          </label>
        ))}
      </fieldset>
      <LiveMessage message={error} />
      <p>
        <button type="submit" class={summary ? 'button-quiet' : undefined} disabled={busy}>
          {busy && !summary ? t('glossary.previewing') : t('glossary.preview')}
        </button>
      </p>
      {summary ? (
        <section class="import-preview" aria-labelledby="import-preview-heading">
          <h3 id="import-preview-heading" ref={previewRef} tabIndex={-1}>
            {t('glossary.previewTitle')}
          </h3>
          <LiveMessage kind="ok" message={notice} />
          <ul>
            <li>{t('glossary.previewAdded', { count: summary.added })}</li>
            <li>{t('glossary.previewChanged', { count: summary.changed })}</li>
            <li>{t('glossary.previewUnchanged', { count: summary.unchanged })}</li>
            {summary.mode === 'replace' ? (
              <li>
                <strong>{t('glossary.previewRemoved', { count: summary.removed })}</strong>
              </li>
            ) : null}
          </ul>
          <p class="button-row">
            <button type="button" disabled={busy} onClick={() => void apply()}>
              {busy
                ? t('glossary.importing')
                : summary.removed > 0
                  ? t('glossary.applyReplace', { count: summary.removed })
                  : t('glossary.applyMerge')}
            </button>
            <button
              type="button"
              class="button-quiet"
              disabled={busy}
              onClick={() => {
                reset();
                fileRef.current?.focus();
              }}
            >
              {t('composer.cancel')}
            </button>
          </p>
        </section>
      ) : null}
    </form>
  );
}

function TermRow({
  slug,
  term,
  organizer,
  onChanged,
  onDeleted,
}: {
  slug: string;
  term: GlossaryTerm;
  organizer: boolean;
  onChanged(term: GlossaryTerm): void;
  onDeleted(term: GlossaryTerm): void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const name = term.en || term.es || term.fr;
  const path = `/api/forums/${encodeURIComponent(slug)}/glossary/${term.id}`;

  async function remove() {
    if (!confirm(t('glossary.deleteConfirm', { term: name }))) return;
    setError(null);
    try {
      await api(path, { method: 'DELETE' });
      onDeleted(term);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  if (editing) {
    return (
      <tr>
        <td colSpan={organizer ? 5 : 4}>
          <TermForm
            id={`term-${term.id}`}
            initial={term}
            submitLabel={t('glossary.save')}
            onCancel={() => {
              setEditing(false);
              requestAnimationFrame(() => editRef.current?.focus());
            }}
            onSubmit={async (changed) => {
              await api(path, { method: 'PUT', body: changed });
              setEditing(false);
              onChanged({ ...changed, id: term.id });
              requestAnimationFrame(() => editRef.current?.focus());
            }}
          />
        </td>
      </tr>
    );
  }
  return (
    <tr>
      {LANGS.map((lang: Lang) => (
        <td key={lang} lang={lang}>
          {term[lang]}
        </td>
      ))}
      <td>{term.note}</td>
      {organizer ? (
        <td>
          <span class="button-row">
            <button
              ref={editRef}
              type="button"
              class="button-quiet button-small"
              aria-label={t('glossary.editTerm', { term: name })}
              onClick={() => setEditing(true)}
            >
              {t('glossary.edit')}
            </button>
            <button
              type="button"
              class="button-quiet button-small"
              aria-label={t('glossary.deleteTerm', { term: name })}
              onClick={() => void remove()}
            >
              {t('glossary.delete')}
            </button>
          </span>
          <LiveMessage message={error} />
        </td>
      ) : null}
    </tr>
  );
}

function Glossary({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const slug = forum.slug;
  const [{ data, error }, update, retry, refresh] = useApi<Glossary>(
    `/api/forums/${encodeURIComponent(slug)}/glossary`,
  );
  const [message, setMessage] = useState<string | null>(null);
  const organizer = forum.myRoles.includes('organizer');

  return (
    <>
      <p class="button-row">
        <a
          class="button button-quiet"
          href={`/api/forums/${encodeURIComponent(slug)}/glossary.csv`}
          download={`glossary-${slug}.csv`}
        >
          {t('glossary.export')}
        </a>
      </p>
      <LiveMessage kind="ok" message={message} />
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data ? (
        data.terms.length ? (
          <div class="table-wrap" {...scrollableRegion(t('glossary.title'))}>
            <table class="glossary-table">
              <caption>{t('glossary.caption', { count: data.terms.length })}</caption>
              <thead>
                <tr>
                  {LANGS.map((lang) => (
                    <th key={lang} scope="col">
                      {t(`languageNames.${lang}`)}
                    </th>
                  ))}
                  <th scope="col">{t('glossary.note')}</th>
                  {organizer ? <th scope="col">{t('glossary.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.terms.map((term) => (
                  <TermRow
                    key={term.id}
                    slug={slug}
                    term={term}
                    organizer={organizer}
                    onChanged={(changed) => {
                      update((d) => ({ terms: d.terms.map((x) => (x.id === changed.id ? changed : x)) }));
                      setMessage(t('glossary.saved'));
                    }}
                    onDeleted={(gone) => {
                      update((d) => ({ terms: d.terms.filter((x) => x.id !== gone.id) }));
                      setMessage(t('glossary.deleted'));
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('glossary.empty')}</p>
        )
      ) : null}
      {organizer ? (
        <>
          <section aria-labelledby="add-term-heading">
            <h2 id="add-term-heading">{t('glossary.addTitle')}</h2>
            <TermForm
              id="new-term"
              initial={EMPTY}
              submitLabel={t('glossary.add')}
              onSubmit={async (term) => {
                await api(`/api/forums/${encodeURIComponent(slug)}/glossary`, { method: 'POST', body: term });
                setMessage(t('glossary.added'));
                await refresh();
              }}
            />
          </section>
          <section aria-labelledby="import-heading">
            <h2 id="import-heading">{t('glossary.import')}</h2>
            <CsvImport
              slug={slug}
              onImported={(done) => {
                setMessage(t('glossary.importDone', { ...done }));
                void refresh();
              }}
            />
          </section>
        </>
      ) : null}
    </>
  );
}

export default function GlossaryPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  const { forum, error, retry } = useForum(slug);
  if (!forum) return <PageNotLoaded error={error} retry={retry} />;
  return (
    <>
      <PageHeading text={t('glossary.title')} />
      <p class="meta">
        <a href={forumHref} lang={forum.title.lang}>
          {forum.title.value}
        </a>
        {canTranslate(forum.myRoles) ? (
          <a href={translationHref(slug, 'translate')}>{t('translate.queueLink')}</a>
        ) : null}
      </p>
      <p>{t('glossary.intro')}</p>
      {!me ? (
        <SignInPrompt />
      ) : canTranslate(forum.myRoles) ? (
        <Glossary forum={forum} />
      ) : (
        <Notice kind="warn">
          <p>{t('translate.notTranslator')}</p>
        </Notice>
      )}
    </>
  );
}
