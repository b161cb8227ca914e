// The forum API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { ForumListResponse, ForumResponse, JoinResponse } from '../../../server/forums/forums.schemas.ts';

export type ForumList = Static<typeof ForumListResponse>;
export type ForumAnswer = Static<typeof ForumResponse>;
export type JoinAnswer = Static<typeof JoinResponse>;
export type ForumSummary = Static<typeof ForumListResponse>['forums'][number];
export type Forum = Static<typeof ForumResponse>['forum'];
export type WeekSummary = Forum['weeks'][number];
export type Role = Forum['myRoles'][number];
export type ForumStatus = ForumSummary['status'];
export type WeekState = WeekSummary['state'];
