// A forum's glossary: the agreed renderings of its key terms in English, Spanish and French,
// which the editor marks in every source. Translators read it; organizers add, correct and
// delete terms, and exchange the whole list as CSV. Loaded on first use (see lazy-pages.ts).
import { useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Forum, GlossaryTerm, Lang } from '../api/types.ts';
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

type TermText = Omit<GlossaryTerm, 'id'>;
const EMPTY: TermText = { en: '', es: '', fr: '', note: '' };

function TermForm({ id, initial, submitLabel, onSubmit, onCancel }: {
  id: string; initial: TermText; submitLabel: string; onSubmit(term: TermText): Promise<void>; onCancel?(): void;
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
            <input ref={index === 0 ? firstRef : undefined} type="text" id={`${id}-${lang}`} lang={lang} value={term[lang]} maxLength={200} readOnly={busy}
              onInput={(event) => setTerm({ ...term, [lang]: event.currentTarget.value })} />
          </div>
        ))}
        <div class="field">
          <label for={`${id}-note`}>{t('glossary.note')}</label>
          <input type="text" id={`${id}-note`} value={term.note} maxLength={1000} readOnly={busy} onInput={(event) => setTerm({ ...term, note: event.currentTarget.value })} />
        </div>
      </div>
      <LiveMessage message={error} />
      <p class="button-row">
        <button type="submit" disabled={busy}>{submitLabel}</button>
        {onCancel ? <button type="button" class="button-quiet" disabled={busy} onClick={onCancel}>{t('composer.cancel')}</button> : null}
      </p>
    </form>
  );
}

function CsvImport({ slug, onImported }: { slug: string; onImported(count: number): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError(t('glossary.chooseFile'));
      fileRef.current?.focus();
      return;
    }
    if (!confirm(t('glossary.importConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      const text = await file.text();
      const { imported } = await api<{ imported: number }>(`/api/forums/${encodeURIComponent(slug)}/glossary.csv`, {
        method: 'PUT', text: { type: 'text/csv', value: text },
      });
      if (fileRef.current) fileRef.current.value = '';
      onImported(imported);
    } catch (failure) {
      // The server's message names the line it could not read.
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="csv-import" aria-label={t('glossary.import')} onSubmit={(event) => void submit(event)}>
      <div class="field">
        <label for="glossary-csv">{t('glossary.csvFile')}</label>
        <input ref={fileRef} type="file" id="glossary-csv" accept=".csv,text/csv" aria-describedby="glossary-csv-hint" disabled={busy} />
        <span id="glossary-csv-hint" class="hint">{t('glossary.importHint')}</span>
      </div>
      <LiveMessage message={error} />
      <p><button type="submit" disabled={busy}>{busy ? t('glossary.importing') : t('glossary.import')}</button></p>
    </form>
  );
}

function TermRow({ slug, term, organizer, onChanged, onDeleted }: {
  slug: string; term: GlossaryTerm; organizer: boolean; onChanged(term: GlossaryTerm): void; onDeleted(term: GlossaryTerm): void;
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
            onCancel={() => { setEditing(false); requestAnimationFrame(() => editRef.current?.focus()); }}
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
      {LANGS.map((lang: Lang) => <td key={lang} lang={lang}>{term[lang]}</td>)}
      <td>{term.note}</td>
      {organizer ? (
        <td>
          <span class="button-row">
            <button ref={editRef} type="button" class="button-quiet button-small" aria-label={t('glossary.editTerm', { term: name })} onClick={() => setEditing(true)}>{t('glossary.edit')}</button>
            <button type="button" class="button-quiet button-small" aria-label={t('glossary.deleteTerm', { term: name })} onClick={() => void remove()}>{t('glossary.delete')}</button>
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
  const [{ data, error }, update, retry, refresh] = useApi<{ terms: GlossaryTerm[] }>(`/api/forums/${encodeURIComponent(slug)}/glossary`);
  const [message, setMessage] = useState<string | null>(null);
  const organizer = forum.myRoles.includes('organizer');

  return (
    <>
      <p class="button-row">
        <a class="button button-quiet" href={`/api/forums/${encodeURIComponent(slug)}/glossary.csv`} download={`glossary-${slug}.csv`}>{t('glossary.export')}</a>
      </p>
      <LiveMessage kind="ok" message={message} />
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data ? (
        data.terms.length ? (
          <div class="table-wrap">
            <table class="glossary-table">
              <caption>{t('glossary.caption', { count: data.terms.length })}</caption>
              <thead>
                <tr>
                  {LANGS.map((lang) => <th key={lang} scope="col">{t(`languageNames.${lang}`)}</th>)}
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
                    onChanged={(changed) => { update((d) => ({ terms: d.terms.map((x) => (x.id === changed.id ? changed : x)) })); setMessage(t('glossary.saved')); }}
                    onDeleted={(gone) => { update((d) => ({ terms: d.terms.filter((x) => x.id !== gone.id) })); setMessage(t('glossary.deleted')); }}
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
            <CsvImport slug={slug} onImported={(count) => { setMessage(t('glossary.imported', { count })); void refresh(); }} />
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
        <a href={forumHref} lang={forum.title.lang}>{forum.title.value}</a>
        {canTranslate(forum.myRoles) ? <a href={translationHref(slug, 'translate')}>{t('translate.queueLink')}</a> : null}
      </p>
      <p>{t('glossary.intro')}</p>
      {!me ? (
        <SignInPrompt />
      ) : canTranslate(forum.myRoles) ? (
        <Glossary forum={forum} />
      ) : (
        <Notice kind="warn"><p>{t('translate.notTranslator')}</p></Notice>
      )}
    </>
  );
}
