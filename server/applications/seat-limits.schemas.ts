// Shapes of the key-respondent seats by week and region, as the console reads and sets them.
import { Type, type Static } from 'typebox';
import { INT4_MAX } from '../http/common.schemas.ts';

// Null first: with coerceTypes, a null tried against the integer first would become 0.
const Seats = Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: INT4_MAX })]);

export const WeekSeatsSchema = Type.Object({
  week: Type.Integer(),
  /** The week's own number of seats; null follows the forum's seats per week. */
  limit: Seats,
  /** At most this many key respondents of the week from any one region; null for no such limit. */
  perRegion: Seats,
  taken: Type.Integer(),
  /** Key respondents of the week by region key ('' for those without a region). */
  byRegion: Type.Record(Type.String(), Type.Integer()),
});

export const SeatLimitsResponse = Type.Object({
  limit: Type.Integer(),
  perWeek: Type.Integer(),
  taken: Type.Integer(),
  weeks: Type.Array(WeekSeatsSchema),
});
export type SeatLimits = Static<typeof SeatLimitsResponse>;

export const SeatLimitsBody = Type.Object({
  weeks: Type.Array(Type.Object({ week: Type.Integer({ minimum: 1, maximum: 52 }), limit: Seats, perRegion: Seats }), {
    maxItems: 52,
  }),
});
export type SeatLimitsInput = Static<typeof SeatLimitsBody>;
