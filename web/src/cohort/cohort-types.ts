// The cohort API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type {
  ApplicationListResponse,
  ApplicationResponse,
  ApplicationSchema,
  ApplyResponse,
  CheckEmailResponse,
  MyApplicationsResponse,
  OwnApplicationResponse,
} from '../../../server/applications/applications.schemas.ts';
import type { DirectoryResponse, Privacy } from '../../../server/applications/directory.schemas.ts';
import type {
  Answer,
  InvitationViewResponse,
  InviteResponse,
  PendingReconfirmationsResponse,
  ReconfirmationAnswerResponse,
  ReconfirmationLinkResponse,
  ReconfirmationSentResponse,
  ReconfirmationStatusResponse,
  RemindResponse,
  SentInvitationSchema,
  SentInvitationsResponse,
} from '../../../server/applications/invitations.schemas.ts';

export type Application = Static<typeof ApplicationSchema>;
export type OwnApplication = Static<typeof OwnApplicationResponse>;
export type ApplicationList = Static<typeof ApplicationListResponse>;
export type ApplicationStatus = Application['status'];

export type InvitationView = Static<typeof InvitationViewResponse>;
export type SentInvitation = Static<typeof SentInvitationSchema>;
export type ReconfirmationAnswer = Static<typeof Answer>;
export type ReconfirmationStatus = Static<typeof ReconfirmationStatusResponse>;
export type ReconfirmationLink = Static<typeof ReconfirmationLinkResponse>;
export type PendingReconfirmations = Static<typeof PendingReconfirmationsResponse>;
export type MyApplications = Static<typeof MyApplicationsResponse>;
export type Directory = Static<typeof DirectoryResponse>;
export type DirectoryPrivacy = Static<typeof Privacy>;
export type ApplicationAnswer = Static<typeof ApplicationResponse>;
/** Applying answers with the application, or (an applicant without an account) that a confirmation email went out. */
export type ApplyAnswer = Static<typeof ApplyResponse> | Static<typeof CheckEmailResponse>;
export type InviteAnswer = Static<typeof InviteResponse>;
export type SentInvitations = Static<typeof SentInvitationsResponse>;
export type ReconfirmationSent = Static<typeof ReconfirmationSentResponse>;
export type RemindAnswer = Static<typeof RemindResponse>;
export type ReconfirmationAnswerResult = Static<typeof ReconfirmationAnswerResponse>;
