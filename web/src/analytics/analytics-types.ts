// The analytics API's shapes, taken from the server's schema (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { AnalyticsResponse } from '../../../server/analytics/analytics.schemas.ts';

export type Analytics = Static<typeof AnalyticsResponse>;
export type AnalyticsFigures = Analytics['totals'];
