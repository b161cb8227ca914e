// Request and response shapes of the "this week" home: one answer with, for each forum the
// member belongs to, the open week, what is new since their last visit, what they have not
// opened, their questions and drafts; and their applications and reconfirmations anywhere.
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema, TextSchema } from '../http/common.schemas.ts';

const Role = Type.Union([
  Type.Literal('participant'),
  Type.Literal('key_respondent'),
  Type.Literal('translator'),
  Type.Literal('organizer'),
]);
/** A forum's public status (server/forums/forum-status.ts), which the SPA puts in words. */
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('recruiting'),
  Type.Literal('invitation_only'),
  Type.Literal('applications_closed'),
  Type.Literal('running'),
  Type.Literal('closed'),
]);

const HomeQuestion = Type.Object({
  /** The question's post id; link to `/forums/:slug/threads/:threadId#post-:id`. */
  id: Type.Integer(),
  threadId: Type.Integer(),
  caseStudy: Type.Object({ id: Type.Integer(), title: TextSchema }),
  weekNumber: Type.Integer(),
  /** The asker (in "waiting for you") or the key respondent asked (in "your questions"). */
  person: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
  createdAt: DateTimeSchema,
  /** When the forum's answering target passes. */
  dueAt: DateTimeSchema,
});

const HomeDraft = Type.Object({
  key: Type.String(),
  title: Type.String(),
  lang: LangSchema,
  updatedAt: DateTimeSchema,
  weekNumber: Type.Integer(),
  /** The thread replied to or edited in; null for a new thread's or a case study's draft. */
  threadId: Type.Union([Type.Integer(), Type.Null()]),
});

const Unopened = Type.Object({
  type: Type.Union([Type.Literal('reading'), Type.Literal('case_study')]),
  id: Type.Integer(),
  weekNumber: Type.Integer(),
  /** A reading's slug (its anchor on the week page); null for a case study. */
  slug: Type.Union([Type.String(), Type.Null()]),
  /** By the reading rule: the reader's language when there is a text or translation in it, else the original. */
  title: TextSchema,
  /** A case study's author; null for a reading. */
  author: Type.Union([Type.Object({ id: Type.Integer(), displayName: Type.String() }), Type.Null()]),
});

export const HomeForumSchema = Type.Object({
  slug: Type.String(),
  title: TextSchema,
  status: Status,
  timeZone: Type.String(),
  myRoles: Type.Array(Role),
  /** The week open now; the client computes the time left from `closesAt`, in the reader's zone. */
  openWeek: Type.Union([
    Type.Object({
      number: Type.Integer(),
      title: TextSchema,
      opensAt: DateTimeSchema,
      closesAt: DateTimeSchema,
    }),
    Type.Null(),
  ]),
  /** The next week to open, when none is open now (before the start, between weeks). */
  nextWeek: Type.Union([
    Type.Object({ number: Type.Integer(), title: TextSchema, opensAt: DateTimeSchema }),
    Type.Null(),
  ]),
  /** Posts by others and translations into a language the member reads, since `since` of the answer. */
  newPosts: Type.Integer(),
  newTranslations: Type.Integer(),
  /** Readings and published case studies of open weeks the member has not opened (POST /api/home/opened). */
  unopened: Type.Array(Unopened),
  /** Key respondents: unanswered questions addressed to them, oldest first. */
  questionsWaiting: Type.Array(HomeQuestion),
  /** The member's own questions still unanswered, oldest first. */
  myUnansweredQuestions: Type.Array(HomeQuestion),
  drafts: Type.Array(HomeDraft),
});
export type HomeForum = Static<typeof HomeForumSchema>;

export const HomeResponse = Type.Object({
  /** What "new" counts from: the end of the member's previous visit (a visit ends after 30 minutes without one); null on the first. */
  since: Type.Union([DateTimeSchema, Type.Null()]),
  forums: Type.Array(HomeForumSchema),
  /** Applications not yet turned into membership, or decided, in any published forum. */
  applications: Type.Array(
    Type.Object({
      forumSlug: Type.String(),
      forumTitle: TextSchema,
      kind: Type.Union([Type.Literal('participant'), Type.Literal('key_respondent')]),
      status: Type.Union([
        Type.Literal('pending'),
        Type.Literal('accepted'),
        Type.Literal('waitlisted'),
        Type.Literal('declined'),
        Type.Literal('withdrawn'),
      ]),
      updatedAt: DateTimeSchema,
    }),
  ),
  /** Organizers moved a forum's dates and wait for this member's answer (the links are in their email). */
  reconfirmations: Type.Array(
    Type.Object({ forumSlug: Type.String(), forumTitle: TextSchema, requestedAt: DateTimeSchema }),
  ),
});
export type Home = Static<typeof HomeResponse>;

export const OpenedBody = Type.Object({
  itemType: Type.Union([Type.Literal('reading'), Type.Literal('case_study')]),
  itemId: IdSchema,
});
