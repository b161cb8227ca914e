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
  created_at: CreatedAt;
  updated_at: CreatedAt;
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
  public_archive: Generated<boolean>;
  weeks_close_at_end: Generated<boolean>;
  translation_target_hours: Generated<number>;
  translation_claim_minutes: Generated<number>;
  translation_review_required: Generated<boolean>;
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
}

export interface ReadingTextsTable {
  reading_id: number;
  lang: Lang;
  title: string;
  body_md: string;
  body_html: string;
}

export interface MembershipsTable {
  forum_id: number;
  user_id: number;
  role: ForumRole;
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
}

export type ThreadKind = 'discussion' | 'prompt';
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ThreadsTable {
  id: Generated<number>;
  forum_id: number;
  week_id: number;
  kind: ThreadKind;
  requires_own_answer: Generated<boolean>;
  title: string;
  original_lang: Lang;
  author_id: number;
  pinned: Generated<boolean>;
  locked: Generated<boolean>;
  post_count: Generated<number>;
  last_post_at: CreatedAt;
  created_at: CreatedAt;
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
  created_at: CreatedAt;
  edited_at: NullableTimestamp;
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
  forum_id: number;
  week_id: number | null;
  thread_id: number | null;
  type: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
}

export type TranslatableType = 'post' | 'thread_title' | 'reading' | 'week';
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

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  forums: ForumsTable;
  forum_texts: ForumTextsTable;
  translation_rules: TranslationRulesTable;
  weeks: WeeksTable;
  week_texts: WeekTextsTable;
  readings: ReadingsTable;
  reading_texts: ReadingTextsTable;
  memberships: MembershipsTable;
  outbox: OutboxTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  drafts: DraftsTable;
  thread_reads: ThreadReadsTable;
  reports: ReportsTable;
  audit_log: AuditLogTable;
  events: EventsTable;
  translations: TranslationsTable;
  translation_revisions: TranslationRevisionsTable;
  translation_tasks: TranslationTasksTable;
  glossary_terms: GlossaryTermsTable;
  translation_task_skips: { task_id: number; user_id: number };
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Forum = Selectable<ForumsTable>;
export type Week = Selectable<WeeksTable>;
