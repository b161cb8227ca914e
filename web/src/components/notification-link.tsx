// The header's link to the notifications page, with the unread count that updates live.
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useUnreadCount } from '../notifications/unread-count.ts';

export function NotificationLink({ userId }: { userId: number }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const unread = useUnreadCount(userId);
  const label = unread ? t('notifications.navUnread', { count: unread }) : t('notifications.nav');
  return (
    <a href="/notifications" aria-current={path === '/notifications' ? 'page' : undefined} aria-label={label} class="notification-link">
      {t('notifications.nav')}
      {unread ? <span class="badge badge-unread" aria-hidden="true" data-testid="unread-count">{unread}</span> : null}
    </a>
  );
}
