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
  rate_limited: 429,
  internal: 500,
};

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Interpolation values for the localized message. */
    readonly params: Record<string, string | number | Date> = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.status = statusByCode[code];
  }
}
