// The moderation console's data, typed from the server's schemas (type-only).
export type {
  AuditPage,
  OwnReports,
  QueuedReport,
  ReportQueue,
} from '../../../server/moderation/moderation.schemas.ts';
export type ReportStatus = 'open' | 'dismissed' | 'acted_on';
