// One of a forum's lists in the console (regions, sectors or the call's prerequisites): each
// entry named in the three languages, moved up or down, renamed, archived while in use (nobody
// new can choose it) or deleted when nothing points at it.
import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { ListAnswer, ListEntry, ListName } from './console-types.ts';
import { useFormSubmit } from './form-submit.ts';

const LANGS: Lang[] = ['en', 'es', 'fr'];
type Names = Record<Lang, string>;
const empty: Names = { en: '', es: '', fr: '' };

function NameFields({
  id,
  names,
  onChange,
  long,
}: {
  id: string;
  names: Names;
  onChange: (names: Names) => void;
  long: boolean;
}) {
  const { t } = useI18n();
  // A prerequisite is a sentence the applicant confirms, not a name.
  const label = long ? 'console.lists.textIn' : 'console.lists.nameIn';
  return (
    <div class="list-names">
      {LANGS.map((lang) => (
        <p key={lang}>
          <label for={`${id}-${lang}`}>{t(label, { language: t(`languageNames.${lang}`) })}</label>
          <input
            id={`${id}-${lang}`}
            lang={lang}
            value={names[lang]}
            required
            maxLength={long ? 300 : 80}
            onInput={(event) => onChange({ ...names, [lang]: event.currentTarget.value })}
          />
        </p>
      ))}
    </div>
  );
}

export function ListEditor({ slug, list }: { slug: string; list: ListName }) {
  const { t, lang } = useI18n();
  const path = `/api/forums/${encodeURIComponent(slug)}/lists/${list}`;
  const [state, setData, retry] = useApi<ListAnswer>(path);
  const [draft, setDraft] = useState<Names>(empty);
  const [editing, setEditing] = useState<{ id: number; names: Names } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useFormSubmit();
  const long = list === 'prerequisites';
  const entries = state.data?.entries ?? [];

  const run = (send: () => Promise<{ entries: ListEntry[] } | null>, message: string) =>
    submit(async () => {
      setDone(null);
      const result = await send();
      if (result) setData(() => result);
      else retry();
      setDone(message);
    });
  const reload = async () => api<ListAnswer>(path);

  function move(index: number, by: number) {
    const ids = entries.map((entry) => entry.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    void run(() => api(`${path}/order`, { method: 'PUT', body: { ids } }), t('console.lists.saved'));
  }

  return (
    <section aria-labelledby={`${list}-heading`} class="console-list">
      <h2 id={`${list}-heading`}>{t(`console.lists.${list}.title`)}</h2>
      <p class="muted">{t(`console.lists.${list}.intro`)}</p>
      <LiveMessage kind="error" message={error} id={`${list}-error`} />
      <LiveMessage kind="ok" message={error ? null : done} />
      {state.error ? (
        <p>
          <button type="button" onClick={retry}>
            {t('console.lists.retry')}
          </button>
        </p>
      ) : null}
      {entries.length === 0 && state.data ? <p>{t(`console.lists.${list}.none`)}</p> : null}
      <ol class="list-entries">
        {entries.map((entry, index) => (
          <li key={entry.id} class={entry.archived ? 'archived' : undefined}>
            {editing?.id === entry.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void run(async () => {
                    await api(`${path}/${entry.id}`, { method: 'PATCH', body: { name: editing.names } });
                    setEditing(null);
                    return reload();
                  }, t('console.lists.saved'));
                }}
              >
                <NameFields
                  id={`${list}-edit-${entry.id}`}
                  names={editing.names}
                  onChange={(names) => setEditing({ id: entry.id, names })}
                  long={long}
                />
                <button type="submit" disabled={busy}>
                  {t('console.lists.save')}
                </button>{' '}
                <button type="button" onClick={() => setEditing(null)}>
                  {t('console.cancel')}
                </button>
              </form>
            ) : (
              <>
                <span lang={lang} class="list-entry-name">
                  {entry.name[lang]}
                </span>
                {entry.archived ? <span class="badge">{t('console.lists.archived')}</span> : null}
                <span class="muted">
                  {entry.inUse > 0 ? t('console.lists.inUse', { count: entry.inUse }) : t('console.lists.unused')}
                </span>
                <span class="list-entry-actions">
                  <button
                    type="button"
                    disabled={busy || index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={t('console.lists.moveUp', { name: entry.name[lang] })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={busy || index === entries.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={t('console.lists.moveDown', { name: entry.name[lang] })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setEditing({ id: entry.id, names: { ...entry.name } })}
                  >
                    {t('console.lists.rename')}
                  </button>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      void run(
                        async () => {
                          await api(`${path}/${entry.id}`, { method: 'PATCH', body: { archived: !entry.archived } });
                          return reload();
                        },
                        entry.archived ? t('console.lists.restoredDone') : t('console.lists.archivedDone'),
                      )
                    }
                  >
                    {entry.archived ? t('console.lists.restore') : t('console.lists.archive')}
                  </button>
                  {entry.inUse === 0 ? (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => {
                        if (!window.confirm(t('console.lists.confirmDelete', { name: entry.name[lang] }))) return;
                        void run(async () => {
                          await api(`${path}/${entry.id}`, { method: 'DELETE' });
                          return reload();
                        }, t('console.lists.deleted'));
                      }}
                    >
                      {t('console.lists.delete')}
                    </button>
                  ) : null}
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
      <form
        class="list-add"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await api(path, { method: 'POST', body: { name: draft } });
            setDraft(empty);
            return reload();
          }, t('console.lists.added'));
        }}
      >
        <h3>{t(`console.lists.${list}.add`)}</h3>
        <NameFields id={`${list}-new`} names={draft} onChange={setDraft} long={long} />
        <button type="submit" disabled={busy}>
          {t('console.lists.addButton')}
        </button>
      </form>
    </section>
  );
}
