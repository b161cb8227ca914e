// The translation editor: the source paragraph by paragraph, with the forum's glossary terms
// marked and, for an edited original, what changed; beside each paragraph its translation.
// What is typed is kept in this browser at once and saved on the server every few seconds
// (which also extends the claim); then published, or reviewed by a second person where the
// forum asks for it. Loaded on first use (see lazy-page.ts).
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, ApiError, errorMessage, isRetryable } from '../api/client.ts';
import type { ClaimAnswer, PublishAnswer, TaskDetail, TaskDetailAnswer } from '../translation/translation-types.ts';
import { DateTime } from '../components/date-range.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { translationHref } from '../components/translation-links.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useFlushOnLeave } from '../hooks/use-flush-on-leave.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { MarkdownPreview } from '../components/markdown-preview.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { taskItemHref } from '../translation/item-href.ts';
import { readLocalTranslation, removeLocalTranslation, writeLocalTranslation } from '../translation/local-copy.ts';
import { alignParagraphs, highlightParagraphs, joinParagraphs } from '../translation/text.ts';
import { NotFoundPage } from './not-found.page.tsx';

const LOCAL_DELAY_MS = 300;
const SERVER_INTERVAL_MS = 3_000;
const SERVER_RETRY_MS = 10_000;
const MAX_LENGTH = 50_000;
/** Browsers refuse keepalive requests over 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

type SaveState = 'idle' | 'local' | 'saving' | 'saved' | 'unsaved';

function GlossaryAside({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  // One entry per term, in the order they first appear.
  const terms = useMemo(() => {
    const seen = new Map<number, TaskDetail['glossary'][number]>();
    for (const match of task.glossary) if (!seen.has(match.termId)) seen.set(match.termId, match);
    return [...seen.values()];
  }, [task.glossary]);
  if (!terms.length) return null;
  return (
    <aside class="glossary-aside" aria-labelledby="glossary-aside-heading">
      <h2 id="glossary-aside-heading">{t('translate.glossaryTerms')}</h2>
      <dl>
        {terms.map((term) => (
          <div key={term.termId} id={`term-${term.termId}`}>
            <dt lang={task.sourceLang}>{term.text}</dt>
            <dd>
              →{' '}
              {term.rendering ? (
                <strong lang={task.targetLang}>{term.rendering}</strong>
              ) : (
                <em>{t('translate.noRendering')}</em>
              )}
              {term.note ? <span class="term-note"> — {term.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}

function SourceDiff({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  if (!task.sourceDiff) return null;
  return (
    <section class="source-diff" aria-labelledby="source-diff-heading">
      <h2 id="source-diff-heading">{t('translate.whatChanged')}</h2>
      <p class="hint">{t('translate.whatChangedHint')}</p>
      <p class="diff-text" lang={task.sourceLang}>
        {task.sourceDiff.map((part, index) =>
          part.change === 'added' ? (
            <ins key={index}>
              <span class="visually-hidden">[{t('translate.added')}] </span>
              {part.value}
            </ins>
          ) : part.change === 'removed' ? (
            <del key={index}>
              <span class="visually-hidden">[{t('translate.removed')}] </span>
              {part.value}
            </del>
          ) : (
            <span key={index}>{part.value}</span>
          ),
        )}
      </p>
    </section>
  );
}

function initialParagraphs(task: TaskDetail, userId: number): { paragraphs: string[]; restored: boolean } {
  const count = Math.max(1, task.source.paragraphs.length);
  const fromServer = alignParagraphs(task.draft ?? task.previousTranslation?.markdown ?? '', count);
  const local = task.mine ? readLocalTranslation(userId, task.id) : null;
  if (!local || local.sourceRevision !== task.sourceRevision || local.paragraphs.length !== count)
    return { paragraphs: fromServer, restored: false };
  const same = joinParagraphs(local.paragraphs) === joinParagraphs(fromServer);
  // Unsaved work here wins; a saved copy is the server's, kept here for its alignment.
  if (!local.synced && !same) return { paragraphs: local.paragraphs, restored: true };
  return { paragraphs: same ? local.paragraphs : fromServer, restored: false };
}

function TaskEditor({ slug, task, reload }: { slug: string; task: TaskDetail; reload(): Promise<void> }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { route } = useLocation();
  const userId = me!.id;
  const timeZone = readerTimeZone(me);
  const queueHref = translationHref(slug, 'translate');
  const reviewing = task.status === 'in_review' && task.translatedBy !== userId;
  const editable = task.mine || reviewing;

  const [start] = useState(() => initialParagraphs(task, userId));
  const [paragraphs, setParagraphs] = useState(start.paragraphs);
  const [saveState, setSaveState] = useState<SaveState>(start.restored ? 'local' : 'idle');
  const [claimExpiresAt, setClaimExpiresAt] = useState(task.claimExpiresAt);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(start.restored ? t('translate.restored') : null);
  const [previewOpen, setPreviewOpen] = useState(false);

  const live = useRef({
    paragraphs: start.paragraphs,
    synced: !start.restored,
    lost: false,
    closed: false,
    saving: null as Promise<boolean> | null,
    localTimer: null as ReturnType<typeof setTimeout> | null,
    serverTimer: null as ReturnType<typeof setTimeout> | null,
  });

  const writeLocal = useCallback(() => {
    const state = live.current;
    if (state.localTimer) clearTimeout(state.localTimer);
    state.localTimer = null;
    if (!task.mine || state.closed) return;
    writeLocalTranslation(userId, task.id, {
      v: 1,
      paragraphs: state.paragraphs,
      sourceRevision: task.sourceRevision,
      synced: state.synced,
      changedAt: Date.now(),
    });
  }, [userId, task.id, task.mine, task.sourceRevision]);

  const saveToServer = useCallback(
    async (keepalive = false) => {
      const state = live.current;
      if (state.serverTimer) clearTimeout(state.serverTimer);
      state.serverTimer = null;
      if (!task.mine || state.closed || state.lost || state.synced || state.saving) return;
      const snapshot = joinParagraphs(state.paragraphs);
      if (snapshot.length > MAX_LENGTH) {
        setSaveState('unsaved');
        return;
      }
      setSaveState('saving');
      // Resolves to whether the failure is worth another try.
      const request = api<ClaimAnswer>(`/api/translation-tasks/${task.id}/draft`, {
        method: 'PUT',
        body: { bodyMd: snapshot },
        keepalive: keepalive && snapshot.length < KEEPALIVE_LIMIT,
      }).then(
        ({ claimExpiresAt: until }) => {
          setClaimExpiresAt(until);
          if (joinParagraphs(state.paragraphs) === snapshot) {
            state.synced = true;
            setSaveState('saved');
          }
          writeLocal();
          return false;
        },
        (failure: unknown) => {
          setSaveState('unsaved');
          if (isRetryable(failure)) return true;
          // The claim is gone (expired and taken, released by an organizer): say so, keep the text here.
          state.lost = true;
          setError(errorMessage(failure));
          return false;
        },
      );
      state.saving = request;
      const retry = await request;
      state.saving = null;
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- each flag may have changed during the await above; TypeScript keeps the narrowing across it
      if (!state.closed && !state.lost && !state.synced)
        state.serverTimer = setTimeout(() => void saveToServer(), retry ? SERVER_RETRY_MS : SERVER_INTERVAL_MS);
    },
    [task.id, task.mine, writeLocal],
  );

  function change(index: number, value: string) {
    const state = live.current;
    state.paragraphs = state.paragraphs.map((p, i) => (i === index ? value : p));
    state.synced = false;
    setParagraphs(state.paragraphs);
    if (!task.mine) return;
    setSaveState('local');
    if (state.localTimer) clearTimeout(state.localTimer);
    state.localTimer = setTimeout(writeLocal, LOCAL_DELAY_MS);
    if (!state.serverTimer && !state.saving)
      state.serverTimer = setTimeout(() => void saveToServer(), SERVER_INTERVAL_MS);
  }

  // Leaving the page or hiding the tab: keep everything here, and try to save it there.
  const flush = useCallback(() => {
    const state = live.current;
    if (state.closed) return;
    writeLocal();
    if (!state.synced) void saveToServer(true);
  }, [writeLocal, saveToServer]);
  useFlushOnLeave(flush, live);

  /** Stops the autosave and forgets the copy here: the task has left this translator's hands. */
  function close() {
    const state = live.current;
    state.closed = true;
    if (state.localTimer) clearTimeout(state.localTimer);
    if (state.serverTimer) clearTimeout(state.serverTimer);
    removeLocalTranslation(userId, task.id);
  }

  async function run(action: () => Promise<string | null>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const outcome = await action();
      if (outcome) route(`${queueHref}?outcome=${outcome}`);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const text = joinParagraphs(paragraphs);
  const missing = () => {
    if (text) return false;
    setError(t('translate.emptyTranslation'));
    document.getElementById('translation-0')?.focus();
    return true;
  };

  const publish = () => {
    if (missing()) return;
    void run(async () => {
      const live0 = live.current;
      if (live0.saving) await live0.saving.catch(() => {});
      const answer = await api<PublishAnswer>(`/api/translation-tasks/${task.id}/publish`, {
        method: 'POST',
        body: { bodyMd: text },
      });
      close();
      return answer.status;
    });
  };
  const release = () =>
    void run(async () => {
      await api(`/api/translation-tasks/${task.id}/release`, { method: 'POST' });
      close();
      return 'released';
    });
  const claim = () =>
    void run(async () => {
      await api(`/api/translation-tasks/${task.id}/claim`, { method: 'POST' });
      await reload();
      return null;
    });
  const approve = () => {
    if (missing()) return;
    void run(async () => {
      const corrected = text !== joinParagraphs(alignParagraphs(task.draft ?? '', paragraphs.length));
      await api(`/api/translation-tasks/${task.id}/approve`, {
        method: 'POST',
        body: corrected ? { bodyMd: text } : {},
      });
      return 'approved';
    });
  };
  const reject = () =>
    void run(async () => {
      await api(`/api/translation-tasks/${task.id}/reject`, { method: 'POST' });
      return 'rejected';
    });

  const segments = useMemo(
    () =>
      highlightParagraphs(
        task.source.markdown,
        task.source.paragraphs.length ? task.source.paragraphs : [task.source.markdown],
        task.glossary,
      ),
    [task.source.markdown, task.source.paragraphs, task.glossary],
  );
  const sourceName = t(`languageNames.${task.sourceLang}`);
  const targetName = t(`languageNames.${task.targetLang}`);
  const isTitle = task.kind === 'thread_title';
  const itemHref = taskItemHref(slug, task);

  return (
    <>
      <PageHeading text={t(`translate.editorTitle.${task.kind}`)} />
      <p class="meta">
        <a href={queueHref}>{t('translate.backToQueue')}</a>
        <span>{t('translate.pair', { from: sourceName, to: targetName })}</span>
        <span>
          {t('translate.due')} <DateTime value={task.dueAt} timeZone={timeZone} style="dateTime" />
        </span>
        {itemHref ? <a href={itemHref}>{t('translate.seeItem')}</a> : null}
      </p>

      {task.mine ? (
        <Notice kind="info">
          <p>
            {claimExpiresAt ? (
              <>
                {t('translate.holdUntil')} <DateTime value={claimExpiresAt} timeZone={timeZone} style="dateTime" />
                .{' '}
              </>
            ) : null}
            {t('translate.holdHint')}
          </p>
        </Notice>
      ) : task.status === 'open' ? (
        <Notice kind="info">
          <p>{t('translate.notClaimed')}</p>
          <p>
            <button type="button" disabled={busy} onClick={claim}>
              {t('translate.claim')}
            </button>
          </p>
        </Notice>
      ) : task.status === 'claimed' ? (
        <Notice kind="warn">
          <p>{t('translate.claimedByOther')}</p>
        </Notice>
      ) : task.status === 'in_review' ? (
        <Notice kind="info">
          <p>{reviewing ? t('translate.reviewHint') : t('translate.awaitingReview')}</p>
        </Notice>
      ) : (
        <Notice kind="warn">
          <p>{t('translate.closed')}</p>
        </Notice>
      )}
      {task.currentSourceRevision > task.sourceRevision ? (
        <Notice kind="warn">
          <p>{t('translate.sourceChanged')}</p>
        </Notice>
      ) : null}

      <GlossaryAside task={task} />
      <SourceDiff task={task} />

      <section class="translation-editor" aria-label={t('translate.editorLabel')}>
        <div class="editor-row editor-columns" aria-hidden="true">
          <span>{t('translate.originalColumn', { language: sourceName })}</span>
          <span>{t('translate.translationColumn', { language: targetName })}</span>
        </div>
        {segments.map((paragraph, index) => (
          <div class="editor-row" key={index}>
            <div class="source-para" id={`source-${index}`} lang={task.sourceLang}>
              {paragraph.map((segment, at) =>
                segment.match ? (
                  <mark
                    key={at}
                    title={`${segment.match.rendering || '—'}${segment.match.note ? ` — ${segment.match.note}` : ''}`}
                    aria-describedby={`term-${segment.match.termId}`}
                  >
                    {segment.text}
                  </mark>
                ) : (
                  <span key={at}>{segment.text}</span>
                ),
              )}
            </div>
            <div class="target-para">
              <label for={`translation-${index}`}>
                {isTitle
                  ? t('translate.titleLabel', { language: targetName })
                  : t('translate.paragraphLabel', { number: index + 1, language: targetName })}
              </label>
              <textarea
                id={`translation-${index}`}
                lang={task.targetLang}
                rows={
                  isTitle ? 2 : Math.min(12, Math.max(3, Math.ceil((task.source.paragraphs[index]?.length ?? 80) / 60)))
                }
                value={paragraphs[index] ?? ''}
                readOnly={!editable || busy}
                spellcheck
                aria-describedby={`source-${index}`}
                onInput={(event) => change(index, event.currentTarget.value)}
                onKeyDown={(event) => {
                  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
                    event.preventDefault();
                    void saveToServer();
                  }
                }}
              />
            </div>
          </div>
        ))}
      </section>

      <details class="translation-preview" onToggle={(event) => setPreviewOpen(event.currentTarget.open)}>
        <summary>{t('translate.preview')}</summary>
        <MarkdownPreview markdown={text} lang={task.targetLang} active={previewOpen} />
      </details>

      <p class="composer-meta">
        <span class="word-count">{t('translate.characters', { count: text.length })}</span>
        {task.mine && saveState !== 'idle' ? (
          <span class={saveState === 'unsaved' ? 'save-state save-state-warn' : 'save-state'}>
            {t(`composer.saveState.${saveState}`)}
          </span>
        ) : null}
      </p>
      <LiveMessage message={error} />
      <LiveMessage kind="ok" message={status} />
      {task.mine ? (
        <p class="button-row">
          <button type="button" disabled={busy} onClick={publish}>
            {t('translate.publish')}
          </button>
          <button type="button" class="button-quiet" disabled={busy} onClick={() => void saveToServer()}>
            {t('translate.saveDraft')}
          </button>
          <button type="button" class="button-quiet" disabled={busy} onClick={release}>
            {t('translate.release')}
          </button>
        </p>
      ) : reviewing ? (
        <p class="button-row">
          <button type="button" disabled={busy} onClick={approve}>
            {t('translate.approve')}
          </button>
          <button type="button" class="button-quiet" disabled={busy} onClick={reject}>
            {t('translate.reject')}
          </button>
        </p>
      ) : null}
    </>
  );
}

function EditorContent({ slug, id }: { slug: string; id: number }) {
  const { t } = useI18n();
  const [{ data, error }, , retry, refresh] = useApi<TaskDetailAnswer>(`/api/translation-tasks/${id}`);
  const task = data?.task;
  if (!task) {
    return (
      <>
        <PageNotLoaded error={error} retry={retry} />
        <p>
          <a href={translationHref(slug, 'translate')}>{t('translate.backToQueue')}</a>
        </p>
      </>
    );
  }
  // A claim, a release or a review changes what may be done: the editor starts again from the task.
  return <TaskEditor key={`${task.id}/${task.status}/${task.mine}`} slug={slug} task={task} reload={refresh} />;
}

export default function TranslateEditorPage({ slug, taskId }: { slug: string; taskId: string }) {
  return /^[1-9]\d{0,9}$/.test(taskId) && Number(taskId) <= 2_147_483_647 ? (
    <EditorContent slug={slug} id={Number(taskId)} />
  ) : (
    <NotFoundPage />
  );
}
