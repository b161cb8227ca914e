// A member's choice of how their words may appear in the forum's published proceedings and
// public archive: read it, change it until an edition is published, and the organizers' counts.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { ConsentChoice, DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug, type ForumAccess } from '../forums/forum-access.ts';
import {
  countConsents,
  findConsent,
  listConsentRecords,
  proceedingsPublished,
  recordConsent,
} from './consent.queries.ts';
import type { ConsentCounts, ConsentView } from './consent.schemas.ts';

async function memberAccess(db: Kysely<DB>, slug: string, user: SessionUser): Promise<ForumAccess> {
  const access = await forumAccessBySlug(db, slug, user);
  // Only members have words in the forum; an admin or organizer without a role has nothing to consent to.
  if (!access.isMember) throw new DomainError('not_a_member');
  return access;
}

async function view(db: Kysely<DB>, forumId: number, userId: number): Promise<ConsentView> {
  const [current, records, published] = await Promise.all([
    findConsent(db, forumId, userId),
    listConsentRecords(db, forumId, userId),
    proceedingsPublished(db, forumId),
  ]);
  return {
    choice: current?.choice ?? null,
    chosenAt: current ? current.chosen_at.toISOString() : null,
    editable: !published,
    records: records.map((row) => ({ choice: row.choice, source: row.source, chosenAt: row.chosen_at.toISOString() })),
  };
}

export async function ownConsent(db: Kysely<DB>, slug: string, user: SessionUser): Promise<ConsentView> {
  const { forum } = await memberAccess(db, slug, user);
  return view(db, forum.id, user.id);
}

export async function setOwnConsent(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  choice: ConsentChoice,
): Promise<ConsentView> {
  const { forum } = await memberAccess(db, slug, user);
  await db.transaction().execute(async (trx) => {
    // Read inside the transaction, after the forum is known: a publication committed before
    // this point is seen, so a change never slips in behind a published edition.
    if (await proceedingsPublished(trx, forum.id)) throw new DomainError('consent_locked');
    await recordConsent(trx, { forumId: forum.id, userId: user.id, choice, source: 'profile' });
  });
  return view(db, forum.id, user.id);
}

export async function consentCounts(db: Kysely<DB>, slug: string, user: SessionUser): Promise<ConsentCounts> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const counts: ConsentCounts = { named: 0, anonymous: 0, none: 0, unanswered: 0 };
  for (const row of await countConsents(db, access.forum.id)) counts[row.choice as keyof ConsentCounts] = row.count;
  return counts;
}
