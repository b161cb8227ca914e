// Shapes of the moderation queue, a member's own reports and the audit log.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, LangSchema } from '../http/common.schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
export const ReportStatusSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('dismissed'),
  Type.Literal('acted_on'),
]);
export const ReportStatusFilter = Type.Union([ReportStatusSchema, Type.Literal('all')]);

export const QueuedReportSchema = Type.Object({
  id: Type.Integer(),
  reason: Type.String(),
  status: ReportStatusSchema,
  createdAt: DateTimeSchema,
  reporterName: Type.String(),
  resolution: Nullable(Type.Object({ at: DateTimeSchema, byName: Type.String(), note: Nullable(Type.String()) })),
  post: Type.Object({
    id: Type.Integer(),
    threadId: Type.Integer(),
    threadTitle: Type.String(),
    threadLang: LangSchema,
    week: Type.Integer(),
    authorName: Type.String(),
    lang: LangSchema,
    html: Type.String(),
    createdAt: DateTimeSchema,
    hidden: Type.Boolean(),
    hiddenReason: Nullable(Type.String()),
    parent: Nullable(
      Type.Object({
        id: Type.Integer(),
        authorName: Type.String(),
        lang: LangSchema,
        html: Type.String(),
        hidden: Type.Boolean(),
      }),
    ),
  }),
});
export type QueuedReport = Static<typeof QueuedReportSchema>;

export const ReportQueueResponse = Type.Object({
  counts: Type.Object({ open: Type.Integer(), dismissed: Type.Integer(), acted_on: Type.Integer() }),
  reports: Type.Array(QueuedReportSchema),
});
export type ReportQueue = Static<typeof ReportQueueResponse>;

export const OwnReportsResponse = Type.Object({
  reports: Type.Array(
    Type.Object({
      id: Type.Integer(),
      reason: Type.String(),
      status: ReportStatusSchema,
      createdAt: DateTimeSchema,
      handledAt: Nullable(DateTimeSchema),
      post: Type.Object({
        id: Type.Integer(),
        threadId: Type.Integer(),
        threadTitle: Type.String(),
        threadLang: LangSchema,
      }),
    }),
  ),
});
export type OwnReports = Static<typeof OwnReportsResponse>;

export const AuditResponse = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: Type.String(),
      targetType: Type.String(),
      targetId: Type.Integer(),
      reason: Nullable(Type.String()),
      actorId: Type.Integer(),
      actorName: Type.String(),
      createdAt: DateTimeSchema,
      targetName: Nullable(Type.String()),
      targetHref: Nullable(Type.String()),
      /** The language of `targetName` when it is a title (a reading's, a thread's, a week's). */
      targetLang: Nullable(LangSchema),
      /** A week's number. */
      targetNumber: Nullable(Type.Integer()),
      /** When a reconfirmation request was sent. */
      targetAt: Nullable(DateTimeSchema),
    }),
  ),
  nextBefore: Nullable(Type.Integer()),
  actions: Type.Array(Type.String()),
  actors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export type AuditPage = Static<typeof AuditResponse>;
