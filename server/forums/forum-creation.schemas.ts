// Request and response shapes of a site admin creating a forum from the browser.
import { Type, type Static } from 'typebox';
import { LangSchema } from '../http/common.schemas.ts';
import { ForumTextInput, LocalDate } from './forum-settings.schemas.ts';
import { SlugParams } from './forum-params.schemas.ts';

export const NewForumBody = Type.Object({
  slug: SlugParams.properties.slug,
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  languages: Type.Array(LangSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
  startsOn: LocalDate,
  endsOn: LocalDate,
  applicationDeadlineOn: LocalDate,
  /** The forum's title, summary and call in its first language; others are added in the console. */
  text: ForumTextInput,
  /** Emails of existing accounts who become its first organizers. */
  organizerEmails: Type.Array(Type.String({ minLength: 3, maxLength: 254 }), { minItems: 1, maxItems: 10 }),
});
export type NewForum = Static<typeof NewForumBody>;

export const NewForumResponse = Type.Object({
  forum: Type.Object({
    slug: Type.String(),
    organizers: Type.Array(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
  }),
});
