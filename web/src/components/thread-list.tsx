// A week's threads, pinned first (the API's order): title in its own language (or translated
// into the reader's, with the original beside it), kind, author, replies, last activity in the
// reader's zone and, for a signed-in reader, what is unread.
import type { ThreadSummary } from '../discussion/discussion-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ThreadFlags, ThreadKindBadge } from './badges.tsx';
import { DateTime } from './date-range.tsx';
import { shownTitle, TitleNote } from './translated.tsx';

export function threadHref(slug: string, id: number): string {
  return `/forums/${encodeURIComponent(slug)}/threads/${id}`;
}

function ThreadRow({
  slug,
  thread,
  timeZone,
  onIntent,
}: {
  slug: string;
  thread: ThreadSummary;
  timeZone: string;
  onIntent(): void;
}) {
  const { t } = useI18n();
  const unread = thread.unreadCount ?? 0;
  const title = shownTitle(thread.title, thread.titleTranslation);
  return (
    <li class={unread ? 'thread-item unread' : 'thread-item'}>
      <h3 class="thread-title">
        <a
          id={`thread-link-${thread.id}`}
          href={threadHref(slug, thread.id)}
          lang={title.lang}
          onPointerEnter={onIntent}
          onFocus={onIntent}
        >
          {title.value}
        </a>
        {unread ? (
          <>
            {' '}
            <span class="badge badge-unread">{t('discussion.unread', { count: unread })}</span>
          </>
        ) : null}
      </h3>
      <TitleNote thread={thread} />
      <p class="meta">
        <ThreadKindBadge kind={thread.kind} />
        <ThreadFlags pinned={thread.pinned} locked={thread.locked} />
        <span>{t('discussion.by', { name: thread.author.displayName })}</span>
        <span>{t('discussion.replies', { count: thread.replyCount })}</span>
        <span>
          {t('discussion.lastActivity')} <DateTime value={thread.lastPostAt} timeZone={timeZone} style="weekTime" />
        </span>
      </p>
    </li>
  );
}

export function ThreadList({
  slug,
  threads,
  timeZone,
  onIntent,
}: {
  slug: string;
  threads: ThreadSummary[];
  timeZone: string;
  onIntent(): void;
}) {
  return (
    <ul class="thread-list">
      {threads.map((thread) => (
        <ThreadRow key={thread.id} slug={slug} thread={thread} timeZone={timeZone} onIntent={onIntent} />
      ))}
    </ul>
  );
}
