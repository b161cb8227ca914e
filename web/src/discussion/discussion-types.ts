// The discussion API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type {
  DraftSchema,
  NewThreadBody,
  NewThreadResponse,
  DraftResponse,
  PostResponse,
  PostSchema,
  RevisionsResponse,
  ThreadListResponse,
  ThreadPageResponse,
  ThreadSummarySchema,
} from '../../../server/discussions/discussions.schemas.ts';

export type Post = Static<typeof PostSchema>;
export type ThreadSummary = Static<typeof ThreadSummarySchema>;
export type ThreadList = Static<typeof ThreadListResponse>;
export type ThreadPage = Static<typeof ThreadPageResponse>;
export type ThreadDetail = ThreadPage['thread'];
/** The kinds of thread a member starts; the server makes case studies' threads itself. */
export type NewThreadKind = Static<typeof NewThreadBody>['kind'];
export type Revision = Static<typeof RevisionsResponse>['revisions'][number];
export type ServerDraft = Static<typeof DraftSchema>;
export type RevisionList = Static<typeof RevisionsResponse>;
export type NewThreadAnswer = Static<typeof NewThreadResponse>;
/** What posting a reply or editing a post answers: the post as it now reads. */
export type PostAnswer = Static<typeof PostResponse>;
export type DraftAnswer = Static<typeof DraftResponse>;
