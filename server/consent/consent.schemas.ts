// Shapes of a member's consent to appear in the forum's published proceedings and public
// archive, and of the organizers' counts.
import { Type, type Static } from 'typebox';
import { DateTimeSchema } from '../http/common.schemas.ts';

export const ConsentChoiceSchema = Type.Union([Type.Literal('named'), Type.Literal('anonymous'), Type.Literal('none')]);
const Source = Type.Union([
  Type.Literal('application'),
  Type.Literal('invitation'),
  Type.Literal('profile'),
  Type.Literal('import'),
]);

export const ConsentResponse = Type.Object({
  choice: Type.Union([ConsentChoiceSchema, Type.Null()]),
  chosenAt: Type.Union([DateTimeSchema, Type.Null()]),
  /** False once an edition of the forum's proceedings is published: what it printed stays true. */
  editable: Type.Boolean(),
  /** Every choice the member made in this forum, newest first. */
  records: Type.Array(Type.Object({ choice: ConsentChoiceSchema, source: Source, chosenAt: DateTimeSchema })),
});
export type ConsentView = Static<typeof ConsentResponse>;

export const ConsentBody = Type.Object({ choice: ConsentChoiceSchema });

export const ConsentCountsResponse = Type.Object({
  named: Type.Integer(),
  anonymous: Type.Integer(),
  none: Type.Integer(),
  /** Current members who never answered; the proceedings leave them out, as if they had said 'none'. */
  unanswered: Type.Integer(),
});
export type ConsentCounts = Static<typeof ConsentCountsResponse>;
