// The console's API shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { ForumSettingsSchema } from '../../../server/forums/forum-settings.schemas.ts';
import type { PreviewSchema, ScheduleSchema } from '../../../server/forums/schedule.schemas.ts';
import type { ListEntrySchema, ListName as ServerListName } from '../../../server/forums/forum-lists.schemas.ts';
import type { SeatLimitsResponse } from '../../../server/applications/seat-limits.schemas.ts';

export type ForumSettings = Static<typeof ForumSettingsSchema>;
export type Enrolment = ForumSettings['enrolment'];
export type Schedule = Static<typeof ScheduleSchema>;
export type ScheduleWeek = Schedule['weeks'][number];
export type MovePreview = Static<typeof PreviewSchema>;
export type ListEntry = Static<typeof ListEntrySchema>;
export type ListName = ServerListName;
export type SeatLimits = Static<typeof SeatLimitsResponse>;
