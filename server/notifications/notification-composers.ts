// The notification domain's mail, by template: week openings, activity batches and digests,
// and what organizers are told of reports and overdue translations.
import type { MailComposers } from '../mail/outbox-render.ts';
import { composeActivity, composeWeekOpened } from './notification-email.ts';
import { composeReportFiled, composeTranslationOverdue } from './organizer-email.ts';

export const notificationComposers: MailComposers = {
  week_opened: composeWeekOpened,
  notifications_batch: composeActivity,
  notifications_digest: composeActivity,
  report_filed: composeReportFiled,
  translation_overdue: composeTranslationOverdue,
};
