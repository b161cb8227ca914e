// The cohort API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type {
  ApplicationListResponse, ApplicationSchema, OwnApplicationResponse,
} from '../../../server/applications/applications.schemas.ts';

export type Application = Static<typeof ApplicationSchema>;
export type OwnApplication = Static<typeof OwnApplicationResponse>;
export type ApplicationList = Static<typeof ApplicationListResponse>;
export type ApplicationStatus = Application['status'];
