// Table types for Kysely: the one place that says what the database holds.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Lang = 'en' | 'es' | 'fr';
export type ForumRole = 'participant' | 'key_respondent' | 'translator' | 'organizer';

/** A timestamptz column: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a database default. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A date column, kept as 'YYYY-MM-DD' text so no time zone ever shifts it. */
type DateOnly = ColumnType<string, string, string>;

/** A generated tsvector column: read by search's SQL only, never written. */
export type SearchVector = ColumnType<string, never, never>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  interface_lang: Lang;
  reading_langs: Lang[];
  time_zone: string;
  organisation: Generated<string>;
  region: Generated<string>;
  country: Generated<string>;
  is_admin: Generated<boolean>;
  /** Profile fields the member hides from other members in the directory (organizers still see them). */
  directory_hidden: Generated<DirectoryField[]>;
  /** Null until the owner follows the link emailed at registration; operators' accounts are made verified. */
  email_verified_at: NullableTimestamp;
  /** Set when the account was erased: its row stays, emptied, so the threads it wrote in keep their shape. */
  erased_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** What a single-use link does; password resets and invitations will join. */
export type TokenPurpose = 'verify_email' | 'reset_password';

/** A single-use, expiring link: only its SHA-256 is stored. */
export interface SingleUseTokensTable {
  id: Generated<number>;
  purpose: TokenPurpose;
  token_hash: string;
  user_id: number;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ForumsTable {
  id: Generated<number>;
  slug: string;
  time_zone: string;
  languages: Lang[];
  starts_on: DateOnly;
  ends_on: DateOnly;
  starts_at: Timestamp;
  ends_at: Timestamp;
  application_deadline: Timestamp;
  published: Generated<boolean>;
  open_enrolment: Generated<boolean>;
  /** Members join only through an invitation: no open enrolment, no applications. */
  invitation_only: Generated<boolean>;
  public_archive: Generated<boolean>;
  weeks_close_at_end: Generated<boolean>;
  translation_target_hours: Generated<number>;
  translation_claim_minutes: Generated<number>;
  translation_review_required: Generated<boolean>;
  description_word_limit: Generated<number>;
  key_respondent_limit: Generated<number>;
  key_respondents_per_week: Generated<number>;
  /** Hours within which a question to a key respondent should be answered before organizers hear of it. */
  question_target_hours: Generated<number>;
  /** Soft guidance for a case study's length (about 1–1½ pages), never a hard limit. */
  case_study_min_words: Generated<number>;
  case_study_max_words: Generated<number>;
  /** The most words a policy element's statement may have (counted like application statements). */
  policy_element_word_limit: Generated<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ForumTextsTable {
  forum_id: number;
  lang: Lang;
  title: string;
  summary: string;
  call_md: string;
  call_html: string;
}

export interface TranslationRulesTable {
  forum_id: number;
  source_lang: Lang;
  target_lang: Lang;
}

export interface WeeksTable {
  id: Generated<number>;
  forum_id: number;
  number: number;
  starts_on: DateOnly;
  opens_at: Timestamp;
  closes_at: Timestamp;
  original_lang: Generated<Lang>;
  revision: Generated<number>;
  /** Whether writing closes when this week ends; null follows the forum's weeks_close_at_end. */
  writing_closes_at_end: boolean | null;
  /** Key-respondent seats in this week; null follows the forum's key_respondents_per_week. */
  key_respondent_limit: Generated<number | null>;
  /** At most this many of the week's key respondents from any one region; null sets no such limit. */
  key_respondents_per_region: Generated<number | null>;
}

/** Regions, sectors and the call's prerequisites: a forum's own list, named in each language. */
export interface ForumListTable {
  id: Generated<number>;
  forum_id: number;
  /** Stable within the forum, for content files and the API; never shown to people. */
  key: string;
  position: number;
  en: string;
  es: string;
  fr: string;
  /** Set instead of deleting an entry something still points at; archived entries are offered to no one new. */
  archived_at: NullableTimestamp;
}

export interface WeekTextsTable {
  week_id: number;
  lang: Lang;
  title: string;
  summary_md: string;
  summary_html: string;
}

export interface ReadingsTable {
  id: Generated<number>;
  week_id: number;
  slug: string;
  position: number;
  original_lang: Lang;
  revision: Generated<number>;
  /** Set while organizers keep the reading from members (hidden, never destroyed). */
  unpublished_at: NullableTimestamp;
  updated_at: CreatedAt;
  /** The creating request's key, so a repeated create returns the same reading. */
  idempotency_key: Generated<string | null>;
}

/** A file attached to a reading; its bytes live in the attachments folder under their SHA-256. */
/** A file sent for a reading not yet saved (or an edit not yet saved): attached in the save's transaction. */
export interface ReadingUploadsTable {
  id: string;
  forum_id: number;
  uploaded_by: number;
  sha256: string;
  media_type: string;
  size_bytes: number;
  file_name: string;
  created_at: CreatedAt;
}

export interface ReadingAttachmentsTable {
  id: Generated<number>;
  reading_id: number;
  sha256: string;
  /** From the file's bytes, never from its name or the uploader's Content-Type. */
  media_type: string;
  size_bytes: number;
  file_name: string;
  position: number;
  /** The language version this file is (readers get the one in their first reading language); null for every reader. */
  lang: Generated<Lang | null>;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

/** A file attached to a case study, stored as reading attachments are. */
export interface CaseStudyAttachmentsTable {
  id: Generated<number>;
  case_study_id: number;
  sha256: string;
  /** From the file's bytes, never from its name or the uploader's Content-Type. */
  media_type: string;
  size_bytes: number;
  file_name: string;
  position: number;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

export interface ReadingTextsTable {
  reading_id: number;
  lang: Lang;
  title: string;
  body_md: string;
  body_html: string;
  /** Full-text index of its text in its own language, kept by the database (migrations/2026_12_07_0060_search.ts). */
  search_vector: SearchVector;
}

export interface MembershipsTable {
  forum_id: number;
  user_id: number;
  role: ForumRole;
  /** The week a key respondent prepares; null on every other role. */
  week_id: Generated<number | null>;
  created_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<number>;
  to_email: string;
  lang: Lang;
  template: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: CreatedAt;
  /** A worker's claim: until then no other worker takes the row. */
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_response: string | null;
  user_id: number | null;
  /** What a click on List-Unsubscribe turns off, e.g. `type:post.replied` or `digest:3`; null for account mail. */
  unsubscribe: string | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export type ThreadKind = 'discussion' | 'prompt' | 'case_study';
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ThreadsTable {
  id: Generated<number>;
  forum_id: number;
  week_id: number;
  kind: ThreadKind;
  requires_own_answer: Generated<boolean>;
  title: string;
  /** Raised when the title changes after translation was queued (a case study's retitling). */
  title_revision: Generated<number>;
  original_lang: Lang;
  author_id: number;
  pinned: Generated<boolean>;
  locked: Generated<boolean>;
  post_count: Generated<number>;
  last_post_at: CreatedAt;
  created_at: CreatedAt;
  /** Full-text index of its text in its own language, kept by the database (migrations/2026_12_07_0060_search.ts). */
  search_vector: SearchVector;
}

export interface PostsTable {
  id: Generated<number>;
  thread_id: number;
  parent_id: number | null;
  /** Ids from the thread's first post down to this one: ordering by it gives the tree. */
  path: number[];
  author_id: number;
  original_lang: Lang;
  body_md: string;
  body_html: string;
  word_count: number;
  revision: Generated<number>;
  idempotency_key: string;
  hidden_at: NullableTimestamp;
  hidden_by: number | null;
  hidden_reason: string | null;
  /** Set when its author removed their words on leaving: the text is gone, its place in the thread stays. */
  removed_at: NullableTimestamp;
  created_at: CreatedAt;
  edited_at: NullableTimestamp;
  /** Set on a question to a case study's key respondent: the one member it asks. */
  addressed_to: Generated<number | null>;
  answered_at: NullableTimestamp;
  answered_by: Generated<number | null>;
  /** The reply marked as the answer, when one was (the asker may mark answered without one). */
  answer_post_id: Generated<number | null>;
  /** Full-text index of its text in its own language, kept by the database (migrations/2026_12_07_0060_search.ts). */
  search_vector: SearchVector;
}

export interface PostRevisionsTable {
  post_id: number;
  revision: number;
  original_lang: Lang;
  body_md: string;
  body_html: string;
  editor_id: number;
  created_at: CreatedAt;
}

export interface DraftsTable {
  user_id: number;
  draft_key: string;
  title: Generated<string>;
  body_md: string;
  lang: Lang;
  updated_at: CreatedAt;
}

export interface ThreadReadsTable {
  user_id: number;
  thread_id: number;
  last_read_post_id: number;
}

export interface ReportsTable {
  id: Generated<number>;
  forum_id: number;
  post_id: number;
  reporter_id: number;
  reason: string;
  created_at: CreatedAt;
  resolved_at: NullableTimestamp;
  resolved_by: number | null;
  /** open until an organizer dismisses it or acts on the post (hides it). */
  status: Generated<ReportStatus>;
  /** The organizer's note on the outcome; organizers only. */
  resolution_note: string | null;
}

export type ReportStatus = 'open' | 'dismissed' | 'acted_on';

/** A member suspended from a forum: their roles are parked in suspended_roles meanwhile. */
export interface ForumSuspensionsTable {
  forum_id: number;
  user_id: number;
  reason: string | null;
  suspended_by: number;
  suspended_at: CreatedAt;
}

export interface SuspendedRolesTable {
  forum_id: number;
  user_id: number;
  role: ForumRole;
  week_id: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  forum_id: number;
  actor_id: number;
  action: string;
  target_type: string;
  target_id: number;
  reason: string | null;
  created_at: CreatedAt;
}

export interface EventsTable {
  /** bigint, read as a number (the int8 parser): ids stay far below 2^53. */
  id: Generated<number>;
  /** Null for access changes that concern a user across forums (sign-out). */
  forum_id: number | null;
  week_id: number | null;
  thread_id: number | null;
  type: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
}

export type TranslatableType = 'post' | 'thread_title' | 'reading' | 'week' | 'case_study' | 'policy_element';
export type TranslatorRole = 'organizer' | 'translator' | 'author';
export type TaskStatus = 'open' | 'claimed' | 'in_review' | 'published' | 'withdrawn' | 'superseded';

export interface TranslationsTable {
  id: Generated<number>;
  forum_id: number;
  item_type: TranslatableType;
  item_id: number;
  source_lang: Lang;
  target_lang: Lang;
  /** The revision of the original this translates; older than the original's means outdated. */
  source_revision: number;
  body_md: string;
  body_html: string;
  translator_id: number;
  translator_role: TranslatorRole;
  revision: Generated<number>;
  published_at: CreatedAt;
  updated_at: CreatedAt;
  /** Full-text index of its text in its own language, kept by the database (migrations/2026_12_07_0060_search.ts). */
  search_vector: SearchVector;
}

export interface TranslationRevisionsTable {
  translation_id: number;
  revision: number;
  source_revision: number;
  body_md: string;
  translator_id: number;
  created_at: CreatedAt;
}

export interface TranslationTasksTable {
  id: Generated<number>;
  forum_id: number;
  week_id: number | null;
  item_type: TranslatableType;
  item_id: number;
  source_lang: Lang;
  target_lang: Lang;
  source_revision: number;
  status: Generated<TaskStatus>;
  claimed_by: number | null;
  /** Who wrote the translation awaiting review. */
  translated_by: number | null;
  claim_expires_at: NullableTimestamp;
  draft_md: string | null;
  draft_updated_at: NullableTimestamp;
  due_at: Timestamp;
  created_at: CreatedAt;
  closed_at: NullableTimestamp;
  closed_by: number | null;
}

export interface GlossaryTermsTable {
  id: Generated<number>;
  forum_id: number;
  en: Generated<string>;
  es: Generated<string>;
  fr: Generated<string>;
  note: Generated<string>;
  updated_at: CreatedAt;
}

export type DirectoryField = 'organisation' | 'region' | 'country' | 'languages';
export type ApplicationKind = 'participant' | 'key_respondent';
export type ApplicationStatus = 'pending' | 'accepted' | 'waitlisted' | 'declined' | 'withdrawn';

export interface ApplicationsTable {
  id: Generated<number>;
  forum_id: number;
  user_id: number;
  kind: ApplicationKind;
  status: Generated<ApplicationStatus>;
  description: string;
  statement: Generated<string>;
  fits_week_id: number | null;
  organisation: Generated<string>;
  region_id: Generated<number | null>;
  sector_id: Generated<number | null>;
  /** The forum_prerequisites ids the applicant confirmed. */
  prerequisites_confirmed: Generated<number[]>;
  research_experience: Generated<string>;
  ground_experience: Generated<string>;
  policy_experience: Generated<string>;
  country: Generated<string>;
  langs: Lang[];
  heard_from: Generated<string>;
  /** The applicant's language, for the decision message and emails. */
  lang: Lang;
  decision_message: string | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface InvitationsTable {
  id: Generated<number>;
  forum_id: number;
  email: string;
  role: ForumRole;
  week_id: number | null;
  lang: Lang;
  token_hash: string;
  expires_at: Timestamp;
  invited_by: number;
  accepted_by: number | null;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface ReconfirmationRequestsTable {
  id: Generated<number>;
  forum_id: number;
  message: Generated<string>;
  requested_by: number;
  created_at: CreatedAt;
}

export interface ReconfirmationsTable {
  request_id: number;
  user_id: number;
  token_hash: string;
  answer: 'confirmed' | 'withdrawn' | null;
  answered_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
}

export interface EngagementOptInsTable {
  forum_id: number;
  user_id: number;
  created_at: CreatedAt;
}

export type EmailStatus = 'none' | 'pending' | 'queued' | 'skipped';
export type DigestSchedule = 'immediate' | 'daily' | 'weekly' | 'off';

export interface NotificationsTable {
  /** bigint, read as a number (the int8 parser). */
  id: Generated<number>;
  user_id: number;
  type: string;
  forum_id: number | null;
  week_id: number | null;
  thread_id: number | null;
  post_id: number | null;
  actor_id: number | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  in_app: boolean;
  email_status: EmailStatus;
  /** When a pending immediate email is due (end of its batching window); null while it waits for a digest. */
  email_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NotificationSettingsTable {
  user_id: number;
  type: string;
  in_app: boolean;
  email: boolean;
  /** When the person last set this preference (shown in their data export). */
  updated_at: CreatedAt;
}

export interface DigestSettingsTable {
  user_id: number;
  forum_id: number;
  schedule: DigestSchedule;
  hour: number;
  weekday: number;
  next_digest_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the person last set this schedule. */
  updated_at: CreatedAt;
}

export interface ThreadFollowsTable {
  user_id: number;
  thread_id: number;
  level: 'following' | 'muted';
  /** Chosen by the user, rather than implied by starting or replying. */
  explicit: boolean;
  created_at: CreatedAt;
}

export type CaseStudyStatus = 'draft' | 'submitted' | 'changes_requested' | 'approved' | 'published';

/** A key respondent's case study for the week they were assigned; visible to members once published. */
export interface CaseStudiesTable {
  id: Generated<number>;
  forum_id: number;
  week_id: number;
  author_id: number;
  status: Generated<CaseStudyStatus>;
  title: string;
  body_md: string;
  body_html: string;
  original_lang: Lang;
  region_id: Generated<number | null>;
  theme: Generated<string>;
  word_count: Generated<number>;
  revision: Generated<number>;
  /** The creating request's key, so a repeated create returns the same case study. */
  idempotency_key: string | null;
  /** The organizer's comment when they last asked for changes. */
  review_comment: string | null;
  reviewed_by: number | null;
  /** Its discussion thread (kind 'case_study'), made at publication. */
  thread_id: number | null;
  submitted_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  approved_by: number | null;
  published_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** Full-text index of its text in its own language, kept by the database (migrations/2026_12_07_0060_search.ts). */
  search_vector: SearchVector;
}

export interface CaseStudyRevisionsTable {
  case_study_id: number;
  revision: number;
  title: string;
  original_lang: Lang;
  body_md: string;
  body_html: string;
  editor_id: number;
  created_at: CreatedAt;
}

export interface ItemOpensTable {
  user_id: number;
  item_type: 'reading' | 'case_study';
  item_id: number;
  opened_at: CreatedAt;
}

/** When a member last looked at their home, and the visit before (what "new since" counts from). */
export interface HomeVisitsTable {
  user_id: number;
  last_visit_at: Timestamp;
  previous_visit_at: NullableTimestamp;
}

export type PolicyElementStatus = 'proposed' | 'accepted' | 'declined' | 'merged';

/** A policy element a member proposed for the forum's synthesis, placed by region and theme. */
export interface PolicyElementsTable {
  id: Generated<number>;
  forum_id: number;
  region_id: number;
  theme_id: number;
  status: Generated<PolicyElementStatus>;
  original_lang: Lang;
  body_md: string;
  body_html: string;
  word_count: number;
  revision: Generated<number>;
  proposed_by: number;
  /** The proposing request's key, so a retried or doubled submit returns the same element. */
  idempotency_key: string;
  /** The week of its first citation, for the matrix's week filter. */
  week_id: number;
  /** The element a merged one now lives in. */
  merged_into: number | null;
  /** Why organizers declined it; the proposer sees it. */
  decline_reason: string | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  endorsement_count: Generated<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** Full-text index of its text in its own language, kept by the database (migrations/2026_12_07_0060_search.ts). */
  search_vector: SearchVector;
}

export interface PolicyElementRevisionsTable {
  element_id: number;
  revision: number;
  original_lang: Lang;
  body_md: string;
  body_html: string;
  region_id: number;
  theme_id: number;
  editor_id: number;
  created_at: CreatedAt;
}

export type CitedItemType = 'post' | 'case_study';

export interface PolicyElementCitationsTable {
  element_id: number;
  item_type: CitedItemType;
  item_id: number;
  week_id: number;
  cited_by: number;
  created_at: CreatedAt;
}

/** How a member's words may appear in published proceedings and the public archive. */
export type ConsentChoice = 'named' | 'anonymous' | 'none';
export type ConsentSource = 'application' | 'invitation' | 'profile' | 'import';

export interface PublicationConsentsTable {
  forum_id: number;
  user_id: number;
  choice: ConsentChoice;
  chosen_at: CreatedAt;
}

export interface PublicationConsentRecordsTable {
  id: Generated<number>;
  forum_id: number;
  user_id: number;
  choice: ConsentChoice;
  source: ConsentSource;
  chosen_at: CreatedAt;
}

export type EditionStatus = 'queued' | 'running' | 'done' | 'failed';
export type EditionFormat = 'html' | 'pdf' | 'csv' | 'json';

/** One language edition of a forum's proceedings, generated by a background job. */
export interface ProceedingsEditionsTable {
  id: Generated<number>;
  forum_id: number;
  lang: Lang;
  status: Generated<EditionStatus>;
  /** The threads the organizer selected; null means every thread an accepted element cites. */
  thread_ids: number[] | null;
  progress: Generated<number>;
  step: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  /** A worker's claim: until then no other instance takes the job. */
  locked_until: NullableTimestamp;
  next_attempt_at: CreatedAt;
  requested_by: number;
  idempotency_key: string;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  published_at: NullableTimestamp;
}

export interface ProceedingsFilesTable {
  edition_id: number;
  format: EditionFormat;
  sha256: string;
  size_bytes: number;
}

export type LegalDocument = 'terms' | 'privacy';

/** Which version of the terms of use or the privacy notice a person accepted, and when. */
export interface TermsAcceptancesTable {
  id: Generated<number>;
  user_id: number;
  document: LegalDocument;
  /** The version's date, as the file in content/legal names it. */
  version: string;
  lang: Lang;
  accepted_at: CreatedAt;
}

export type DataExportStatus = 'queued' | 'running' | 'done' | 'failed';

/** A person's data export, built in the background for a large account, downloadable until it expires. */
export interface DataExportsTable {
  id: Generated<number>;
  user_id: number;
  lang: Lang;
  status: Generated<DataExportStatus>;
  content: ColumnType<unknown, string | null | undefined, string | null>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: NullableTimestamp;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
  expires_at: NullableTimestamp;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  single_use_tokens: SingleUseTokensTable;
  forums: ForumsTable;
  forum_texts: ForumTextsTable;
  translation_rules: TranslationRulesTable;
  weeks: WeeksTable;
  week_texts: WeekTextsTable;
  readings: ReadingsTable;
  reading_texts: ReadingTextsTable;
  reading_attachments: ReadingAttachmentsTable;
  reading_uploads: ReadingUploadsTable;
  case_study_attachments: CaseStudyAttachmentsTable;
  memberships: MembershipsTable;
  outbox: OutboxTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  drafts: DraftsTable;
  thread_reads: ThreadReadsTable;
  reports: ReportsTable;
  audit_log: AuditLogTable;
  forum_suspensions: ForumSuspensionsTable;
  suspended_roles: SuspendedRolesTable;
  events: EventsTable;
  translations: TranslationsTable;
  translation_revisions: TranslationRevisionsTable;
  translation_tasks: TranslationTasksTable;
  glossary_terms: GlossaryTermsTable;
  translation_task_skips: { task_id: number; user_id: number };
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  digest_settings: DigestSettingsTable;
  thread_follows: ThreadFollowsTable;
  week_openings_notified: { week_id: number; notified_at: CreatedAt };
  translation_overdue_notified: { task_id: number; notified_at: CreatedAt };
  app_secrets: { name: string; value: string };
  applications: ApplicationsTable;
  invitations: InvitationsTable;
  reconfirmation_requests: ReconfirmationRequestsTable;
  reconfirmations: ReconfirmationsTable;
  engagement_opt_ins: EngagementOptInsTable;
  question_overdue_notified: { post_id: number; notified_at: CreatedAt };
  item_opens: ItemOpensTable;
  home_visits: HomeVisitsTable;
  case_studies: CaseStudiesTable;
  case_study_revisions: CaseStudyRevisionsTable;
  forum_regions: ForumListTable;
  forum_sectors: ForumListTable;
  forum_prerequisites: ForumListTable;
  forum_member_regions: { forum_id: number; user_id: number; region_id: number };
  forum_themes: ForumListTable;
  policy_elements: PolicyElementsTable;
  policy_element_revisions: PolicyElementRevisionsTable;
  policy_element_citations: PolicyElementCitationsTable;
  policy_element_proposers: { element_id: number; user_id: number };
  policy_element_endorsements: { element_id: number; user_id: number; created_at: CreatedAt };
  publication_consents: PublicationConsentsTable;
  publication_consent_records: PublicationConsentRecordsTable;
  proceedings_editions: ProceedingsEditionsTable;
  proceedings_files: ProceedingsFilesTable;
  terms_acceptances: TermsAcceptancesTable;
  data_exports: DataExportsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Forum = Selectable<ForumsTable>;
export type Week = Selectable<WeeksTable>;
