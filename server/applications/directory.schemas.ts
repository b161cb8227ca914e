// Shapes of the participants' directory and of the privacy choices a member makes for it.
import { Type } from 'typebox';
import { LangSchema } from '../http/common.schemas.ts';
import { ChoiceSchema } from '../forums/forum-lists.schemas.ts';

const Field = Type.Union([
  Type.Literal('organisation'),
  Type.Literal('region'),
  Type.Literal('country'),
  Type.Literal('languages'),
]);
const Role = Type.Union([
  Type.Literal('participant'),
  Type.Literal('key_respondent'),
  Type.Literal('translator'),
  Type.Literal('organizer'),
]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The profile fields a member hides from other members in the directory. */
export const Privacy = Type.Object({ hidden: Type.Array(Field, { maxItems: 4, uniqueItems: true }) });

export const DirectoryResponse = Type.Object({
  people: Type.Array(
    Type.Object({
      id: Type.Integer(),
      displayName: Type.String(),
      organisation: Nullable(Type.String()),
      region: Nullable(ChoiceSchema),
      country: Nullable(Type.String()),
      languages: Nullable(Type.Array(LangSchema)),
      badges: Type.Array(Role),
      week: Nullable(Type.Integer()),
      hidden: Type.Array(Field),
    }),
  ),
  /** The forum's regions, to filter by and to choose one's own from. */
  regions: Type.Array(ChoiceSchema),
  /** The reader's own region in the forum, when they are a member and gave one. */
  myRegion: Nullable(ChoiceSchema),
  isMember: Type.Boolean(),
});
