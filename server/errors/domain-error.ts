// Domain rules fail with a stable code; the HTTP layer turns it into a status and a message
// in the caller's language (locales/*/errors.json), so services never format text.
export type ErrorCode =
  | 'validation'
  | 'invalid_credentials'
  | 'sign_in_required'
  | 'forbidden'
  | 'not_found'
  | 'not_a_member'
  | 'week_not_open'
  | 'week_closed'
  | 'thread_locked'
  | 'idempotency_conflict'
  | 'edit_conflict'
  | 'too_long'
  | 'already_reported'
  | 'task_taken'
  | 'task_closed'
  | 'review_by_another'
  | 'not_a_translator'
  | 'invalid_csv'
  | 'forum_not_open_for_enrolment'
  | 'origin_rejected'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_language'
  | 'invalid_time_zone'
  | 'source_hidden'
  | 'csv_empty'
  | 'csv_duplicate_term'
  | 'csv_cell_too_long'
  | 'csv_cell_invalid'
  | 'glossary_replace_unconfirmed'
  | 'unsubscribe_link_invalid'
  | 'notification_email_required'
  | 'too_many_subscriptions'
  | 'too_many_connections'
  | 'too_many_attachments'
  | 'upload_missing'
  | 'not_ready'
  | 'answer_first'
  | 'verification_link_invalid'
  | 'reset_link_invalid'
  | 'reset_link_used'
  | 'reset_link_expired'
  | 'too_many_drafts'
  | 'drafts_too_large'
  | 'application_closed'
  | 'already_applied'
  | 'already_member'
  | 'application_decided'
  | 'too_many_words'
  | 'key_respondent_limit_reached'
  | 'week_limit_reached'
  | 'link_invalid'
  | 'link_used'
  | 'link_expired'
  | 'invitation_revoked'
  | 'too_deeply_nested'
  | 'too_complex'
  | 'claim_expired'
  | 'malformed_request'
  | 'request_timeout'
  | 'headers_too_large'
  | 'unsupported_media_type'
  | 'reading_changed'
  | 'attachment_too_large'
  | 'attachment_type_refused'
  | 'not_week_key_respondent'
  | 'case_study_exists'
  | 'case_study_state'
  | 'last_organizer'
  | 'member_suspended'
  | 'suspended_from_forum'
  | 'cannot_suspend_organizer'
  | 'report_closed'
  | 'question_addressee'
  | 'question_to_self'
  | 'not_a_question'
  | 'answer_not_below_question'
  | 'forum_dates_out_of_order'
  | 'deadline_not_before_start'
  | 'week_outside_forum'
  | 'week_dates_out_of_order'
  | 'new_week_before_last'
  | 'case_study_words_out_of_order'
  | 'week_already_open'
  | 'week_in_use'
  | 'translation_pair_outside_languages'
  | 'forum_slug_taken'
  | 'account_not_found'
  | 'forum_started'
  | 'forum_start_in_past'
  | 'decision_removes_seat'
  | 'decision_removes_membership'
  | 'limits_below_seats'
  | 'list_key_taken'
  | 'list_entry_in_use'
  | 'prerequisites_unconfirmed'
  | 'region_limit_reached'
  | 'internal';

const statusByCode: Record<ErrorCode, number> = {
  validation: 400,
  invalid_credentials: 401,
  sign_in_required: 401,
  forbidden: 403,
  not_a_member: 403,
  week_not_open: 403,
  week_closed: 403,
  thread_locked: 403,
  idempotency_conflict: 409,
  edit_conflict: 409,
  too_long: 413,
  already_reported: 409,
  task_taken: 409,
  task_closed: 409,
  review_by_another: 409,
  not_a_translator: 409,
  invalid_csv: 400,
  origin_rejected: 403,
  not_found: 404,
  forum_not_open_for_enrolment: 409,
  payload_too_large: 413,
  unsupported_language: 400,
  invalid_time_zone: 400,
  source_hidden: 403,
  csv_empty: 400,
  csv_duplicate_term: 400,
  csv_cell_too_long: 400,
  csv_cell_invalid: 400,
  glossary_replace_unconfirmed: 409,
  rate_limited: 429,
  unsubscribe_link_invalid: 400,
  notification_email_required: 400,
  too_many_subscriptions: 429,
  too_many_connections: 429,
  too_many_attachments: 409,
  upload_missing: 409,
  not_ready: 503,
  answer_first: 403,
  verification_link_invalid: 400,
  reset_link_invalid: 400,
  reset_link_used: 409,
  reset_link_expired: 409,
  too_many_drafts: 409,
  drafts_too_large: 413,
  application_closed: 409,
  already_applied: 409,
  already_member: 409,
  application_decided: 409,
  too_many_words: 400,
  key_respondent_limit_reached: 409,
  week_limit_reached: 409,
  link_invalid: 404,
  link_used: 409,
  link_expired: 409,
  invitation_revoked: 409,
  too_deeply_nested: 400,
  too_complex: 400,
  claim_expired: 409,
  malformed_request: 400,
  request_timeout: 408,
  headers_too_large: 431,
  unsupported_media_type: 415,
  reading_changed: 409,
  attachment_too_large: 413,
  attachment_type_refused: 415,
  not_week_key_respondent: 403,
  case_study_exists: 409,
  case_study_state: 409,
  last_organizer: 409,
  member_suspended: 409,
  suspended_from_forum: 403,
  cannot_suspend_organizer: 409,
  report_closed: 409,
  question_addressee: 403,
  question_to_self: 409,
  not_a_question: 404,
  answer_not_below_question: 400,
  forum_dates_out_of_order: 400,
  deadline_not_before_start: 400,
  week_outside_forum: 400,
  week_dates_out_of_order: 400,
  new_week_before_last: 400,
  case_study_words_out_of_order: 400,
  week_already_open: 409,
  week_in_use: 409,
  translation_pair_outside_languages: 400,
  forum_slug_taken: 409,
  account_not_found: 400,
  forum_started: 409,
  forum_start_in_past: 400,
  decision_removes_seat: 409,
  decision_removes_membership: 409,
  limits_below_seats: 409,
  list_key_taken: 409,
  list_entry_in_use: 409,
  prerequisites_unconfirmed: 400,
  region_limit_reached: 409,
  internal: 500,
};

/** Every code, for checks that walk them all. */
export const errorCodes = Object.keys(statusByCode) as ErrorCode[];

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Interpolation values for the localized message. */
    readonly params: Record<string, string | number | Date | { en: string; es: string; fr: string }> = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.status = statusByCode[code];
  }
}
