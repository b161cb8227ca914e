// Organizers appoint members of their forum as translators, and withdraw the appointment.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { addMembership, findRoles } from '../forums/forums.queries.ts';
import { announceAccessChange } from '../events/access-changes.ts';

export async function listMembers(db: Kysely<DB>, slug: string, user: SessionUser) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name', 'users.interface_lang', 'users.reading_langs', 'memberships.role'])
    .where('memberships.forum_id', '=', access.forum.id)
    .orderBy('users.display_name')
    .orderBy('memberships.role')
    .execute();
  const members = new Map<
    number,
    { id: number; displayName: string; interfaceLang: string; readingLangs: string[]; roles: string[] }
  >();
  for (const row of rows) {
    const member = members.get(row.id) ?? {
      id: row.id,
      displayName: row.display_name,
      interfaceLang: row.interface_lang,
      readingLangs: row.reading_langs,
      roles: [],
    };
    member.roles.push(row.role);
    members.set(row.id, member);
  }
  return [...members.values()];
}

export async function appointTranslator(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  memberId: number,
  appoint: boolean,
) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const roles = await findRoles(db, access.forum.id, memberId);
  if (roles.length === 0) throw new DomainError('not_a_member');
  if (appoint) await addMembership(db, access.forum.id, memberId, 'translator');
  else {
    // A translator's open sockets must lose what the role gave them, on every instance.
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('memberships')
        .where('forum_id', '=', access.forum.id)
        .where('user_id', '=', memberId)
        .where('role', '=', 'translator')
        .execute();
      await announceAccessChange(trx, { userId: memberId, forumId: access.forum.id });
    });
  }
  return findRoles(db, access.forum.id, memberId);
}
