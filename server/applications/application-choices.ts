// An application's region, sector and confirmed prerequisites, read from the keys the applicant
// sent and checked against the forum's own lists: a forum that lists regions or sectors needs
// one of each, and every prerequisite it states must be confirmed.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { findEntries } from '../forums/forum-lists.queries.ts';
import { resolveEntry } from '../forums/forum-lists.service.ts';
import type { ApplicationInput } from './applications.schemas.ts';

export interface ApplicationChoices {
  regionId: number | null;
  sectorId: number | null;
  prerequisiteIds: number[];
}

async function choose(
  db: Kysely<DB>,
  list: 'regions' | 'sectors',
  forumId: number,
  key: string | undefined,
  current: number | null,
): Promise<number | null> {
  if (key) return resolveEntry(db, list, forumId, key, list === 'regions' ? 'region' : 'sector', current);
  const offered = await findEntries(db, list === 'regions' ? 'forum_regions' : 'forum_sectors', forumId, {
    includeArchived: false,
  });
  if (offered.length > 0) throw new DomainError('validation', { field: list === 'regions' ? 'region' : 'sector' });
  return null;
}

/** `existing` is the application being edited: an entry archived since it chose it may stay. */
export async function applicationChoices(
  db: Kysely<DB>,
  forumId: number,
  input: ApplicationInput,
  existing?: { region_id: number | null; sector_id: number | null },
): Promise<ApplicationChoices> {
  const regionId = await choose(db, 'regions', forumId, input.region, existing?.region_id ?? null);
  const sectorId = await choose(db, 'sectors', forumId, input.sector, existing?.sector_id ?? null);
  const prerequisites = await findEntries(db, 'forum_prerequisites', forumId, { includeArchived: false });
  const confirmed = new Set(input.prerequisites ?? []);
  const known = new Set(prerequisites.map((entry) => entry.key));
  if ([...confirmed].some((key) => !known.has(key))) throw new DomainError('validation', { field: 'prerequisites' });
  if (prerequisites.some((entry) => !confirmed.has(entry.key))) throw new DomainError('prerequisites_unconfirmed');
  return { regionId, sectorId, prerequisiteIds: prerequisites.map((entry) => entry.id) };
}
