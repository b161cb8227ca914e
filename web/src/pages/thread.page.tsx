// A thread: its posts in tree order, a page at a time, kept up to date live; replying, editing
// and, for organizers, moderating. Loaded on first use (see linked-pages.ts).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Post, PostAnswer, ThreadDetail, ThreadPage as ThreadPageData } from '../discussion/discussion-types.ts';
import { ThreadFlags, ThreadKindBadge } from '../components/badges.tsx';
import { Composer } from '../components/composer.tsx';
import { DateTime } from '../components/date-range.tsx';
import { LoadError, useFallbackTitle } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Pagination } from '../components/pagination.tsx';
import { postElementId, PostItem } from '../components/post-item.tsx';
import { FollowButton } from '../components/follow-button.tsx';
import { useScrollToPost } from '../hooks/use-scroll-to-post.ts';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { threadHref } from '../components/thread-list.tsx';
import { readsLang, shownTitle, TitleNote } from '../components/translated.tsx';
import { localDraftIds } from '../compose/local-drafts.ts';
import { placePost, POSTS_PER_PAGE, replacePost } from '../discussion/thread-posts.ts';
import { useApi } from '../hooks/use-api.ts';
import { useLive } from '../hooks/use-live.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { LiveEvent, TranslationPublished } from '../live/live-connection.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { NotFoundPage } from './not-found.page.tsx';

/** A post to focus once it is shown (it may be on another page, loaded next). */
let pendingFocus: number | null = null;

function weekHref(thread: ThreadDetail): string {
  return `/forums/${encodeURIComponent(thread.forumSlug)}/weeks/${thread.weekNumber}`;
}

/** Why the reader cannot reply, as the API says. */
function CannotReply({ thread }: { thread: ThreadDetail }) {
  const { t } = useI18n();
  const { me } = useSession();
  const blockedBy = thread.replyBlockedBy;
  if (!me || blockedBy === 'sign_in_required') return <SignInPrompt message={t('thread.signInToReply')} />;
  if (blockedBy === 'thread_locked' || thread.locked) return <Notice>{t('thread.lockedNote')}</Notice>;
  if (blockedBy === 'not_a_member') {
    return (
      <Notice>
        <p>{t('thread.joinToReply')}</p>
        <p>
          <a href={`/forums/${encodeURIComponent(thread.forumSlug)}`}>{t('thread.goToForum')}</a>
        </p>
      </Notice>
    );
  }
  if (blockedBy === 'week_not_open') return <Notice>{t('thread.weekNotOpenNote')}</Notice>;
  return <Notice>{t('thread.weekClosedNote')}</Notice>;
}

function ThreadModeration({
  thread,
  onChange,
}: {
  thread: ThreadDetail;
  onChange(flags: Partial<Pick<ThreadDetail, 'pinned' | 'locked'>>): void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function set(flags: { pinned?: boolean; locked?: boolean }) {
    setBusy(true);
    setMessage(null);
    try {
      await api(`/api/threads/${thread.id}`, { method: 'PATCH', body: flags });
      onChange(flags);
      const [flag, on] = Object.entries(flags)[0]!;
      setMessage({ kind: 'ok', text: t(`thread.moderation.${flag}${on ? 'On' : 'Off'}`) });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="thread-moderation" role="group" aria-label={t('thread.moderation.label')}>
      <p class="button-row">
        <button
          type="button"
          class="button-quiet button-small"
          disabled={busy}
          aria-pressed={thread.pinned}
          onClick={() => void set({ pinned: !thread.pinned })}
        >
          {t(thread.pinned ? 'thread.moderation.unpin' : 'thread.moderation.pin')}
        </button>
        <button
          type="button"
          class="button-quiet button-small"
          disabled={busy}
          aria-pressed={thread.locked}
          onClick={() => void set({ locked: !thread.locked })}
        >
          {t(thread.locked ? 'thread.moderation.unlock' : 'thread.moderation.lock')}
        </button>
      </p>
      <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} />
    </div>
  );
}

function ThreadContent({ slug, id }: { slug: string; id: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { query, route } = useLocation();
  const page = /^[1-9]\d{0,5}$/.test(query.page ?? '') ? Number(query.page) : 1;
  const path = page === 1 ? `/api/threads/${id}` : `/api/threads/${id}?page=${page}`;
  const [{ data, error }, update, retry, refresh] = useApi<ThreadPageData>(path);
  const fallbackTitle = useFallbackTitle(error);
  const [message, setMessage] = useState<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const timeZone = readerTimeZone(me);
  const userId = me?.id ?? null;

  /** Shows a post that arrived (one's own or live); false when the page must be read again. */
  function showPost(post: Post): boolean {
    if (!data || !placePost(data.posts, post, data.page >= data.pageCount)) return false;
    update((current) => {
      const posts = placePost(current.posts, post, current.page >= current.pageCount);
      if (!posts) return current;
      const isNew = !current.posts.some((existing) => existing.id === post.id);
      return {
        ...current,
        posts,
        thread: { ...current.thread, replyCount: current.thread.replyCount + (isNew ? 1 : 0) },
      };
    });
    return true;
  }

  function onLiveEvent(event: LiveEvent) {
    if (!data) return;
    if (event.event === 'translation.published') {
      // A translation into one of the reader's languages of something on this page: read the
      // page again in the background; what is shown, the scroll and the focus stay meanwhile.
      const { itemType, itemId, targetLang } = event.payload as unknown as TranslationPublished;
      if (!readsLang(me, targetLang as Lang)) return;
      const shown =
        itemType === 'post'
          ? data.posts.some((post) => post.id === itemId)
          : itemType === 'thread_title' && itemId === data.thread.id;
      if (shown) void refresh();
      return;
    }
    const payload = event.payload as { post?: Post; pinned?: boolean; locked?: boolean };
    if (event.event === 'thread.updated') {
      // Locking changes who may reply, which the page reads from the server.
      if (payload.locked !== undefined && payload.locked !== data.thread.locked) void refresh();
      else if (payload.pinned !== undefined)
        update((current) => ({ ...current, thread: { ...current.thread, pinned: payload.pinned! } }));
      return;
    }
    const post = payload.post;
    if (!post) return;
    const shown = data.posts.find((existing) => existing.id === post.id);
    if (event.event === 'post.created') {
      if (shown) return; // our own, already shown from the answer to sending it
      // Events carry what any reader sees; one's own posts (from another device) need the
      // author's view, and posts in a language the reader does not read their translation state.
      if (post.author.id === userId || !readsLang(me, post.lang) || !showPost(post)) void refresh();
      return;
    }
    if (!shown) return;
    // Organizers still see hidden text and reasons, authors their Markdown, readers of another
    // language the translation: their view comes from the server.
    if (
      data.thread.canModerate ||
      shown.mine ||
      !readsLang(me, post.lang) ||
      shown.translation ||
      shown.translationPending
    )
      void refresh();
    else update((current) => ({ ...current, posts: replacePost(current.posts, { ...post, mine: false }) }));
  }

  // Follows the thread from the event its page was read at, so nothing is missed in between;
  // a subscription that could not resume from there reads the page again.
  const gated = useLive(
    data ? { forum: slug, thread: id } : null,
    {
      onEvent: onLiveEvent,
      onReady: (resumed) => {
        if (!resumed && data) void refresh();
      },
    },
    data?.lastEventId ?? null,
  );

  // Read up to the newest post shown (the server never moves a position back).
  const newestShown = useMemo(() => (data ? Math.max(0, ...data.posts.map((post) => post.id)) : 0), [data]);
  useEffect(() => {
    if (!userId || !newestShown) return;
    api(`/api/threads/${id}/read`, { method: 'PUT', body: { lastReadPostId: newestShown } }).catch(() => {});
  }, [userId, id, newestShown]);

  // The focus goes to a post just written, once it is in the page.
  useEffect(() => {
    if (pendingFocus === null || !data) return;
    const element = document.getElementById(postElementId(pendingFocus));
    if (!element) return;
    pendingFocus = null;
    element.focus();
  }, [data, focusTick]);

  useScrollToPost(data !== null);

  // Replies being written when the page was left reopen with their drafts.
  const replyDrafts = useMemo(() => (userId ? localDraftIds(userId, 'reply:post:') : new Set<number>()), [userId, id]);

  async function onReplied(post: Post) {
    setMessage(t('thread.replyPosted'));
    pendingFocus = post.id;
    if (data?.mustAnswerFirst) {
      // Answered: the others' answers may now be shown.
      await refresh();
    } else if (!showPost(post)) {
      // It belongs on another page: the last one for a reply to the thread, else the next.
      const total = (data?.thread.replyCount ?? 0) + 2;
      const target = post.displayDepth === 1 ? Math.ceil(total / POSTS_PER_PAGE) : page + 1;
      if (target !== page) route(`${threadHref(slug, id)}?page=${target}`);
      else await refresh();
    }
    setFocusTick((n) => n + 1);
  }

  const thread = data?.thread;
  if (!data || !thread) {
    return (
      <>
        <PageHeading
          text={error?.status === 403 && error.code === 'week_not_open' ? t('week.notOpenTitle') : fallbackTitle}
        />
        {error ? (
          error.status === 403 ? (
            <Notice kind="warn">
              <p>{error.message}</p>
            </Notice>
          ) : (
            <LoadError error={error} retry={retry} />
          )
        ) : null}
      </>
    );
  }

  const pageHref = (n: number) =>
    n === 1 ? threadHref(thread.forumSlug, thread.id) : `${threadHref(thread.forumSlug, thread.id)}?page=${n}`;
  const onChanged = (post: Post) => update((current) => ({ ...current, posts: replacePost(current.posts, post) }));

  const title = shownTitle(thread.title, thread.titleTranslation);
  return (
    <>
      <PageHeading text={title.value} lang={title.lang} />
      <TitleNote thread={thread} long />
      <p class="meta">
        <ThreadKindBadge kind={thread.kind} />
        <ThreadFlags pinned={thread.pinned} locked={thread.locked} />
        <span>{t('discussion.by', { name: thread.author.displayName })}</span>
        <DateTime value={thread.createdAt} timeZone={timeZone} style="dateTime" />
        <span>{t('discussion.replies', { count: thread.replyCount })}</span>
      </p>
      <p>
        <a href={weekHref(thread)}>{t('thread.backToWeek', { number: thread.weekNumber })}</a>
        {thread.caseStudyId !== null ? (
          <>
            {' '}
            ·{' '}
            <a href={`/forums/${encodeURIComponent(thread.forumSlug)}/case-studies/${thread.caseStudyId}`}>
              {t('thread.caseStudyLink')}
            </a>
          </>
        ) : null}
      </p>
      {userId !== null ? <FollowButton threadId={thread.id} postCount={thread.replyCount} /> : null}
      {thread.canModerate ? (
        <ThreadModeration
          thread={thread}
          onChange={(flags) => update((current) => ({ ...current, thread: { ...current.thread, ...flags } }))}
        />
      ) : null}

      {data.mustAnswerFirst ? (
        <Notice kind="info">
          <p>{t('thread.answerFirst')}</p>
          {gated ? <p>{t('thread.answersWaiting', { count: gated })}</p> : null}
        </Notice>
      ) : null}

      <Pagination page={data.page} pageCount={data.pageCount} href={pageHref} />
      <section class="posts" aria-label={t('thread.postsLabel')}>
        {data.posts.map((post) => (
          <PostItem
            key={post.id}
            post={post}
            thread={thread}
            userId={userId}
            timeZone={timeZone}
            replyDraft={replyDrafts.has(post.id)}
            onReplied={(reply) => void onReplied(reply)}
            onChanged={onChanged}
            onStale={() => void refresh()}
          />
        ))}
      </section>
      <Pagination page={data.page} pageCount={data.pageCount} href={pageHref} />

      <LiveMessage kind="ok" message={message} />
      <section class="thread-reply" aria-labelledby="thread-reply-heading">
        <h2 id="thread-reply-heading">{t(data.mustAnswerFirst ? 'thread.yourAnswer' : 'thread.replyToThread')}</h2>
        {thread.canReply && userId !== null ? (
          <Composer<Post>
            id="thread-reply"
            userId={userId}
            draftKey={`reply:thread:${thread.id}`}
            label={t(data.mustAnswerFirst ? 'thread.yourAnswer' : 'thread.replyToThread')}
            submitLabel={t('thread.postReply')}
            sendClearsServerDraft
            send={async (text, idempotencyKey) => {
              const answer = await api<PostAnswer>(`/api/threads/${thread.id}/posts`, {
                method: 'POST',
                body: { bodyMd: text.bodyMd, lang: text.lang, idempotencyKey, draftKey: `reply:thread:${thread.id}` },
              });
              return answer.post;
            }}
            onSent={(post) => void onReplied(post)}
          />
        ) : (
          <CannotReply thread={thread} />
        )}
      </section>
    </>
  );
}

export default function ThreadPage({ slug, id }: { slug: string; id: string }) {
  return /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? (
    <ThreadContent slug={slug} id={Number(id)} />
  ) : (
    <NotFoundPage />
  );
}
