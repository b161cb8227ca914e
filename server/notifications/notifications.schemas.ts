// Shapes of the notification, preference, unsubscribe and outbox routes.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, LangSchema, TextSchema } from '../http/common.schemas.ts';
import { TitleTranslationSchema } from '../translation-policy/translation-view.schemas.ts';

const NotificationId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const NotificationGroupSchema = Type.Object({
  ids: Type.Array(Type.Integer()),
  type: Type.String(),
  count: Type.Integer(),
  read: Type.Boolean(),
  createdAt: DateTimeSchema,
  /** Path in the SPA, down to the post (`…/threads/7?page=2#post-91`). */
  href: Type.String(),
  actors: Type.Array(Type.String()),
  forum: Type.Union([Type.Object({ slug: Type.String(), title: Type.String() }), Type.Null()]),
  week: Type.Union([Type.Object({ number: Type.Integer(), title: Type.String() }), Type.Null()]),
  thread: Type.Union([
    Type.Object({ id: Type.Integer(), title: TextSchema, titleTranslation: TitleTranslationSchema }),
    Type.Null(),
  ]),
  payload: Type.Record(Type.String(), Type.Unknown()),
});
export type NotificationGroupView = Static<typeof NotificationGroupSchema>;

export const NotificationListQuery = Type.Object({
  before: Type.Optional(NotificationId),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
});

export const NotificationListResponse = Type.Object({
  groups: Type.Array(NotificationGroupSchema),
  unread: Type.Integer(),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type NotificationList = Static<typeof NotificationListResponse>;

export const UnreadResponse = Type.Object({ unread: Type.Integer() });

export const MarkReadBody = Type.Object({ ids: Type.Array(NotificationId, { minItems: 1, maxItems: 500 }) });

export const DigestScheduleSchema = Type.Union([
  Type.Literal('immediate'),
  Type.Literal('daily'),
  Type.Literal('weekly'),
  Type.Literal('off'),
]);

export const TypePreferenceSchema = Type.Object({
  type: Type.String({ maxLength: 60 }),
  inApp: Type.Boolean(),
  email: Type.Boolean(),
});

export const ForumDigestSchema = Type.Object({
  forum: Type.String({ maxLength: 80 }),
  schedule: DigestScheduleSchema,
  /** Local hour (0–23) in the user's time zone at which the digest goes out. */
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  /** Day of a weekly digest, 0 = Sunday. */
  weekday: Type.Integer({ minimum: 0, maximum: 6 }),
});

export const PreferencesResponse = Type.Object({
  types: Type.Array(Type.Intersect([TypePreferenceSchema, Type.Object({ required: Type.Boolean() })])),
  forums: Type.Array(Type.Intersect([ForumDigestSchema, Type.Object({ title: Type.String() })])),
  threads: Type.Array(
    Type.Object({
      threadId: Type.Integer(),
      forum: Type.String(),
      title: TextSchema,
      level: Type.Union([Type.Literal('following'), Type.Literal('muted')]),
    }),
  ),
  timeZone: Type.String(),
});
export type Preferences = Static<typeof PreferencesResponse>;

export const PreferencesBody = Type.Object({
  types: Type.Optional(Type.Array(TypePreferenceSchema, { maxItems: 50 })),
  forums: Type.Optional(Type.Array(ForumDigestSchema, { maxItems: 50 })),
});

export const FollowBody = Type.Object({
  level: Type.Union([Type.Literal('following'), Type.Literal('muted'), Type.Literal('none')]),
});
export const FollowResponse = Type.Object({
  level: Type.Union([Type.Literal('following'), Type.Literal('muted'), Type.Literal('none')]),
});

export const UnsubscribeParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 300 }) });
export const UnsubscribeResponse = Type.Object({
  /** What the link turns off: email of one kind, or a forum's digest and batched mail. */
  scope: Type.Union([Type.Literal('type'), Type.Literal('digest')]),
  type: Type.Union([Type.String(), Type.Null()]),
  forumTitle: Type.Union([Type.String(), Type.Null()]),
  unsubscribed: Type.Boolean(),
});
export type UnsubscribeView = Static<typeof UnsubscribeResponse>;

export const OutboxQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')])),
  before: Type.Optional(NotificationId),
});
export const OutboxMessageSchema = Type.Object({
  id: Type.Integer(),
  toEmail: Type.String(),
  lang: LangSchema,
  template: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  createdAt: DateTimeSchema,
  sentAt: Type.Union([DateTimeSchema, Type.Null()]),
  nextAttemptAt: DateTimeSchema,
  lastResponse: Type.Union([Type.String(), Type.Null()]),
  messageId: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});
export const OutboxResponse = Type.Object({
  smtpConfigured: Type.Boolean(),
  messages: Type.Array(OutboxMessageSchema),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type OutboxPage = Static<typeof OutboxResponse>;
