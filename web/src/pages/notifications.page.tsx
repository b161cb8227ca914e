// The signed-in user's notifications, newest first and grouped per thread ("3 new replies in
// …"), each opening the exact post; mark one group or everything read. Loaded on first use.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { DateTime } from '../components/date-range.tsx';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useApi } from '../hooks/use-api.ts';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { NotificationGroupView, NotificationList, UnreadCount } from '../notifications/types.ts';
import { setUnreadCount, useUnreadCount } from '../notifications/unread-count.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';

const KNOWN = new Set([
  'week.opened',
  'post.replied',
  'post.mentioned',
  'thread.posted',
  'translation.ready',
  'translation.own_published',
  'application.decided',
  'reconfirmation.requested',
  'invitation',
  'report.filed',
  'report.handled',
  'translation.overdue',
  'case_study.published',
  'case_study.review',
  'question.asked',
  'question.answered',
  'question.overdue',
]);

function Sentence({ group }: { group: NotificationGroupView }) {
  const { t, lang } = useI18n();
  const key = KNOWN.has(group.type) ? group.type.replaceAll('.', '_') : 'other';
  // An overdue-translations notification stands for several tasks: its count is theirs.
  const count = group.type === 'translation.overdue' ? Number(group.payload.count ?? 1) : group.count;
  return (
    <>
      {t(`notifications.types.${key}`, {
        count,
        actors: formatList(group.actors, lang),
        number: group.week?.number ?? '',
        forum: group.forum?.title ?? '',
      })}
    </>
  );
}

function GroupItem({
  group,
  timeZone,
  onRead,
}: {
  group: NotificationGroupView;
  timeZone: string;
  onRead(group: NotificationGroupView): Promise<void>;
}) {
  const { t } = useI18n();
  const title = group.thread ? (group.thread.titleTranslation ?? group.thread.title) : null;
  return (
    <li class={`card notification${group.read ? '' : ' notification-unread'}`} data-testid="notification">
      <p class="notification-text">
        {group.read ? null : <span class="badge badge-unread">{t('notifications.unread')}</span>}{' '}
        <a
          href={group.href}
          onClick={() => {
            if (!group.read) void onRead(group);
          }}
        >
          <Sentence group={group} />
        </a>
      </p>
      {title ? (
        <p class="notification-thread" lang={title.lang}>
          {title.value}
        </p>
      ) : null}
      <p class="meta muted">
        {group.forum ? <span>{group.forum.title}</span> : null}
        {group.week ? (
          <span>{t('notifications.week', { number: group.week.number, title: group.week.title })}</span>
        ) : null}
        <DateTime value={group.createdAt} timeZone={timeZone} style="dateTime" />
        {group.read ? null : (
          <button type="button" class="link-button button-small" onClick={() => void onRead(group)}>
            {t('notifications.markRead')}
          </button>
        )}
      </p>
    </li>
  );
}

function NotificationsList({ timeZone, userId }: { timeZone: string; userId: number }) {
  const { t } = useI18n();
  const [{ data, error }, update, retry, refresh] = useApi<NotificationList>('/api/notifications');
  const [older, setOlder] = useState<NotificationGroupView[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const unread = useUnreadCount(userId);
  // Something new arrived while the page is open: show it.
  useEffect(() => {
    if (data && unread !== null && unread > data.unread) void refresh();
  }, [unread]);
  if (!data) return <SectionNotLoaded error={error} retry={retry} />;

  const markRead =
    (ids: number[] | 'all') =>
    (group: NotificationGroupView): NotificationGroupView =>
      ids === 'all' || group.ids.some((id) => ids.includes(id)) ? { ...group, read: true } : group;
  async function read(ids: number[] | 'all') {
    setMessage(null);
    try {
      const answer =
        ids === 'all'
          ? await api<UnreadCount>('/api/notifications/read-all', { method: 'POST' })
          : await api<UnreadCount>('/api/notifications/read', {
              method: 'POST',
              body: { ids },
              keepalive: true,
            });
      setUnreadCount(answer.unread);
      update((current) => ({ ...current, unread: answer.unread, groups: current.groups.map(markRead(ids)) }));
      setOlder((groups) => groups.map(markRead(ids)));
    } catch (failure) {
      setMessage(errorMessage(failure));
    }
  }
  async function loadOlder() {
    const before = nextBefore === undefined ? data!.nextBefore : nextBefore;
    if (before === null) return;
    try {
      const page = await api<NotificationList>(`/api/notifications?before=${before}`);
      setOlder((groups) => [...groups, ...page.groups]);
      setNextBefore(page.nextBefore);
    } catch (failure) {
      setMessage(errorMessage(failure));
    }
  }
  const groups = [...data.groups, ...older];
  const more = nextBefore === undefined ? data.nextBefore : nextBefore;
  return (
    <>
      <div class="button-row">
        {(unread ?? data.unread) > 0 ? (
          <button type="button" onClick={() => void read('all')}>
            {t('notifications.markAllRead')}
          </button>
        ) : null}
        <a href="/notifications/preferences">{t('notifications.preferencesLink')}</a>
      </div>
      <LiveMessage message={message} />
      {groups.length === 0 ? (
        <p class="muted">{t('notifications.empty')}</p>
      ) : (
        <ul class="card-list notification-list">
          {groups.map((group) => (
            <GroupItem key={group.ids[0]} group={group} timeZone={timeZone} onRead={(g) => read(g.ids)} />
          ))}
        </ul>
      )}
      {more !== null ? (
        <p>
          <button type="button" onClick={() => void loadOlder()}>
            {t('notifications.older')}
          </button>
        </p>
      ) : null}
    </>
  );
}

export default function NotificationsPage() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <>
      <PageHeading text={t('notifications.title')} />
      {me ? <NotificationsList timeZone={readerTimeZone(me)} userId={me.id} /> : <SignInPrompt />}
    </>
  );
}
