// The one form for writing: a new thread, a reply, an edit. Nothing typed here is lost: it is
// kept in this browser and in the writer's account as they type (see use-composer.ts), shown
// again after a reload, a crash or on another device, and sent exactly once.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/languages.ts';
import type { LocalDraft } from '../compose/local-drafts.ts';
import { countWords } from '../text/word-count.ts';
import { useComposer, type DraftText, type SaveState } from '../hooks/use-composer.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { LanguageOptions } from './fields.tsx';
import { LiveMessage } from './notice.tsx';
import { OtherCopyNotice } from './other-copy-notice.tsx';

/** The server's limits (server/discussions/discussions.schemas.ts). */
export const MAX_BODY_LENGTH = 50_000;
export const MAX_TITLE_LENGTH = 200;

export interface ComposerProps<T> {
  /** Prefix of the form's element ids; unique in the page. */
  id: string;
  userId: number;
  draftKey: string;
  /** The form's accessible name ("Reply to Ana"). */
  label: string;
  submitLabel: string;
  withTitle?: boolean;
  /** Organizers starting a thread may make it a prompt. */
  canChoosePrompt?: boolean;
  /** For an edit: the post's current text. Otherwise empty, in the interface language. */
  initial?: DraftText;
  initialExtra?: LocalDraft['extra'];
  /** Sends the text; throws ApiError. `setExtra` updates the state kept with the draft. */
  send(
    text: DraftText,
    idempotencyKey: string,
    extra: LocalDraft['extra'],
    setExtra: (changes: LocalDraft['extra']) => void,
  ): Promise<T>;
  /** Shows what was sent, once the draft has been forgotten. */
  onSent(result: T): void;
  /** Shown as a single button until pressed, unless a draft was restored. */
  collapsedLabel?: string;
  /** The send request carries draftKey, so the server deletes its copy itself. */
  sendClearsServerDraft?: boolean;
  onCancel?(): void;
  /** Move the focus to the text when the form opens (it was opened by a button). */
  autoFocus?: boolean;
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  if (state === 'idle') return null;
  return (
    <span class={state === 'unsaved' ? 'save-state save-state-warn' : 'save-state'}>
      {t(`composer.saveState.${state}`)}
    </span>
  );
}

export function Composer<T>(props: ComposerProps<T>) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { id, withTitle = false } = props;
  const initial = useMemo<DraftText>(() => props.initial ?? { title: '', bodyMd: '', lang }, [props.initial, lang]);

  const composer = useComposer({
    userId: props.userId,
    draftKey: props.draftKey,
    initial,
    initialExtra: props.initialExtra,
    send: props.send,
    onSent: (result) => props.onSent(result as T),
    sendClearsServerDraft: props.sendClearsServerDraft ?? false,
    validate(text) {
      if (withTitle && !text.title.trim()) return t('composer.titleMissing');
      if (!text.bodyMd.trim()) return t('composer.empty');
      if (text.bodyMd.length > MAX_BODY_LENGTH)
        return t('composer.tooLong', { max: MAX_BODY_LENGTH, length: text.bodyMd.length });
      return null;
    },
  });
  const { text, extra, error, busy } = composer;
  const words = useMemo(() => countWords(text.bodyMd), [text.bodyMd]);
  const isPrompt = extra.kind === 'prompt';

  const titleRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [opened, setOpened] = useState(!props.collapsedLabel);
  const [focusNow, setFocusNow] = useState(props.autoFocus === true);
  useEffect(() => {
    if (!focusNow) return;
    setFocusNow(false);
    (withTitle ? titleRef.current : bodyRef.current)?.focus();
  }, [focusNow]);

  async function submit(event?: Event) {
    event?.preventDefault();
    const sent = await composer.submit();
    if (sent) return;
    // A missing title or text: put the writer there.
    if (withTitle && !composer.text.title.trim()) titleRef.current?.focus();
    else if (!composer.text.bodyMd.trim()) bodyRef.current?.focus();
  }

  function discard() {
    if (!confirm(t('composer.discardConfirm'))) return;
    composer.discard();
    setOpened(true);
    bodyRef.current?.focus();
  }

  if (!opened && !composer.hasText && !composer.otherCopy) {
    return (
      <p>
        <button
          type="button"
          onClick={() => {
            setOpened(true);
            setFocusNow(true);
          }}
        >
          {props.collapsedLabel}
        </button>
      </p>
    );
  }

  const tooLong = text.bodyMd.length > MAX_BODY_LENGTH;
  const timeZone = readerTimeZone(me);
  return (
    <form class="composer" aria-label={props.label} onSubmit={(event) => void submit(event)} noValidate>
      {composer.restored !== 'none' ? (
        <p class="hint">{t(composer.restored === 'server' ? 'composer.restoredServer' : 'composer.restoredLocal')}</p>
      ) : null}
      <OtherCopyNotice composer={composer} timeZone={timeZone} />
      {withTitle ? (
        <div class="field">
          <label for={`${id}-title`}>{t('composer.title')}</label>
          <input
            ref={titleRef}
            type="text"
            id={`${id}-title`}
            name="title"
            value={text.title}
            lang={text.lang}
            maxLength={MAX_TITLE_LENGTH}
            aria-required="true"
            readOnly={busy}
            onInput={(event) => composer.change({ title: event.currentTarget.value })}
          />
        </div>
      ) : null}
      {props.canChoosePrompt ? (
        <fieldset>
          <legend>{t('composer.kind')}</legend>
          {(['discussion', 'prompt'] as const).map((kind) => (
            <label key={kind} class="checkbox">
              <input
                type="radio"
                name={`${id}-kind`}
                value={kind}
                checked={(extra.kind ?? 'discussion') === kind}
                onChange={() => composer.setExtra({ kind })}
              />
              <span>{t(`threadKind.${kind}`)}</span>
            </label>
          ))}
          {isPrompt ? (
            <label class="checkbox">
              <input
                type="checkbox"
                name={`${id}-own-answer`}
                checked={extra.requiresOwnAnswer === true}
                onChange={(event) => composer.setExtra({ requiresOwnAnswer: event.currentTarget.checked })}
              />
              <span>{t('composer.requiresOwnAnswer')}</span>
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <div class="field">
        <label for={`${id}-body`}>{t('composer.body')}</label>
        <textarea
          ref={bodyRef}
          id={`${id}-body`}
          name="body"
          rows={withTitle ? 10 : 6}
          value={text.bodyMd}
          lang={text.lang}
          spellcheck
          readOnly={busy}
          aria-required="true"
          aria-invalid={tooLong ? 'true' : undefined}
          aria-describedby={`${id}-hint ${id}-count`}
          onInput={(event) => composer.change({ bodyMd: event.currentTarget.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
          }}
        />
        <span id={`${id}-hint`} class="hint">
          {t('composer.bodyHint')}
        </span>
        <span class="composer-meta">
          <span id={`${id}-count`} class={tooLong ? 'field-error' : 'word-count'}>
            {t('composer.words', { count: words })}
            {tooLong ? ` — ${t('composer.tooLong', { max: MAX_BODY_LENGTH, length: text.bodyMd.length })}` : null}
          </span>
          <SaveStatus state={composer.saveState} />
        </span>
      </div>
      <div class="field field-inline">
        <label for={`${id}-lang`}>{t('composer.lang')}</label>
        <select
          id={`${id}-lang`}
          name="lang"
          value={text.lang}
          disabled={busy}
          onChange={(event) => composer.change({ lang: event.currentTarget.value as Lang })}
        >
          <LanguageOptions />
        </select>
      </div>
      <LiveMessage id={`${id}-error`} message={error?.message ?? null} />
      <p class="button-row">
        <button type="submit" disabled={busy} aria-describedby={error ? `${id}-error` : undefined}>
          {busy ? t('composer.sending') : error?.retry ? t('composer.sendAgain') : props.submitLabel}
        </button>
        {props.onCancel ? (
          <button type="button" class="button-quiet" disabled={busy} onClick={props.onCancel}>
            {t('composer.cancel')}
          </button>
        ) : null}
        {composer.hasText && !busy ? (
          <button type="button" class="link-button" onClick={discard}>
            {t('composer.discard')}
          </button>
        ) : null}
      </p>
    </form>
  );
}
