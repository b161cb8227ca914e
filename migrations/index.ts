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
};
