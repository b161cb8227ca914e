// The people console's data, typed from the server's schemas (type-only: no server code in the bundle).
export type { Person, PeopleList } from '../../../server/people/people.schemas.ts';
export type ForumRole = 'participant' | 'key_respondent' | 'translator' | 'organizer';
export const ROLES: readonly ForumRole[] = ['participant', 'key_respondent', 'translator', 'organizer'];
