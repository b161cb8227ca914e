// Shapes of a forum's own lists — regions, sectors, the call's prerequisites, the synthesis's themes — in the console
// and wherever an entry is referred to (by its key, shown by its name in the reader's language).
import { Type, type Static } from 'typebox';
import { IdSchema, NameText } from '../http/common.schemas.ts';
import { SlugParams } from './forum-params.schemas.ts';

export const LIST_NAMES = ['regions', 'sectors', 'prerequisites', 'themes'] as const;
export type ListName = (typeof LIST_NAMES)[number];
export const LIST_TABLES = {
  regions: 'forum_regions',
  sectors: 'forum_sectors',
  prerequisites: 'forum_prerequisites',
  themes: 'forum_themes',
} as const;
export type ListTable = (typeof LIST_TABLES)[ListName];
/** A region, a sector or a theme is a short name; a prerequisite is a sentence the applicant confirms. */
export const NAME_MAX_LENGTH: Record<ListName, number> = { regions: 80, sectors: 80, prerequisites: 300, themes: 80 };

/** An entry's key: stable within its forum, used by the API and content files, never shown. */
export const EntryKey = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,59}$', maxLength: 60 });
export const LocalizedName = Type.Object({ en: Type.String(), es: Type.String(), fr: Type.String() });
export type Names = Static<typeof LocalizedName>;

const NameInput = Type.Object({
  en: NameText({ maxLength: 300 }),
  es: NameText({ maxLength: 300 }),
  fr: NameText({ maxLength: 300 }),
});

/** What a page needs to show an entry: its key and its name in each language. */
export const ChoiceSchema = Type.Object({ key: Type.String(), name: LocalizedName });
export type Choice = Static<typeof ChoiceSchema>;
export const NullableChoice = Type.Union([ChoiceSchema, Type.Null()]);

export const ListEntrySchema = Type.Object({
  id: IdSchema,
  key: Type.String(),
  position: Type.Integer(),
  name: LocalizedName,
  archived: Type.Boolean(),
  /** How many applications, case studies, members and policy elements point at it; an entry in use is archived, not deleted. */
  inUse: Type.Integer(),
});
export type ListEntry = Static<typeof ListEntrySchema>;

export const ListParams = Type.Object({
  slug: SlugParams.properties.slug,
  list: Type.Union(LIST_NAMES.map((name) => Type.Literal(name))),
});
export const EntryParams = Type.Object({ ...ListParams.properties, id: IdSchema });

export const NewEntryBody = Type.Object({ name: NameInput, key: Type.Optional(EntryKey) });
export const EntryPatchBody = Type.Object({ name: Type.Optional(NameInput), archived: Type.Optional(Type.Boolean()) });
export const OrderBody = Type.Object({ ids: Type.Array(IdSchema, { maxItems: 200, uniqueItems: true }) });

export const ListResponse = Type.Object({ entries: Type.Array(ListEntrySchema) });
export const EntryResponse = Type.Object({ entry: ListEntrySchema });
