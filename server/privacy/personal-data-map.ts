// Every column that points at a person, and what becomes of it in their data export and when their
// account is erased. The export and the erasure both read this list, and a test compares it with
// the database's own catalogue, so a new table that references users cannot ship without a rule.
import type { DB } from '../db/schema.ts';

/** The sections of an export, in the order the readable rendering shows them. */
export const EXPORT_SECTIONS = [
  'profile',
  'terms',
  'sessions',
  'memberships',
  'applications',
  'consents',
  'preferences',
  'notifications',
  'posts',
  'revisions',
  'drafts',
  'questions',
  'translations',
  'caseStudies',
  'synthesis',
  'reports',
  'moderation',
  'files',
  'activity',
  'mail',
  'exports',
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export type ExportRule =
  /** The rows where the column is the person, in that section; `omit` names secrets never handed out. */
  | { section: ExportSection; omit?: readonly string[] }
  /** Not exported, and why (the row is someone else's, or says nothing about the person). */
  | { notExported: string };

export type EraseRule =
  /** The rows go. */
  | 'delete'
  /** The row stays with its personal fields emptied (erasure.service.ts says which). */
  | 'anonymise'
  /** The row stays: it points at the emptied account, which readers see as "former participant". */
  | 'keep-neutral'
  /** The author's choice: kept under the neutral name, or the words replaced by "removed by its author". */
  | 'author-choice';

export interface PersonalDataEntry {
  table: keyof DB;
  column: string;
  /** How the column names the person: by user id, or by email address (mail, invitations). */
  by?: 'id' | 'email';
  export: ExportRule;
  erase: EraseRule;
}

const ownRow = (section: ExportSection, omit?: readonly string[]): ExportRule =>
  omit ? { section, omit } : { section };
const othersRow = (why: string): ExportRule => ({ notExported: why });

export const PERSONAL_DATA: readonly PersonalDataEntry[] = [
  // The account itself: the row stays, emptied, so every reference below still resolves.
  { table: 'users', column: 'id', export: ownRow('profile', ['password_hash']), erase: 'anonymise' },
  { table: 'terms_acceptances', column: 'user_id', export: ownRow('terms'), erase: 'delete' },
  // Only the SHA-256 of a session's token is stored, and even that is not handed out.
  { table: 'sessions', column: 'user_id', export: ownRow('sessions', ['id']), erase: 'delete' },
  { table: 'single_use_tokens', column: 'user_id', export: ownRow('sessions', ['token_hash']), erase: 'delete' },
  { table: 'memberships', column: 'user_id', export: ownRow('memberships'), erase: 'delete' },
  { table: 'forum_member_regions', column: 'user_id', export: ownRow('memberships'), erase: 'delete' },
  { table: 'forum_suspensions', column: 'user_id', export: ownRow('memberships'), erase: 'delete' },
  { table: 'forum_suspensions', column: 'suspended_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'suspended_roles', column: 'user_id', export: ownRow('memberships'), erase: 'delete' },
  { table: 'applications', column: 'user_id', export: ownRow('applications'), erase: 'anonymise' },
  {
    table: 'applications',
    column: 'decided_by',
    export: othersRow('another person’s application'),
    erase: 'keep-neutral',
  },
  { table: 'invitations', column: 'accepted_by', export: ownRow('memberships', ['token_hash']), erase: 'anonymise' },
  {
    table: 'invitations',
    column: 'email',
    by: 'email',
    export: ownRow('memberships', ['token_hash']),
    erase: 'anonymise',
  },
  {
    table: 'invitations',
    column: 'invited_by',
    export: othersRow('another person’s invitation'),
    erase: 'keep-neutral',
  },
  {
    table: 'reconfirmation_requests',
    column: 'requested_by',
    export: ownRow('moderation'),
    erase: 'keep-neutral',
  },
  { table: 'reconfirmations', column: 'user_id', export: ownRow('applications', ['token_hash']), erase: 'delete' },
  { table: 'engagement_opt_ins', column: 'user_id', export: ownRow('applications'), erase: 'delete' },
  { table: 'publication_consents', column: 'user_id', export: ownRow('consents'), erase: 'keep-neutral' },
  { table: 'publication_consent_records', column: 'user_id', export: ownRow('consents'), erase: 'keep-neutral' },
  { table: 'notification_settings', column: 'user_id', export: ownRow('preferences'), erase: 'delete' },
  { table: 'digest_settings', column: 'user_id', export: ownRow('preferences'), erase: 'delete' },
  { table: 'thread_follows', column: 'user_id', export: ownRow('preferences'), erase: 'delete' },
  { table: 'notifications', column: 'user_id', export: ownRow('notifications'), erase: 'delete' },
  {
    table: 'notifications',
    column: 'actor_id',
    export: othersRow('another person’s notification'),
    erase: 'keep-neutral',
  },
  { table: 'threads', column: 'author_id', export: ownRow('posts'), erase: 'author-choice' },
  { table: 'posts', column: 'author_id', export: ownRow('posts'), erase: 'author-choice' },
  { table: 'posts', column: 'hidden_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'posts', column: 'addressed_to', export: ownRow('questions'), erase: 'keep-neutral' },
  { table: 'posts', column: 'answered_by', export: ownRow('questions'), erase: 'keep-neutral' },
  { table: 'post_revisions', column: 'editor_id', export: ownRow('revisions'), erase: 'author-choice' },
  { table: 'drafts', column: 'user_id', export: ownRow('drafts'), erase: 'delete' },
  { table: 'thread_reads', column: 'user_id', export: ownRow('activity'), erase: 'delete' },
  { table: 'item_opens', column: 'user_id', export: ownRow('activity'), erase: 'delete' },
  { table: 'home_visits', column: 'user_id', export: ownRow('activity'), erase: 'delete' },
  { table: 'reports', column: 'reporter_id', export: ownRow('reports'), erase: 'keep-neutral' },
  { table: 'reports', column: 'resolved_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'audit_log', column: 'actor_id', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'translations', column: 'translator_id', export: ownRow('translations'), erase: 'keep-neutral' },
  {
    table: 'translation_revisions',
    column: 'translator_id',
    export: ownRow('translations'),
    erase: 'keep-neutral',
  },
  { table: 'translation_tasks', column: 'claimed_by', export: ownRow('translations'), erase: 'anonymise' },
  { table: 'translation_tasks', column: 'translated_by', export: ownRow('translations'), erase: 'keep-neutral' },
  { table: 'translation_tasks', column: 'closed_by', export: ownRow('translations'), erase: 'keep-neutral' },
  { table: 'translation_task_skips', column: 'user_id', export: ownRow('translations'), erase: 'delete' },
  // A key respondent's case study is part of the forum's programme: it stays, under the neutral name.
  { table: 'case_studies', column: 'author_id', export: ownRow('caseStudies'), erase: 'keep-neutral' },
  { table: 'case_studies', column: 'reviewed_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'case_studies', column: 'approved_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'case_study_revisions', column: 'editor_id', export: ownRow('caseStudies'), erase: 'keep-neutral' },
  { table: 'case_study_attachments', column: 'uploaded_by', export: ownRow('files'), erase: 'keep-neutral' },
  { table: 'reading_attachments', column: 'uploaded_by', export: ownRow('files'), erase: 'keep-neutral' },
  { table: 'reading_uploads', column: 'uploaded_by', export: ownRow('files'), erase: 'delete' },
  { table: 'policy_elements', column: 'proposed_by', export: ownRow('synthesis'), erase: 'keep-neutral' },
  { table: 'policy_elements', column: 'decided_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  {
    table: 'policy_element_revisions',
    column: 'editor_id',
    export: ownRow('synthesis'),
    erase: 'keep-neutral',
  },
  { table: 'policy_element_citations', column: 'cited_by', export: ownRow('synthesis'), erase: 'keep-neutral' },
  { table: 'policy_element_proposers', column: 'user_id', export: ownRow('synthesis'), erase: 'keep-neutral' },
  // An endorsement stays counted, no longer attributable to anyone but "former participant".
  {
    table: 'policy_element_endorsements',
    column: 'user_id',
    export: ownRow('synthesis'),
    erase: 'keep-neutral',
  },
  { table: 'proceedings_editions', column: 'requested_by', export: ownRow('moderation'), erase: 'keep-neutral' },
  { table: 'outbox', column: 'user_id', export: ownRow('mail'), erase: 'delete' },
  { table: 'outbox', column: 'to_email', by: 'email', export: ownRow('mail'), erase: 'delete' },
  // The export itself is not exported again (it would contain itself).
  { table: 'data_exports', column: 'user_id', export: ownRow('exports', ['content']), erase: 'delete' },
];

/** The entries whose rows an erasure simply deletes, by id or by the account's email. */
export function rowsDeletedOnErasure(): readonly PersonalDataEntry[] {
  return PERSONAL_DATA.filter((entry) => entry.erase === 'delete');
}

/** The entries an export collects, with their section. */
export function exportedEntries(): ReadonlyArray<PersonalDataEntry & { export: { section: ExportSection } }> {
  return PERSONAL_DATA.filter(
    (entry): entry is PersonalDataEntry & { export: { section: ExportSection } } => 'section' in entry.export,
  );
}
