// The participants' directory: members of a forum see each other's name, organisation, region,
// country, languages and role badges, so a cohort can network across regions. A field a member
// hides is left out for other members; organizers (and the member themself) still see it.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, DirectoryField, ForumRole, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { forumAccessBySlug } from '../forums/forum-access.ts';
import { findEntries, setMemberRegion, toChoice } from '../forums/forum-lists.queries.ts';
import { resolveEntry } from '../forums/forum-lists.service.ts';
import { countKeyRespondents, findMemberRegion, lockForumSeats } from './applications.queries.ts';
import type { Choice } from '../forums/forum-lists.schemas.ts';

export const DIRECTORY_FIELDS: readonly DirectoryField[] = ['organisation', 'region', 'country', 'languages'];

export async function directory(db: Kysely<DB>, slug: string, viewer: SessionUser, region: string | undefined) {
  const access = await forumAccessBySlug(db, slug, viewer);
  if (!access.isMember && !access.isOrganizer) throw new DomainError('not_a_member');
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .leftJoin('weeks', 'weeks.id', 'memberships.week_id')
    .leftJoin('forum_member_regions as mr', (join) =>
      join.onRef('mr.forum_id', '=', 'memberships.forum_id').onRef('mr.user_id', '=', 'memberships.user_id'),
    )
    .leftJoin('forum_regions as region', 'region.id', 'mr.region_id')
    .select([
      'users.id',
      'users.display_name',
      'users.organisation',
      'region.key as region_key',
      'region.en as region_en',
      'region.es as region_es',
      'region.fr as region_fr',
      'users.country',
      'users.reading_langs',
      'users.directory_hidden',
      'memberships.role',
      'weeks.number as week',
    ])
    .where('memberships.forum_id', '=', access.forum.id)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();
  const people = new Map<
    number,
    {
      id: number;
      displayName: string;
      organisation: string | null;
      region: Choice | null;
      country: string | null;
      languages: Lang[] | null;
      badges: ForumRole[];
      week: number | null;
      hidden: DirectoryField[];
    }
  >();
  for (const row of rows) {
    let entry = people.get(row.id);
    if (!entry) {
      const seesAll = access.isOrganizer || row.id === viewer.id;
      const shown = (field: DirectoryField) => seesAll || !row.directory_hidden.includes(field);
      entry = {
        id: row.id,
        displayName: row.display_name,
        organisation: shown('organisation') ? row.organisation : null,
        region:
          shown('region') && row.region_key !== null
            ? toChoice({ key: row.region_key, en: row.region_en!, es: row.region_es!, fr: row.region_fr! })
            : null,
        country: shown('country') ? row.country : null,
        languages: shown('languages') ? row.reading_langs : null,
        badges: [],
        week: null,
        hidden: seesAll ? row.directory_hidden : [],
      };
      people.set(row.id, entry);
    }
    if (row.role !== 'participant') entry.badges.push(row.role);
    if (row.role === 'key_respondent') entry.week = row.week;
  }
  // Filtering happens after hiding, so a hidden region cannot be found out by filtering on it.
  const list = [...people.values()].filter((person) => region === undefined || person.region?.key === region);
  const regions = (await findEntries(db, 'forum_regions', access.forum.id, { includeArchived: false })).map(toChoice);
  // The reader's own region, before any filter: what the page offers them to change.
  const mine = people.get(viewer.id);
  return { people: list, regions, myRegion: mine ? mine.region : null, isMember: mine !== undefined };
}

export async function directoryPrivacy(db: Kysely<DB>, user: SessionUser): Promise<DirectoryField[]> {
  const row = await db
    .selectFrom('users')
    .select('directory_hidden')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  return row.directory_hidden;
}

export async function setDirectoryPrivacy(
  db: Kysely<DB>,
  user: SessionUser,
  hidden: DirectoryField[],
): Promise<DirectoryField[]> {
  const ordered = DIRECTORY_FIELDS.filter((field) => hidden.includes(field));
  await db
    .updateTable('users')
    .set({ directory_hidden: ordered, updated_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  return ordered;
}

/**
 * A member says which of the forum's regions they are from (or none). A key respondent's seat
 * is counted by region: moving into a region whose seats in their week are taken is refused,
 * under the forum row lock every seat is taken under (taken before the region's foreign-key locks).
 */
export async function setOwnRegion(db: Kysely<DB>, slug: string, user: SessionUser, key: string): Promise<void> {
  const access = await forumAccessBySlug(db, slug, user);
  if (!access.isMember) throw new DomainError('not_a_member');
  const forumId = access.forum.id;
  await db.transaction().execute(async (trx) => {
    await lockForumSeats(trx, forumId);
    const current = await findMemberRegion(trx, forumId, user.id);
    const regionId = key ? await resolveEntry(trx, 'regions', forumId, key, 'region', current?.id ?? null) : null;
    if (regionId === (current?.id ?? null)) return;
    const seat = await trx
      .selectFrom('memberships')
      .innerJoin('weeks', 'weeks.id', 'memberships.week_id')
      .select(['weeks.id', 'weeks.number', 'weeks.key_respondents_per_region'])
      .where('memberships.forum_id', '=', forumId)
      .where('memberships.user_id', '=', user.id)
      .where('memberships.role', '=', 'key_respondent')
      .executeTakeFirst();
    if (seat && regionId !== null && seat.key_respondents_per_region !== null) {
      const taken = await countKeyRespondents(trx, forumId, seat.id, user.id, regionId);
      if (taken.inRegion >= seat.key_respondents_per_region) {
        const region = await trx
          .selectFrom('forum_regions')
          .select(['en', 'es', 'fr'])
          .where('id', '=', regionId)
          .executeTakeFirstOrThrow();
        throw new DomainError('region_limit_reached', {
          number: seat.number,
          max: seat.key_respondents_per_region,
          region,
        });
      }
    }
    await setMemberRegion(trx, forumId, user.id, regionId);
  });
}
