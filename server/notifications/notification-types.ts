// Every kind of notification, with what a user gets by default. Another feature adds its kind
// here (and its email template to locales/*/emails.json when it is `direct`), then calls notify().
export type NotificationType =
  | 'week.opened'
  | 'post.replied'
  | 'post.mentioned'
  | 'thread.posted'
  | 'translation.ready'
  | 'translation.own_published'
  | 'application.decided'
  | 'reconfirmation.requested'
  | 'invitation'
  | 'report.filed'
  | 'report.handled'
  | 'translation.overdue'
  | 'question.asked'
  | 'question.answered'
  | 'question.overdue'
  | 'case_study.published'
  | 'case_study.review'
  | 'policy_element.accepted'
  | 'policy_element.declined'
  | 'policy_element.merged'
  | 'data_export.ready';

export interface NotificationRule {
  /** Shown in the app unless the user turns it off. */
  inApp: boolean;
  /** Emailed unless the user turns it off. Defaults stay quiet: only what is addressed to you, and week openings. */
  email: boolean;
  /**
   * `activity`: emailed by the forum's schedule — batched over a few minutes when immediate, or
   * gathered into the daily/weekly digest. `direct`: one email at once, from the template named
   * by emailTemplate(type), whatever the schedule.
   */
  delivery: 'activity' | 'direct';
  /** Account matters the user cannot switch off (decisions on their application, invitations). */
  required?: true;
}

export const notificationRules: Record<NotificationType, NotificationRule> = {
  'week.opened': { inApp: true, email: true, delivery: 'direct' },
  'post.replied': { inApp: true, email: true, delivery: 'activity' },
  'post.mentioned': { inApp: true, email: true, delivery: 'activity' },
  'thread.posted': { inApp: true, email: false, delivery: 'activity' },
  'translation.ready': { inApp: true, email: false, delivery: 'activity' },
  'translation.own_published': { inApp: true, email: false, delivery: 'activity' },
  'application.decided': { inApp: true, email: true, delivery: 'direct', required: true },
  'reconfirmation.requested': { inApp: true, email: true, delivery: 'direct', required: true },
  invitation: { inApp: true, email: true, delivery: 'direct', required: true },
  // Organizers' work: in the app; by email only for those who ask, at once.
  'report.filed': { inApp: true, email: false, delivery: 'direct' },
  // A reporter hears their report was handled, in the app only unless they ask for email.
  'report.handled': { inApp: true, email: false, delivery: 'activity' },
  'translation.overdue': { inApp: true, email: false, delivery: 'direct' },
  // Questions to key respondents: the one asked hears at once; the asker with their activity.
  'question.asked': { inApp: true, email: true, delivery: 'direct' },
  'question.answered': { inApp: true, email: true, delivery: 'activity' },
  'question.overdue': { inApp: true, email: false, delivery: 'direct' },
  // A key respondent's case study released in an open week: in the app only, unless asked for.
  'case_study.published': { inApp: true, email: false, delivery: 'direct' },
  // Organizers' answer to a key respondent's submission: addressed to them, so emailed.
  'case_study.review': { inApp: true, email: true, delivery: 'direct' },
  // Organizers' decisions on a member's proposed policy element: addressed to its proposers.
  'policy_element.accepted': { inApp: true, email: true, delivery: 'direct' },
  'policy_element.declined': { inApp: true, email: true, delivery: 'direct' },
  'policy_element.merged': { inApp: true, email: true, delivery: 'direct' },
  // A large account's data export, built in the background: the person asked for it and waits.
  'data_export.ready': { inApp: true, email: true, delivery: 'direct', required: true },
};

export const notificationTypes = Object.keys(notificationRules) as NotificationType[];

export function isNotificationType(value: string): value is NotificationType {
  return Object.hasOwn(notificationRules, value);
}

/** The emails.json key of a direct notification's email: `week.opened` → `week_opened`. */
export function emailTemplate(type: NotificationType): string {
  return type.replaceAll('.', '_');
}
