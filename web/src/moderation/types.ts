// The moderation console's data, typed from the server's schemas (type-only).
import type { Static } from 'typebox';
import type { ReportStatusSchema } from '../../../server/moderation/moderation.schemas.ts';

export type {
  AuditPage,
  OwnReports,
  QueuedReport,
  ReportQueue,
} from '../../../server/moderation/moderation.schemas.ts';
export type ReportStatus = Static<typeof ReportStatusSchema>;
