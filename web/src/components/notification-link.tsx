// The header's link to the notifications page, with the unread count that updates live.
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useUnreadCount } from '../notifications/unread-count.ts';

export function NotificationLink({ userId }: { userId: number }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const unread = useUnreadCount(userId);
  // The name is the visible text with the words the badge stands for ("Notifications 3 unread"),
  // so it starts with what a speech user sees and says.
  return (
    <a href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined} class="notification-link">
      {t('notifications.nav')}
      {unread ? (
        <>
          {' '}
          <span class="badge badge-unread" data-testid="unread-count">
            {unread}
          </span>
          <span class="visually-hidden"> {t('notifications.navUnread', { count: unread })}</span>
        </>
      ) : null}
    </a>
  );
}
