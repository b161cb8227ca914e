// A site admin creates a forum as a draft and appoints its first organizers, who then fill it
// in from the console. Same rules as the settings (zone, dates in order, languages); the
// command-line tool (server/auth/admin.cli.ts) stays for operators.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import { cleanName } from '../http/text-rules.ts';
import type { NewForum } from './forum-creation.schemas.ts';
import { upsertForumText, writeForumAudit } from './forum-settings.queries.ts';
import { assertCalendar, deriveInstants } from './schedule.rules.ts';

export async function createForum(db: Kysely<DB>, actor: SessionUser, input: NewForum) {
  if (!actor.isAdmin) throw new DomainError('forbidden');
  const calendar = {
    timeZone: input.timeZone,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    deadlineOn: input.applicationDeadlineOn,
    weeks: [],
  };
  assertCalendar(calendar);
  if (!input.languages.includes(input.text.lang)) throw new DomainError('unsupported_language');
  const title = cleanName(input.text.title, 'text.title');
  const callHtml = await renderMarkdown(input.text.callMd, { field: 'text.callMd', authorId: actor.id });
  const emails = [...new Set(input.organizerEmails.map((email) => email.trim().toLowerCase()))];
  const instants = deriveInstants(calendar);
  return db.transaction().execute(async (trx) => {
    const organizers = await trx
      .selectFrom('users')
      .select(['id', 'email', 'display_name'])
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
      .execute();
    const missing = emails.find((email) => !organizers.some((user) => user.email.toLowerCase() === email));
    if (missing) throw new DomainError('account_not_found', { email: missing });
    // The unique slug settles two admins creating the same forum at once: the second is refused.
    const created = await trx
      .insertInto('forums')
      .values({
        slug: input.slug,
        time_zone: input.timeZone,
        languages: input.languages,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        starts_at: instants.startsAt,
        ends_at: instants.endsAt,
        application_deadline: instants.applicationDeadline,
        published: false,
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) throw new DomainError('forum_slug_taken', { slug: input.slug });
    await upsertForumText(trx, created.id, {
      lang: input.text.lang,
      title,
      summary: input.text.summary.trim(),
      callMd: input.text.callMd,
      callHtml,
    });
    await trx
      .insertInto('memberships')
      .values(organizers.map((user) => ({ forum_id: created.id, user_id: user.id, role: 'organizer' as const })))
      .execute();
    await writeForumAudit(trx, {
      forumId: created.id,
      actorId: actor.id,
      action: 'forum.created',
      targetType: 'forum',
      targetId: created.id,
      reason: emails.join(', '),
    });
    return {
      slug: input.slug,
      organizers: organizers.map((user) => ({ id: user.id, displayName: user.display_name })),
    };
  });
}
