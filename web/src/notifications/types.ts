// The notification API's shapes, taken from the server's schemas (types only: no code reaches the bundle).
export type {
  NotificationGroupView,
  NotificationList,
  OutboxPage,
  Preferences,
  UnsubscribeView,
} from '../../../server/notifications/notifications.schemas.ts';

export type FollowLevel = 'following' | 'muted' | 'none';
