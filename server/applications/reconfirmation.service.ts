// When organizers move a forum's dates they ask applicants and members to reconfirm. Each
// person gets an in-app notice and an email with a confirm and a withdraw link (single-use,
// usable without signing in); organizers follow the answers and can remind those who have not
// answered (a reminder replaces the person's links). Withdrawing leaves the cohort: no more
// writing (nor reading members' weeks), while earlier posts stay.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { forumAccessBySlug } from '../forums/forum-access.ts';
import { notify } from '../notifications/notify.ts';
import { removeCohortRoles, writeCohortAudit } from './applications.queries.ts';
import { hashLinkToken, newLinkToken } from './link-tokens.ts';
import { forumTitleIn, organizerForum } from './review.service.ts';
import { currentTime } from '../time/clock.ts';

type Answer = 'confirmed' | 'withdrawn';

/** Applicants still in the running and members who took part through the cohort. */
async function recipients(trx: Transaction<DB>, forumId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('applications')
    .select('user_id')
    .where('forum_id', '=', forumId)
    .where('status', 'in', ['pending', 'waitlisted', 'accepted'])
    .union(
      trx
        .selectFrom('memberships')
        .select('user_id')
        .where('forum_id', '=', forumId)
        .where('role', 'in', ['participant', 'key_respondent']),
    )
    .execute();
  return rows.map((row) => row.user_id).sort((a, b) => a - b);
}

/** Gives the person fresh links and tells them, in app and by email. */
async function sendLinks(
  trx: Transaction<DB>,
  forum: Forum,
  requestId: number,
  userId: number,
  message: string,
  publicUrl: string,
  actorId: number,
  now: Date,
) {
  const { token, hash } = newLinkToken();
  await trx
    .insertInto('reconfirmations')
    .values({ request_id: requestId, user_id: userId, token_hash: hash, answer: null })
    .onConflict((oc) => oc.columns(['request_id', 'user_id']).doUpdateSet({ token_hash: hash, reminded_at: now }))
    .execute();
  const user = await trx
    .selectFrom('users')
    .select(['display_name', 'interface_lang'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const link = (answer: Answer) => {
    const url = new URL('/reconfirm', publicUrl);
    url.searchParams.set('token', token);
    url.searchParams.set('answer', answer);
    return url.toString();
  };
  await notify(
    trx,
    {
      type: 'reconfirmation.requested',
      userIds: [userId],
      forumId: forum.id,
      actorId,
      payload: {
        name: user.display_name,
        forumSlug: forum.slug,
        forumTitle: await forumTitleIn(trx, forum.id, user.interface_lang),
        startsOn: forum.starts_on,
        endsOn: forum.ends_on,
        message,
        confirmUrl: link('confirmed'),
        withdrawUrl: link('withdrawn'),
      },
    },
    now,
  );
}

export async function requestReconfirmation(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  message: string,
  publicUrl: string,
  now = currentTime(),
) {
  const forum = await organizerForum(db, slug, actor);
  return db.transaction().execute(async (trx) => requestReconfirmationIn(trx, forum, actor, message, publicUrl, now));
}

/**
 * The request inside the caller's transaction, for a forum the caller has already authorized:
 * moving the schedule asks in the same transaction as the move, so both happen or neither.
 * `forum` must carry the dates people are asked about.
 */
export async function requestReconfirmationIn(
  trx: Transaction<DB>,
  forum: Forum,
  actor: SessionUser,
  message: string,
  publicUrl: string,
  now = currentTime(),
) {
  const request = await trx
    .insertInto('reconfirmation_requests')
    .values({ forum_id: forum.id, message, requested_by: actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const people = await recipients(trx, forum.id);
  for (const userId of people) await sendLinks(trx, forum, request.id, userId, message, publicUrl, actor.id, now);
  await writeCohortAudit(trx, {
    forumId: forum.id,
    actorId: actor.id,
    action: 'reconfirmation.requested',
    targetType: 'reconfirmation_request',
    targetId: request.id,
    reason: message || null,
  });
  return { id: request.id, recipients: people.length };
}

export async function remindUnanswered(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  requestId: number,
  publicUrl: string,
  now = currentTime(),
) {
  const forum = await organizerForum(db, slug, actor);
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('reconfirmation_requests')
      .select(['id', 'message'])
      .where('id', '=', requestId)
      .where('forum_id', '=', forum.id)
      .executeTakeFirst();
    if (!request) throw new DomainError('not_found');
    const waiting = await trx
      .selectFrom('reconfirmations')
      .select('user_id')
      .where('request_id', '=', requestId)
      .where('answer', 'is', null)
      .orderBy('user_id')
      .execute();
    for (const { user_id } of waiting)
      await sendLinks(trx, forum, requestId, user_id, request.message, publicUrl, actor.id, now);
    await writeCohortAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: 'reconfirmation.reminded',
      targetType: 'reconfirmation_request',
      targetId: requestId,
    });
    return { reminded: waiting.length };
  });
}

/** Records the answer once; withdrawing takes away the person's cohort roles and closes their application. */
async function recordAnswer(
  trx: Transaction<DB>,
  row: { request_id: number; user_id: number; forum_id: number },
  answer: Answer,
  now: Date,
) {
  const updated = await trx
    .updateTable('reconfirmations')
    .set({ answer, answered_at: now })
    .where('request_id', '=', row.request_id)
    .where('user_id', '=', row.user_id)
    .where('answer', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  if (!updated) throw new DomainError('link_used');
  if (answer === 'withdrawn') {
    await removeCohortRoles(trx, row.forum_id, row.user_id);
    await trx
      .updateTable('applications')
      .set({ status: 'withdrawn', updated_at: now })
      .where('forum_id', '=', row.forum_id)
      .where('user_id', '=', row.user_id)
      .where('status', '<>', 'withdrawn')
      .execute();
  }
  await writeCohortAudit(trx, {
    forumId: row.forum_id,
    actorId: row.user_id,
    action: `reconfirmation.${answer}`,
    targetType: 'reconfirmation_request',
    targetId: row.request_id,
  });
}

/**
 * What a link asks, for the page it opens: reading it changes nothing, so a mail scanner or a
 * link preview that follows the link leaves it unused. An answered link says what was answered.
 */
export async function describeLink(db: Kysely<DB>, token: string, lang: Lang) {
  const row = await db
    .selectFrom('reconfirmations')
    .innerJoin('reconfirmation_requests as r', 'r.id', 'reconfirmations.request_id')
    .innerJoin('forums', 'forums.id', 'r.forum_id')
    .select(['reconfirmations.answer', 'r.message', 'r.forum_id', 'forums.slug', 'forums.starts_on', 'forums.ends_on'])
    .where('reconfirmations.token_hash', '=', hashLinkToken(token))
    .executeTakeFirst();
  if (!row) throw new DomainError('link_invalid');
  return {
    forumSlug: row.slug,
    forumTitle: await forumTitleIn(db, row.forum_id, lang),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    message: row.message,
    answer: row.answer,
  };
}

/** The link's button: no session needed, the token is the proof. */
export async function answerByLink(db: Kysely<DB>, token: string, answer: Answer, now = currentTime()) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('reconfirmations')
      .innerJoin('reconfirmation_requests as r', 'r.id', 'reconfirmations.request_id')
      .innerJoin('forums', 'forums.id', 'r.forum_id')
      .select([
        'reconfirmations.request_id',
        'reconfirmations.user_id',
        'reconfirmations.answer',
        'r.forum_id',
        'forums.slug',
      ])
      .where('reconfirmations.token_hash', '=', hashLinkToken(token))
      .executeTakeFirst();
    if (!row) throw new DomainError('link_invalid');
    if (row.answer) throw new DomainError('link_used');
    await recordAnswer(trx, row, answer, now);
    return { forumSlug: row.slug, answer };
  });
}

/** The same answer from the in-app notice, for the newest request the signed-in person has not answered. */
export async function answerSignedIn(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  answer: Answer,
  now = currentTime(),
) {
  const { forum } = await forumAccessBySlug(db, slug, user);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('reconfirmations')
      .innerJoin('reconfirmation_requests as r', 'r.id', 'reconfirmations.request_id')
      .select(['reconfirmations.request_id', 'reconfirmations.user_id', 'r.forum_id'])
      .where('r.forum_id', '=', forum.id)
      .where('reconfirmations.user_id', '=', user.id)
      .where('reconfirmations.answer', 'is', null)
      .orderBy('r.id', 'desc')
      .executeTakeFirst();
    if (!row) throw new DomainError('not_found');
    await recordAnswer(trx, row, answer, now);
    return { forumSlug: forum.slug, answer };
  });
}

/** Requests the signed-in person has not answered yet, for the in-app notice. */
export async function pendingForMe(db: Kysely<DB>, user: SessionUser) {
  const rows = await db
    .selectFrom('reconfirmations')
    .innerJoin('reconfirmation_requests as r', 'r.id', 'reconfirmations.request_id')
    .innerJoin('forums', 'forums.id', 'r.forum_id')
    .select(['forums.slug', 'r.id', 'r.message', 'r.created_at', 'forums.starts_on', 'forums.ends_on'])
    .where('reconfirmations.user_id', '=', user.id)
    .where('reconfirmations.answer', 'is', null)
    .orderBy('r.id')
    .execute();
  return rows.map((row) => ({
    forumSlug: row.slug,
    requestId: row.id,
    message: row.message,
    requestedAt: row.created_at.toISOString(),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  }));
}

/** Who confirmed, withdrew or has not answered the forum's newest request. */
export async function reconfirmationStatus(db: Kysely<DB>, slug: string, actor: SessionUser) {
  const forum = await organizerForum(db, slug, actor);
  const request = await db
    .selectFrom('reconfirmation_requests')
    .select(['id', 'message', 'created_at'])
    .where('forum_id', '=', forum.id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!request) return { request: null, people: [], counts: { confirmed: 0, withdrawn: 0, unanswered: 0 } };
  const people = await db
    .selectFrom('reconfirmations')
    .innerJoin('users', 'users.id', 'reconfirmations.user_id')
    .select([
      'users.id',
      'users.display_name',
      'users.email',
      'reconfirmations.answer',
      'reconfirmations.answered_at',
      'reconfirmations.reminded_at',
    ])
    .where('reconfirmations.request_id', '=', request.id)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute();
  const counts = { confirmed: 0, withdrawn: 0, unanswered: 0 };
  for (const person of people) counts[person.answer ?? 'unanswered'] += 1;
  return {
    request: { id: request.id, message: request.message, requestedAt: request.created_at.toISOString() },
    people: people.map((p) => ({
      userId: p.id,
      displayName: p.display_name,
      email: p.email,
      answer: p.answer,
      answeredAt: p.answered_at?.toISOString() ?? null,
      remindedAt: p.reminded_at?.toISOString() ?? null,
    })),
    counts,
  };
}
