// The forum API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { ForumListResponse, ForumResponse } from '../../../server/forums/forums.schemas.ts';

export type ForumSummary = Static<typeof ForumListResponse>['forums'][number];
export type Forum = Static<typeof ForumResponse>['forum'];
export type WeekSummary = Forum['weeks'][number];
export type Role = Forum['myRoles'][number];
export type ForumStatus = ForumSummary['status'];
export type WeekState = WeekSummary['state'];
