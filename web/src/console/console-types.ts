// The console's API shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { ForumSettingsResponse, ForumSettingsSchema } from '../../../server/forums/forum-settings.schemas.ts';
import type {
  MoveResponse,
  PreviewResponse,
  PreviewSchema,
  ScheduleResponse,
  ScheduleSchema,
} from '../../../server/forums/schedule.schemas.ts';
import type {
  ListEntrySchema,
  ListName as ServerListName,
  ListResponse,
} from '../../../server/forums/forum-lists.schemas.ts';
import type { SeatLimitsResponse } from '../../../server/applications/seat-limits.schemas.ts';
import type { NewForumResponse } from '../../../server/forums/forum-creation.schemas.ts';

export type ForumSettings = Static<typeof ForumSettingsSchema>;
export type Enrolment = ForumSettings['enrolment'];
export type Schedule = Static<typeof ScheduleSchema>;
export type ScheduleWeek = Schedule['weeks'][number];
export type MovePreview = Static<typeof PreviewSchema>;
export type ListEntry = Static<typeof ListEntrySchema>;
export type ListName = ServerListName;
export type SeatLimits = Static<typeof SeatLimitsResponse>;
export type ForumSettingsAnswer = Static<typeof ForumSettingsResponse>;
export type ScheduleAnswer = Static<typeof ScheduleResponse>;
export type MovePreviewAnswer = Static<typeof PreviewResponse>;
/** The moved schedule, and the reconfirmation request the move sent, if it asked for one. */
export type MoveAnswer = Static<typeof MoveResponse>;
export type ListAnswer = Static<typeof ListResponse>;
export type NewForumAnswer = Static<typeof NewForumResponse>;
