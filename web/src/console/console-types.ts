// The console's API shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { ForumSettingsSchema } from '../../../server/forums/forum-settings.schemas.ts';
import type { PreviewSchema, ScheduleSchema } from '../../../server/forums/schedule.schemas.ts';

export type ForumSettings = Static<typeof ForumSettingsSchema>;
export type Enrolment = ForumSettings['enrolment'];
export type Schedule = Static<typeof ScheduleSchema>;
export type ScheduleWeek = Schedule['weeks'][number];
export type MovePreview = Static<typeof PreviewSchema>;
