// Which form field an API error is about, so the form can mark it and move the focus there.
import { ApiError } from '../api/client.ts';

const FIELD_BY_CODE: Record<string, string> = {
  invalid_time_zone: 'timeZone',
  forum_dates_out_of_order: 'endsOn',
  deadline_not_before_start: 'applicationDeadlineOn',
  week_outside_forum: 'startsOn',
  week_dates_out_of_order: 'startsOn',
  translation_pair_outside_languages: 'pairs',
  unsupported_language: 'languages',
  account_not_found: 'organizerEmails',
  forum_slug_taken: 'slug',
  forum_start_in_past: 'moveStartsOn',
};

/** The field an error is about, when its code names one. */
export function fieldOfError(error: unknown): string | null {
  return error instanceof ApiError ? (FIELD_BY_CODE[error.code] ?? null) : null;
}
