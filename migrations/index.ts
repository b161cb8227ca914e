// Every migration, by name, in the order they run. Listed here rather than read from the
// folder at run time so the bundled server carries them; a test fails when a migration file
// is missing from this list.
import type { Migration } from 'kysely';
import * as foundation from './2026_11_23_0001_foundation.ts';
import * as discussions from './2026_11_23_0002_discussions.ts';
import * as translations from './2026_11_23_0003_translations.ts';
import * as threadReadIndexes from './2026_11_23_0004_thread_read_indexes.ts';
import * as accountVerification from './2026_11_30_0005_account_verification.ts';
import * as cohort from './2026_11_30_0006_cohort.ts';
import * as notifications from './2026_11_30_0007_notifications.ts';
import * as realtime from './2026_11_30_0009_realtime.ts';
import * as invitationRevocation from './2026_11_30_0016_invitation_revocation.ts';
import * as caseStudies from './2026_11_30_0017_case_studies.ts';
import * as questions from './2026_11_30_0018_questions.ts';
import * as readingAttachments from './2026_11_30_0019_reading_attachments.ts';
import * as peopleModeration from './2026_11_30_0020_people_moderation.ts';
import * as passwordReset from './2026_11_30_0021_password_reset.ts';
import * as forumConsole from './2026_11_30_0022_forum_console.ts';
import * as invitationRoles from './2026_11_30_0023_invitation_roles.ts';
import * as weekClosing from './2026_11_30_0024_week_closing.ts';
import * as caseStudyAttachments from './2026_11_30_0025_case_study_attachments.ts';
import * as attachmentLanguage from './2026_12_06_0035_attachment_language.ts';
import * as readingUploads from './2026_12_06_0045_reading_uploads.ts';
import * as forumLists from './2026_12_06_0040_forum_lists.ts';
import * as synthesis from './2026_12_07_0050_synthesis.ts';
import * as search from './2026_12_07_0060_search.ts';
import * as privacy from './2026_12_08_0060_privacy.ts';

export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_foundation': foundation,
  '2026_11_23_0002_discussions': discussions,
  '2026_11_23_0003_translations': translations,
  '2026_11_23_0004_thread_read_indexes': threadReadIndexes,
  '2026_11_30_0005_account_verification': accountVerification,
  '2026_11_30_0006_cohort': cohort,
  '2026_11_30_0007_notifications': notifications,
  '2026_11_30_0009_realtime': realtime,
  '2026_11_30_0016_invitation_revocation': invitationRevocation,
  '2026_11_30_0017_case_studies': caseStudies,
  '2026_11_30_0018_questions': questions,
  '2026_11_30_0019_reading_attachments': readingAttachments,
  '2026_11_30_0020_people_moderation': peopleModeration,
  '2026_11_30_0021_password_reset': passwordReset,
  '2026_11_30_0022_forum_console': forumConsole,
  '2026_11_30_0023_invitation_roles': invitationRoles,
  '2026_11_30_0024_week_closing': weekClosing,
  '2026_11_30_0025_case_study_attachments': caseStudyAttachments,
  '2026_12_06_0035_attachment_language': attachmentLanguage,
  '2026_12_06_0040_forum_lists': forumLists,
  '2026_12_06_0045_reading_uploads': readingUploads,
  '2026_12_07_0050_synthesis': synthesis,
  '2026_12_07_0060_search': search,
  '2026_12_08_0060_privacy': privacy,
};
