// The composer's memory: what the writer types is kept in this browser (300 ms after each
// change) and on the server (every 3 s while it changes), restored from whichever is newer,
// and sent once however often the writer, or a flaky connection, makes us send it again.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage, isRetryable } from '../api/client.ts';
import type { DraftAnswer, ServerDraft } from '../discussion/discussion-types.ts';
import { useFlushOnLeave } from './use-flush-on-leave.ts';
import {
  readLocalDraft,
  removeLocalDraft,
  writeLocalDraft,
  type DraftText,
  type LocalDraft,
} from '../compose/local-drafts.ts';
import { newIdempotencyKey } from '../compose/text-tools.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export type { DraftText };

const LOCAL_DELAY_MS = 300;
const SERVER_INTERVAL_MS = 3_000;
const SERVER_RETRY_MAX_MS = 30_000;
/** Browsers refuse keepalive requests over 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

export type SaveState = 'idle' | 'local' | 'saving' | 'saved' | 'unsaved';

export interface ComposerOptions {
  userId: number;
  /** The server's draft key: thread:week:<weekId>, reply:thread:<id>, reply:post:<id> or edit:post:<id>. */
  draftKey: string;
  /** What an untouched composer holds (empty, or the post being edited). */
  initial: DraftText;
  /** State restored with the draft; for an edit, the revision it started from. */
  initialExtra?: LocalDraft['extra'];
  /** Sends the text (with the same key on every retry of the same text); throws ApiError. */
  send(
    text: DraftText,
    idempotencyKey: string,
    extra: LocalDraft['extra'],
    setExtra: (changes: LocalDraft['extra']) => void,
  ): Promise<unknown>;
  /** Called with what `send` resolved to, once the draft has been forgotten. */
  onSent?(result: unknown): void;
  /** The request that sends also deletes the server's draft (it carries draftKey). */
  sendClearsServerDraft: boolean;
  /** Checks before sending; returns a message when something is missing. */
  validate?(text: DraftText): string | null;
}

export interface Composer {
  text: DraftText;
  change(changes: Partial<DraftText>): void;
  extra: LocalDraft['extra'];
  setExtra(changes: LocalDraft['extra']): void;
  /** Where the shown text came from when the composer opened. */
  restored: 'none' | 'local' | 'server';
  /** A newer copy from another device, found after the writer had started typing here. */
  otherCopy: ServerDraft | null;
  takeOtherCopy(): void;
  keepThisCopy(): void;
  saveState: SaveState;
  busy: boolean;
  /** Why the last send failed; `retry` when sending the same text again may succeed. */
  error: { message: string; retry: boolean } | null;
  submit(): Promise<boolean>;
  /** Forgets the draft here and on the server (after the writer confirmed). */
  discard(): void;
  hasText: boolean;
}

function sameText(a: DraftText, b: DraftText): boolean {
  return a.title === b.title && a.bodyMd === b.bodyMd && a.lang === b.lang;
}

function fingerprint(text: DraftText, extra: LocalDraft['extra']): string {
  return JSON.stringify([text.title.trim(), text.bodyMd.trim(), text.lang, extra]);
}

export function useComposer(options: ComposerOptions): Composer {
  const { t } = useI18n();
  const { userId, draftKey } = options;
  const opts = useRef(options);
  opts.current = options;

  // Restored synchronously from this browser, so a reload shows the text at once, even offline.
  const [start] = useState(() => readLocalDraft(userId, draftKey));
  const [text, setText] = useState<DraftText>(() =>
    start ? { title: start.title, bodyMd: start.bodyMd, lang: start.lang } : options.initial,
  );
  const [extra, setExtraState] = useState<LocalDraft['extra']>(() => ({ ...options.initialExtra, ...start?.extra }));
  const [restored, setRestored] = useState<Composer['restored']>(
    start && !sameText(start, options.initial) ? 'local' : 'none',
  );
  const [otherCopy, setOtherCopy] = useState<ServerDraft | null>(null);
  const [saveState, setSaveState] = useState<SaveState>(start && !start.synced ? 'local' : 'idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Composer['error']>(null);

  // The live values the timers and unload handlers read.
  const live = useRef({
    text,
    extra,
    changedAt: start?.changedAt ?? 0,
    serverUpdatedAt: start?.serverUpdatedAt ?? null,
    synced: start?.synced ?? true,
    submission: start?.submission ?? null,
    typed: false,
    busy: false,
    /** Sent, or discarded: nothing more is saved. */
    closed: false,
    /** Server saves wait while the writer decides between two copies. */
    held: false,
    localTimer: null as ReturnType<typeof setTimeout> | null,
    serverTimer: null as ReturnType<typeof setTimeout> | null,
    serverFailures: 0,
    saving: null as Promise<unknown> | null,
  });

  const isInitial = (value: DraftText) => sameText(value, opts.current.initial);

  const writeLocal = useCallback(() => {
    const state = live.current;
    if (state.localTimer) clearTimeout(state.localTimer);
    state.localTimer = null;
    if (state.closed) return;
    if (isInitial(state.text) && !state.submission) {
      removeLocalDraft(userId, draftKey);
      return;
    }
    writeLocalDraft(userId, draftKey, {
      v: 1,
      ...state.text,
      changedAt: state.changedAt,
      serverUpdatedAt: state.serverUpdatedAt,
      synced: state.synced,
      submission: state.submission,
      extra: state.extra,
    });
  }, [userId, draftKey]);

  const saveToServer = useCallback(
    async (keepalive = false) => {
      const state = live.current;
      if (state.serverTimer) clearTimeout(state.serverTimer);
      state.serverTimer = null;
      if (state.closed || state.held || state.synced || state.saving || state.busy) return;
      const snapshot = state.text;
      const path = `/api/drafts/${encodeURIComponent(draftKey)}`;
      setSaveState('saving');
      const request = isInitial(snapshot)
        ? api(path, { method: 'DELETE', keepalive }).then(() => null)
        : api<DraftAnswer>(path, {
            method: 'PUT',
            body: snapshot,
            keepalive: keepalive && JSON.stringify(snapshot).length < KEEPALIVE_LIMIT,
          }).then((answer) => answer.draft?.updatedAt ?? null);
      state.saving = request;
      try {
        const updatedAt = await request;
        state.serverFailures = 0;
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- closed may have changed during the await above; TypeScript keeps the narrowing across it
        if (state.closed) return;
        state.serverUpdatedAt = updatedAt;
        if (sameText(state.text, snapshot)) {
          state.synced = true;
          setSaveState('saved');
        }
        writeLocal();
      } catch {
        state.serverFailures += 1;
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- closed may have changed during the await above; TypeScript keeps the narrowing across it
        if (!state.closed) setSaveState('unsaved');
      } finally {
        state.saving = null;
      }
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- closed and synced may have changed during the await above; TypeScript keeps the narrowing across it
      if (!state.closed && !state.synced) {
        const delay = Math.min(SERVER_RETRY_MAX_MS, SERVER_INTERVAL_MS * 2 ** state.serverFailures);
        state.serverTimer = setTimeout(() => void saveToServer(), state.serverFailures ? delay : SERVER_INTERVAL_MS);
      }
    },
    [draftKey, writeLocal],
  );

  const scheduleSaves = useCallback(() => {
    const state = live.current;
    if (state.localTimer) clearTimeout(state.localTimer);
    state.localTimer = setTimeout(writeLocal, LOCAL_DELAY_MS);
    if (!state.serverTimer && !state.saving)
      state.serverTimer = setTimeout(() => void saveToServer(), SERVER_INTERVAL_MS);
  }, [writeLocal, saveToServer]);

  const change = useCallback(
    (changes: Partial<DraftText>) => {
      const state = live.current;
      if (state.closed) state.closed = false; // writing again after a discard
      state.text = { ...state.text, ...changes };
      state.changedAt = Date.now();
      state.synced = false;
      state.typed = true;
      setText(state.text);
      setSaveState('local');
      scheduleSaves();
    },
    [scheduleSaves],
  );

  const setExtra = useCallback(
    (changes: LocalDraft['extra']) => {
      const state = live.current;
      state.extra = { ...state.extra, ...changes };
      setExtraState(state.extra);
      state.localTimer ??= setTimeout(writeLocal, LOCAL_DELAY_MS);
    },
    [writeLocal],
  );

  // The server's copy: another device may have written more since this browser last saw it.
  useEffect(() => {
    const controller = new AbortController();
    api<DraftAnswer>(`/api/drafts/${encodeURIComponent(draftKey)}`, {
      signal: controller.signal,
    }).then(
      ({ draft }) => {
        const state = live.current;
        if (state.closed) return;
        if (!draft) {
          // Saved here, since deleted there: posted or discarded on another device.
          if (start?.synced && start.serverUpdatedAt && !state.typed && !start.submission) {
            state.text = opts.current.initial;
            state.serverUpdatedAt = null;
            setText(state.text);
            setRestored('none');
            removeLocalDraft(userId, draftKey);
          } else if (!state.synced) {
            scheduleSaves();
          }
          return;
        }
        const adopt = () => {
          state.text = { title: draft.title, bodyMd: draft.bodyMd, lang: draft.lang };
          state.serverUpdatedAt = draft.updatedAt;
          state.changedAt = Date.parse(draft.updatedAt);
          state.synced = true;
          setText(state.text);
          setRestored(isInitial(state.text) ? 'none' : 'server');
          setSaveState('saved');
          writeLocal();
        };
        if (sameText(draft, state.text)) {
          state.serverUpdatedAt = draft.updatedAt;
          state.synced = true;
          setSaveState('saved');
          writeLocal();
          return;
        }
        // The copy this browser last saved or adopted: ours is the same or newer.
        const knownHere = state.serverUpdatedAt === draft.updatedAt;
        const newerThere = !knownHere && Date.parse(draft.updatedAt) > state.changedAt;
        if (!newerThere) {
          if (!state.synced) scheduleSaves();
          return;
        }
        if (!state.typed) adopt();
        else {
          // Never overwrite what was just typed: the writer chooses, and the server keeps its copy meanwhile.
          state.held = true;
          setOtherCopy(draft);
        }
      },
      () => {
        /* offline: this browser's copy is what there is; saving retries */
        if (!live.current.synced) scheduleSaves();
      },
    );
    return () => controller.abort();
    // Mount only: the key identifies the composer (a new key mounts a new composer).
  }, [draftKey]);

  const takeOtherCopy = useCallback(() => {
    const state = live.current;
    if (!otherCopy) return;
    state.held = false;
    state.text = { title: otherCopy.title, bodyMd: otherCopy.bodyMd, lang: otherCopy.lang };
    state.serverUpdatedAt = otherCopy.updatedAt;
    state.changedAt = Date.now();
    state.synced = true;
    state.submission = null;
    setText(state.text);
    setOtherCopy(null);
    setRestored('server');
    setSaveState('saved');
    writeLocal();
  }, [otherCopy, writeLocal]);

  const keepThisCopy = useCallback(() => {
    live.current.held = false;
    setOtherCopy(null);
    scheduleSaves();
  }, [scheduleSaves]);

  const flush = useCallback(() => {
    const state = live.current;
    if (state.closed) return;
    writeLocal();
    if (!state.synced && !state.held && !state.saving && !state.busy) void saveToServer(true);
  }, [writeLocal, saveToServer]);
  useFlushOnLeave(flush, live);

  const submit = useCallback(async (): Promise<boolean> => {
    const state = live.current;
    if (state.busy) return false; // a second click while the first is on its way
    const problem = opts.current.validate?.(state.text) ?? null;
    if (problem) {
      setError({ message: problem, retry: false });
      return false;
    }
    const print = fingerprint(state.text, state.extra);
    // Stored before the request leaves, so a reload followed by a retry still reuses it.
    if (state.submission?.fingerprint !== print) state.submission = { key: newIdempotencyKey(), fingerprint: print };
    const key = state.submission.key;
    state.closed = false;
    writeLocal();
    state.busy = true;
    setBusy(true);
    setError(null);
    let result: unknown;
    try {
      result = await opts.current.send(state.text, key, state.extra, setExtra);
    } catch (failure) {
      state.busy = false;
      setBusy(false);
      const retry = isRetryable(failure);
      setError({ message: retry ? t('composer.notSent') : errorMessage(failure), retry });
      if (!state.synced) scheduleSaves();
      return false;
    }
    // Sent: forget the draft everywhere. A save still on its way could bring the server's
    // copy back after the send deleted it, so that copy is deleted once the save is done.
    state.closed = true;
    state.busy = false;
    if (state.localTimer) clearTimeout(state.localTimer);
    if (state.serverTimer) clearTimeout(state.serverTimer);
    state.localTimer = state.serverTimer = null;
    removeLocalDraft(userId, draftKey);
    const serverHadCopy = state.serverUpdatedAt !== null || state.saving !== null;
    const deleteServerCopy = () =>
      api(`/api/drafts/${encodeURIComponent(draftKey)}`, { method: 'DELETE' }).catch(() => {});
    if (state.saving) void state.saving.catch(() => {}).then(deleteServerCopy);
    else if (serverHadCopy && !opts.current.sendClearsServerDraft) void deleteServerCopy();
    state.text = opts.current.initial;
    state.extra = { ...opts.current.initialExtra };
    state.submission = null;
    state.serverUpdatedAt = null;
    state.synced = true;
    state.typed = false;
    setText(state.text);
    setExtraState(state.extra);
    setRestored('none');
    setSaveState('idle');
    setBusy(false);
    opts.current.onSent?.(result);
    return true;
  }, [userId, draftKey, writeLocal, scheduleSaves, setExtra, t]);

  const discard = useCallback(() => {
    const state = live.current;
    state.closed = true;
    if (state.localTimer) clearTimeout(state.localTimer);
    if (state.serverTimer) clearTimeout(state.serverTimer);
    state.localTimer = state.serverTimer = null;
    removeLocalDraft(userId, draftKey);
    const remove = () => api(`/api/drafts/${encodeURIComponent(draftKey)}`, { method: 'DELETE' }).catch(() => {});
    if (state.saving) void state.saving.catch(() => {}).then(remove);
    else void remove();
    state.text = opts.current.initial;
    state.submission = null;
    state.serverUpdatedAt = null;
    state.synced = true;
    state.held = false;
    setText(state.text);
    setOtherCopy(null);
    setRestored('none');
    setSaveState('idle');
    setError(null);
  }, [userId, draftKey]);

  return {
    text,
    change,
    extra,
    setExtra,
    restored,
    otherCopy,
    takeOtherCopy,
    keepThisCopy,
    saveState,
    busy,
    error,
    submit,
    discard,
    hasText: !sameText(text, options.initial),
  };
}
