// One post of a thread: its author, time, text in its own language (or its translation into
// the reader's, with the original one click away), and what the reader may do with it (reply,
// edit, translate one's own, history, report; organizers hide and unhide).
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Post, PostAnswer, RevisionList, ThreadDetail } from '../discussion/discussion-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Composer } from './composer.tsx';
import { LangHtml } from './content.tsx';
import { DateTime } from './date-range.tsx';
import { LiveMessage } from './notice.tsx';
import { OwnTranslationForm } from './own-translation-form.tsx';
import { RequestTranslationForm } from './request-translation-form.tsx';
import { ReasonForm } from './reason-form.tsx';
import { RevisionHistory } from './revision-history.tsx';
import { TranslatedBody } from './translated.tsx';
import { excerptOf, ProposeElementForm } from '../synthesis/propose-element.tsx';

type Mode = null | 'reply' | 'edit' | 'translate' | 'request' | 'report' | 'hide' | 'propose';

interface Props {
  post: Post;
  thread: ThreadDetail;
  userId: number | null;
  timeZone: string;
  /** A reply to this post was being written (a draft is kept here): open its composer. */
  replyDraft: boolean;
  onReplied(post: Post): void;
  onChanged(post: Post): void;
  /** The post changed elsewhere while it was being edited: read the page again. */
  onStale(): void;
}

export function postElementId(id: number): string {
  return `post-${id}`;
}

export function PostItem({ post, thread, userId, timeZone, replyDraft, onReplied, onChanged, onStale }: Props) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>(replyDraft ? 'reply' : null);
  const [showHistory, setShowHistory] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const buttons = useRef<Partial<Record<Exclude<Mode, null>, HTMLButtonElement | null>>>({});

  const elementId = postElementId(post.id);
  const headerId = `${elementId}-header`;
  const hidden = post.hidden !== null;
  const canWrite = thread.canReply && userId !== null;
  const may = {
    reply: canWrite && !hidden,
    edit: canWrite && post.mine && post.markdown !== null && !hidden,
    translate: userId !== null && post.mine && !hidden && post.html !== null,
    history: post.editedAt !== null && post.html !== null,
    report: userId !== null && !post.mine && !hidden,
    request: userId !== null && thread.canModerate && !hidden && post.html !== null,
    hide: thread.canModerate && !hidden,
    unhide: thread.canModerate && hidden,
    // The server decides whether the reader may propose (a member, the week opened) when the form opens.
    propose: userId !== null && !hidden && post.html !== null,
  };

  /** Closes a form and gives the focus back to the button that opened it. */
  function close(which: Exclude<Mode, null>) {
    setMode(null);
    requestAnimationFrame(() => buttons.current[which]?.focus());
  }

  function toggle(which: Exclude<Mode, null>) {
    setNotice(null);
    if (mode === which) close(which);
    else setMode(which);
  }

  async function unhide() {
    setBusy(true);
    setNotice(null);
    try {
      await api(`/api/posts/${post.id}/unhide`, { method: 'POST' });
      onChanged({ ...post, hidden: null });
      setNotice({ kind: 'ok', text: t('post.unhidden') });
      articleRef.current?.focus();
    } catch (failure) {
      setNotice({ kind: 'error', text: failure instanceof ApiError ? failure.message : t('errors.unexpected') });
    } finally {
      setBusy(false);
    }
  }

  const actionButton = (which: Exclude<Mode, null>, label: string) => (
    <button
      type="button"
      class="button-quiet button-small"
      ref={(element) => {
        buttons.current[which] = element;
      }}
      aria-expanded={mode === which}
      aria-describedby={headerId}
      onClick={() => toggle(which)}
    >
      {label}
    </button>
  );

  return (
    <article
      id={elementId}
      ref={articleRef}
      tabIndex={-1}
      class={`post depth-${post.displayDepth}${hidden ? ' post-hidden' : ''}${post.mine ? ' post-mine' : ''}`}
      aria-labelledby={headerId}
    >
      <header id={headerId} class="post-header">
        <span class="post-author">{post.author.former ? t('post.formerParticipant') : post.author.displayName}</span>{' '}
        <DateTime value={post.createdAt} timeZone={timeZone} style="dateTime" />
        {post.editedAt ? (
          <>
            {' '}
            <span class="post-edited">{t('post.edited')}</span>
          </>
        ) : null}
        {post.inReplyTo ? (
          <>
            {' '}
            <a class="in-reply-to" href={`#${postElementId(post.inReplyTo.postId)}`}>
              {t('post.inReplyTo', { name: post.inReplyTo.authorName })}
            </a>
          </>
        ) : null}
      </header>

      {hidden ? (
        <div class="hidden-note">
          <p>
            <strong>{t('post.hiddenPlaceholder')}</strong>
            {post.hidden?.reason ? <> — {t('post.hiddenReason', { reason: post.hidden.reason })}</> : null}
          </p>
          {post.html !== null ? (
            <LangHtml html={{ lang: post.lang, html: post.html }} class="post-body muted-body" />
          ) : null}
        </div>
      ) : post.withheld ? (
        <p class="hidden-note">{t('post.withheld')}</p>
      ) : post.removed ? (
        <p class="hidden-note removed-note">{t('post.removedByAuthor')}</p>
      ) : post.html !== null && mode !== 'edit' ? (
        <TranslatedBody
          itemKey={`post:${post.id}`}
          original={{ lang: post.lang, html: post.html }}
          translation={post.translation ?? null}
          pending={post.translationPending === true}
          class="post-body"
          describedBy={headerId}
        />
      ) : null}

      {mode === 'edit' && post.markdown !== null && userId !== null ? (
        <Composer<Post>
          id={`edit-${post.id}`}
          userId={userId}
          draftKey={`edit:post:${post.id}`}
          label={t('post.editTitle')}
          submitLabel={t('post.saveEdit')}
          initial={{ title: '', bodyMd: post.markdown, lang: post.lang }}
          initialExtra={{ baseRevision: post.revision }}
          autoFocus
          sendClearsServerDraft
          send={async (text, _key, extra, setExtra) => {
            try {
              const answer = await api<PostAnswer>(`/api/posts/${post.id}`, {
                method: 'PATCH',
                body: {
                  bodyMd: text.bodyMd,
                  lang: text.lang,
                  baseRevision: Number(extra.baseRevision) || post.revision,
                  draftKey: `edit:post:${post.id}`,
                },
              });
              return answer.post;
            } catch (failure) {
              if (failure instanceof ApiError && failure.code === 'edit_conflict') {
                // The writer's text stays; the page shows the other version, and saving
                // again (after reading the server's message) replaces it on purpose.
                const latest = await api<RevisionList>(`/api/posts/${post.id}/revisions`).catch(() => null);
                if (latest?.revisions[0]) setExtra({ baseRevision: latest.revisions[0].revision });
                onStale();
              }
              throw failure;
            }
          }}
          onSent={(saved) => {
            setMode(null);
            onChanged(saved);
            setNotice({ kind: 'ok', text: t('post.saved') });
            requestAnimationFrame(() => articleRef.current?.focus());
          }}
          onCancel={() => close('edit')}
        />
      ) : null}

      <div class="post-actions" role="group" aria-label={t('post.actions')}>
        {may.reply ? actionButton('reply', t('post.reply')) : null}
        {may.edit ? actionButton('edit', t('post.edit')) : null}
        {may.translate ? actionButton('translate', t('post.translate')) : null}
        {may.history ? (
          <button
            type="button"
            class="button-quiet button-small"
            aria-expanded={showHistory}
            aria-controls={showHistory ? `${elementId}-history` : undefined}
            aria-describedby={headerId}
            onClick={() => setShowHistory(!showHistory)}
          >
            {t('post.history')}
          </button>
        ) : null}
        {may.request ? actionButton('request', t('post.requestTranslation')) : null}
        {may.propose ? actionButton('propose', t('synthesis.propose.button')) : null}
        {may.report ? actionButton('report', t('post.report')) : null}
        {may.hide ? actionButton('hide', t('post.hide')) : null}
        {may.unhide ? (
          <button
            type="button"
            class="button-quiet button-small"
            disabled={busy}
            aria-describedby={headerId}
            onClick={() => void unhide()}
          >
            {t('post.unhide')}
          </button>
        ) : null}
      </div>
      <LiveMessage kind={notice?.kind ?? 'ok'} message={notice?.text ?? null} />

      {showHistory && may.history ? (
        <RevisionHistory id={`${elementId}-history`} postId={post.id} timeZone={timeZone} />
      ) : null}

      {mode === 'translate' && userId !== null ? (
        <OwnTranslationForm
          post={post}
          forumSlug={thread.forumSlug}
          userId={userId}
          onCancel={() => close('translate')}
          onDone={(lang: Lang) => {
            close('translate');
            setNotice({ kind: 'ok', text: t('post.translated', { language: t(`languageNames.${lang}`) }) });
          }}
        />
      ) : null}

      {mode === 'request' && userId !== null ? (
        <RequestTranslationForm
          post={post}
          forumSlug={thread.forumSlug}
          userId={userId}
          onCancel={() => close('request')}
          onDone={(lang: Lang) => {
            close('request');
            setNotice({ kind: 'ok', text: t('post.translationRequested', { language: t(`languageNames.${lang}`) }) });
          }}
        />
      ) : null}

      {mode === 'propose' && post.html !== null ? (
        <ProposeElementForm
          id={`propose-post-${post.id}`}
          slug={thread.forumSlug}
          cited={{ type: 'post', id: post.id, label: { lang: post.lang, value: excerptOf(post.html) } }}
          onClose={() => close('propose')}
        />
      ) : null}

      {mode === 'report' ? (
        <ReasonForm
          id={`report-${post.id}`}
          label={t('post.reportReason')}
          hint={t('post.reportHint')}
          submitLabel={t('post.sendReport')}
          onCancel={() => close('report')}
          onSubmit={async (reason) => {
            await api(`/api/posts/${post.id}/reports`, { method: 'POST', body: { reason } });
            setNotice({ kind: 'ok', text: t('post.reported') });
            close('report');
          }}
        />
      ) : null}

      {mode === 'hide' ? (
        <ReasonForm
          id={`hide-${post.id}`}
          label={t('post.hideReason')}
          hint={t('post.hideHint')}
          submitLabel={t('post.hide')}
          onCancel={() => close('hide')}
          onSubmit={async (reason) => {
            await api(`/api/posts/${post.id}/hide`, { method: 'POST', body: { reason } });
            setMode(null);
            onChanged({ ...post, hidden: { reason } });
            setNotice({ kind: 'ok', text: t('post.hiddenDone') });
            requestAnimationFrame(() => articleRef.current?.focus());
          }}
        />
      ) : null}

      {mode === 'reply' && userId !== null ? (
        <Composer<Post>
          id={`reply-${post.id}`}
          userId={userId}
          draftKey={`reply:post:${post.id}`}
          label={t('post.replyTo', {
            name: post.author.former ? t('post.formerParticipant') : post.author.displayName,
          })}
          submitLabel={t('thread.postReply')}
          autoFocus={!replyDraft}
          sendClearsServerDraft
          send={async (text, idempotencyKey) => {
            const answer = await api<PostAnswer>(`/api/threads/${thread.id}/posts`, {
              method: 'POST',
              body: {
                parentId: post.id,
                bodyMd: text.bodyMd,
                lang: text.lang,
                idempotencyKey,
                draftKey: `reply:post:${post.id}`,
              },
            });
            return answer.post;
          }}
          onSent={(reply) => {
            setMode(null);
            onReplied(reply);
          }}
          onCancel={() => close('reply')}
        />
      ) : null}
    </article>
  );
}
