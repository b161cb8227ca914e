// The week page's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { WeekResponse } from '../../../server/weeks/weeks.schemas.ts';

export type Week = Static<typeof WeekResponse>['week'];
/** A reading as the week page lists it, its text included. */
export type WeekReading = Week['readings'][number];
export type WeekAnswer = Static<typeof WeekResponse>;
