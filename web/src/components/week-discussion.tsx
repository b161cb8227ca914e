// A week's discussion, below its readings: the threads, what is unread, "mark week as read",
// and the composer that starts a thread. The list follows new threads and replies live.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type {
  NewThreadAnswer,
  NewThreadKind,
  Post,
  ThreadList as ThreadListData,
  ThreadSummary,
} from '../discussion/discussion-types.ts';
import type { Week } from '../weeks/week-types.ts';
import { useApi } from '../hooks/use-api.ts';
import { useLive } from '../hooks/use-live.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { LiveEvent, TranslationPublished } from '../live/live-connection.ts';
import { ThreadPage } from '../pages/linked-pages.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { Composer } from './composer.tsx';
import { LoadError } from './load-error.tsx';
import { LiveMessage } from './notice.tsx';
import { ThreadList } from './thread-list.tsx';
import { readsLang } from './translated.tsx';

/** Live events arrive in bursts (a thread and its first post): one refresh for a burst. */
const REFRESH_DELAY_MS = 400;

function NewThread({
  slug,
  week,
  weekId,
  userId,
  organizer,
  onStarted,
}: {
  slug: string;
  week: Week;
  weekId: number;
  userId: number;
  organizer: boolean;
  onStarted(thread: ThreadSummary): void;
}) {
  const { t } = useI18n();
  // Keyed by the week's id, unique across forums (week numbers are not).
  const draftKey = `thread:week:${weekId}`;
  return (
    <Composer<{ thread: ThreadSummary; post: Post }>
      id="new-thread"
      userId={userId}
      draftKey={draftKey}
      label={t('discussion.newThread')}
      collapsedLabel={t('discussion.startThread')}
      submitLabel={t('discussion.postThread')}
      withTitle
      canChoosePrompt={organizer}
      initialExtra={organizer ? { kind: 'discussion', requiresOwnAnswer: false } : {}}
      sendClearsServerDraft
      send={(text, idempotencyKey, extra) => {
        const kind: NewThreadKind = organizer && extra.kind === 'prompt' ? 'prompt' : 'discussion';
        return api<NewThreadAnswer>(`/api/forums/${encodeURIComponent(slug)}/weeks/${week.number}/threads`, {
          method: 'POST',
          body: {
            kind,
            requiresOwnAnswer: kind === 'prompt' && extra.requiresOwnAnswer === true,
            title: text.title.trim(),
            bodyMd: text.bodyMd,
            lang: text.lang,
            idempotencyKey,
            draftKey,
          },
        });
      }}
      onSent={(result) => onStarted(result.thread)}
    />
  );
}

/** Puts a thread into the list where the API would: pinned first, then by last activity. */
function withThread(threads: ThreadSummary[], thread: ThreadSummary): ThreadSummary[] {
  const others = threads.filter((existing) => existing.id !== thread.id);
  const index = others.findIndex((existing) => !existing.pinned || thread.pinned);
  return index < 0 ? [...others, thread] : [...others.slice(0, index), thread, ...others.slice(index)];
}

interface Props {
  slug: string;
  week: Week;
  /** A reading or the week's own text has a new translation into the reader's language. */
  onWeekTextTranslated?(itemType: 'reading' | 'week', itemId: number): void;
}

export function WeekDiscussion({ slug, week, onWeekTextTranslated }: Props) {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error }, update, retry, refresh] = useApi<ThreadListData>(
    `/api/forums/${encodeURIComponent(slug)}/weeks/${week.number}/threads`,
  );
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [marking, setMarking] = useState(false);
  const [focusThread, setFocusThread] = useState<number | null>(null);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = () => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void refresh();
    }, REFRESH_DELAY_MS);
  };
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  function onLiveEvent(event: LiveEvent) {
    if (event.event !== 'translation.published') {
      refreshSoon();
      return;
    }
    // A translation into one of the reader's languages: of a reading, or of a title in the list.
    const { itemType, itemId, targetLang } = event.payload as unknown as TranslationPublished;
    if (!readsLang(me, targetLang as Lang)) return;
    if (itemType === 'reading' || itemType === 'week') onWeekTextTranslated?.(itemType, itemId);
    else if (itemType === 'thread_title' && data?.threads.some((thread) => thread.id === itemId)) refreshSoon();
  }

  // Threads, replies and translations of the week as they come, from the event the list was
  // read at. A subscription that could not resume reads the list again.
  useLive(
    data ? { forum: slug, week: week.number } : null,
    {
      onEvent: onLiveEvent,
      onReady: (resumed) => {
        if (!resumed) refreshSoon();
      },
    },
    data?.lastEventId ?? null,
  );

  useEffect(() => {
    if (focusThread === null) return;
    document.getElementById(`thread-link-${focusThread}`)?.focus();
    setFocusThread(null);
  }, [focusThread, data]);

  // The thread page is a separate download: fetch it when the reader shows interest.
  const preload = () => void ThreadPage.preload().catch(() => {});

  async function markWeekRead() {
    setMarking(true);
    setMessage(null);
    try {
      await api(`/api/forums/${encodeURIComponent(slug)}/weeks/${week.number}/read`, { method: 'POST' });
      update((list) => ({
        ...list,
        unreadCount: list.unreadCount === null ? null : 0,
        threads: list.threads.map((thread) => ({ ...thread, unreadCount: thread.unreadCount === null ? null : 0 })),
      }));
      setMessage({ kind: 'ok', text: t('discussion.markedRead') });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setMarking(false);
    }
  }

  const timeZone = readerTimeZone(me);
  const unread = data?.unreadCount ?? null;
  return (
    <section aria-labelledby="discussion-heading" class="discussion">
      <h2 id="discussion-heading">{t('discussion.title')}</h2>
      {error ? <LoadError error={error} retry={retry} /> : null}
      {data ? (
        <>
          {unread !== null ? (
            <p class="meta unread-summary">
              <span>{unread ? t('discussion.unreadTotal', { count: unread }) : t('discussion.allRead')}</span>
              {unread ? (
                <button type="button" class="button-quiet" disabled={marking} onClick={() => void markWeekRead()}>
                  {marking ? t('discussion.markingRead') : t('discussion.markRead')}
                </button>
              ) : null}
            </p>
          ) : null}
          <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} />
          {data.threads.length ? (
            <ThreadList slug={slug} threads={data.threads} timeZone={timeZone} onIntent={preload} />
          ) : (
            <p>{t('discussion.empty')}</p>
          )}
        </>
      ) : !error ? (
        <p class="muted">{t('app.loading')}</p>
      ) : null}
      {me && data && data.permissions.startThreadBlockedBy === null ? (
        <NewThread
          slug={slug}
          week={week}
          weekId={data.weekId}
          userId={me.id}
          organizer={data.permissions.canStartPrompt}
          onStarted={(thread) => {
            update((list) => ({ ...list, threads: withThread(list.threads, thread) }));
            setMessage({ kind: 'ok', text: t('discussion.threadPosted') });
            setFocusThread(thread.id);
          }}
        />
      ) : null}
    </section>
  );
}
