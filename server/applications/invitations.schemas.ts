// Response shapes of invitations and reconfirmations: what an invitation link shows, the
// organizers' list of invitations sent and of members' answers, and a member's pending requests.
import { Type } from 'typebox';
import { DateTimeSchema, IdSchema, LangSchema } from '../http/common.schemas.ts';
import { InvitationRole } from './applications.schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalDate = Type.String({ format: 'date' });

export const Answer = Type.Union([Type.Literal('confirmed'), Type.Literal('withdrawn')]);
export const Token = Type.String({ minLength: 16, maxLength: 64, pattern: '^[a-z0-9]+$' });

/** What an invitation link opens on, before it is accepted. */
export const InvitationViewResponse = Type.Object({
  email: Type.String(),
  role: InvitationRole,
  week: Nullable(Type.Integer()),
  lang: LangSchema,
  expiresAt: DateTimeSchema,
  hasAccount: Type.Boolean(),
});

export const SentInvitationSchema = Type.Object({
  id: IdSchema,
  email: Type.String(),
  role: InvitationRole,
  week: Type.Union([Type.Integer(), Type.Null()]),
  lang: LangSchema,
  sentAt: DateTimeSchema,
  expiresAt: DateTimeSchema,
  status: Type.Union([Type.Literal('pending'), Type.Literal('used'), Type.Literal('expired'), Type.Literal('revoked')]),
});

export const SentInvitationsResponse = Type.Object({ invitations: Type.Array(SentInvitationSchema) });
export const SentInvitationResponse = Type.Object({ invitation: SentInvitationSchema });

/** An invitation either adds someone who already has an account, or emails them a link. */
export const InviteResponse = Type.Object({ status: Type.Union([Type.Literal('added'), Type.Literal('invited')]) });
export const AcceptInvitationResponse = Type.Object({ forumSlug: Type.String() });
/** A reconfirmation request, and how many members it was sent to. */
export const ReconfirmationSentResponse = Type.Object({ id: Type.Integer(), recipients: Type.Integer() });
export const RemindResponse = Type.Object({ reminded: Type.Integer() });
export const ReconfirmationAnswerResponse = Type.Object({ forumSlug: Type.String(), answer: Answer });

export const ReconfirmationStatusResponse = Type.Object({
  request: Nullable(Type.Object({ id: Type.Integer(), message: Type.String(), requestedAt: DateTimeSchema })),
  people: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      displayName: Type.String(),
      email: Type.String(),
      answer: Nullable(Answer),
      answeredAt: Nullable(DateTimeSchema),
      remindedAt: Nullable(DateTimeSchema),
    }),
  ),
  counts: Type.Object({ confirmed: Type.Integer(), withdrawn: Type.Integer(), unanswered: Type.Integer() }),
});

/** What an emailed reconfirmation link opens on; only the page's button answers. */
export const ReconfirmationLinkResponse = Type.Object({
  forumSlug: Type.String(),
  forumTitle: Type.String(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  message: Type.String(),
  answer: Nullable(Answer),
});

export const PendingReconfirmationsResponse = Type.Object({
  pending: Type.Array(
    Type.Object({
      forumSlug: Type.String(),
      requestId: Type.Integer(),
      message: Type.String(),
      requestedAt: DateTimeSchema,
      startsOn: LocalDate,
      endsOn: LocalDate,
    }),
  ),
});
