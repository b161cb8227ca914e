// The people console's data, typed from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { PersonResponse, RoleSchema } from '../../../server/people/people.schemas.ts';

export type { Person, PeopleList } from '../../../server/people/people.schemas.ts';
export type PersonAnswer = Static<typeof PersonResponse>;
export type ForumRole = Static<typeof RoleSchema>;
export const ROLES: readonly ForumRole[] = ['participant', 'key_respondent', 'translator', 'organizer'];
