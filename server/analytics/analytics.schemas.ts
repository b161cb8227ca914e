// The organizer analytics page's one answer: figures per week and for the whole forum, and the
// chart drawn on the server so the page needs no second request.
import { Type } from 'typebox';
import { LangSchema, TextSchema } from '../http/common.schemas.ts';

const Count = Type.Integer({ minimum: 0 });
/** A share from 0 to 1; null when nothing was due, so "none of zero" never reads as 0 %. */
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

const OnTime = Type.Object({ due: Count, onTime: Count, share: Share });

const Figures = Type.Object({
  posts: Count,
  byLanguage: Type.Array(Type.Object({ lang: LangSchema, posts: Count })),
  /** regionId null: authors with no region in this forum. */
  byRegion: Type.Array(Type.Object({ regionId: Type.Union([Type.Integer(), Type.Null()]), posts: Count })),
  activeMembers: Count,
  translations: OnTime,
  questions: OnTime,
});

export const AnalyticsWeek = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  title: TextSchema,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  ...Figures.properties,
});

export const AnalyticsResponse = Type.Object({
  languages: Type.Array(LangSchema),
  regions: Type.Array(Type.Object({ id: Type.Integer(), name: TextSchema })),
  weeks: Type.Array(AnalyticsWeek),
  totals: Figures,
  /** An SVG element, every text in it escaped: the page inserts it as it is. */
  chartSvg: Type.String(),
});
