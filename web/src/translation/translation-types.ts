// The translation API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type {
  ClaimResponse,
  DashboardResponse,
  GlossaryImportResponse,
  GlossaryResponse,
  Kind,
  MembersResponse,
  PublishResponse,
  QueueQuery,
  QueueResponse,
  RolesResponse,
  TaskDetailResponse,
  TaskSummary as TaskSummarySchema,
  Term,
} from '../../../server/translations/translations.schemas.ts';

export type TaskKind = Static<typeof Kind>;
export type QueueStatus = NonNullable<Static<typeof QueueQuery>['status']>;
export type TaskSummary = Static<typeof TaskSummarySchema>;
export type TaskDetail = Static<typeof TaskDetailResponse>['task'];
export type GlossaryMatch = TaskDetail['glossary'][number];
export type GlossaryTerm = Static<typeof Term>;
export type GlossaryImportSummary = Static<typeof GlossaryImportResponse>;
export type GlossaryImportMode = GlossaryImportSummary['mode'];
export type TranslationDashboard = Static<typeof DashboardResponse>;
export type ForumMember = Static<typeof MembersResponse>['members'][number];
/** What claiming a task or saving its draft answers: when the claim now runs out. */
export type ClaimAnswer = Static<typeof ClaimResponse>;
export type PublishAnswer = Static<typeof PublishResponse>;
export type MemberRoles = Static<typeof RolesResponse>;
export type ForumMembers = Static<typeof MembersResponse>;
export type Queue = Static<typeof QueueResponse>;
export type TaskDetailAnswer = Static<typeof TaskDetailResponse>;
export type Glossary = Static<typeof GlossaryResponse>;
