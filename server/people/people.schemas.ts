// Shapes of the people routes: what an organizer sends and sees about the forum's members.
import { ChoiceSchema } from '../forums/forum-lists.schemas.ts';
import { Type, type Static } from 'typebox';
import { DateTimeSchema, IdSchema, SafeText } from '../http/common.schemas.ts';
import { SlugParams } from '../forums/forum-params.schemas.ts';

export const RoleSchema = Type.Union([
  Type.Literal('participant'),
  Type.Literal('key_respondent'),
  Type.Literal('translator'),
  Type.Literal('organizer'),
]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const PersonParams = Type.Object({ slug: SlugParams.properties.slug, userId: IdSchema });
export const PeopleQuery = Type.Object({
  role: Type.Optional(RoleSchema),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
});

/** Why the organizer did it, for the audit log (optional). */
export const Reason = Type.Optional(SafeText({ maxLength: 500 }));
export const ReasonBody = Type.Object({ reason: Reason });
export const RolesBody = Type.Object({
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 4, uniqueItems: true }),
  week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  reason: Reason,
});

export const PersonSchema = Type.Object({
  id: Type.Integer(),
  displayName: Type.String(),
  email: Type.String(),
  organisation: Type.String(),
  /** The person's region in this forum, named in each language. */
  region: Nullable(ChoiceSchema),
  country: Type.String(),
  roles: Type.Array(RoleSchema),
  week: Nullable(Type.Integer()),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  suspendedAt: Nullable(DateTimeSchema),
  suspensionReason: Nullable(Type.String()),
});
export type Person = Static<typeof PersonSchema>;

export const PeopleResponse = Type.Object({
  people: Type.Array(PersonSchema),
  weeks: Type.Array(Type.Object({ number: Type.Integer(), startsOn: Type.String(), keyRespondents: Type.Integer() })),
  keyRespondents: Type.Object({ limit: Type.Integer(), perWeek: Type.Integer(), taken: Type.Integer() }),
});
export type PeopleList = Static<typeof PeopleResponse>;
export const PersonResponse = Type.Object({ person: PersonSchema });
