// The notification API's shapes, taken from the server's schemas (types only: no code reaches the bundle).
import type { Static } from 'typebox';
import type { FollowResponse, UnreadResponse } from '../../../server/notifications/notifications.schemas.ts';

export type {
  NotificationGroupView,
  NotificationList,
  OutboxPage,
  Preferences,
  UnsubscribeView,
} from '../../../server/notifications/notifications.schemas.ts';

export type FollowAnswer = Static<typeof FollowResponse>;
export type FollowLevel = FollowAnswer['level'];
/** What reading the count, or marking notifications read, answers: how many are left unread. */
export type UnreadCount = Static<typeof UnreadResponse>;
