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
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Forum = Selectable<ForumsTable>;
export type Week = Selectable<WeeksTable>;
