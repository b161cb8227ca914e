// The translation queue for translators and organizers: listing, the atomic claim that
// returns to the queue when it expires, release, skip, reassignment, drafts, and the task as
// the editor shows it (source paragraphs, glossary terms found, the diff of an edited original).
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, TranslatorRole } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { diffWords } from 'diff';
import { sql } from 'kysely';
import { assertOrganizer, forumAccessById, forumAccessBySlug, type ForumAccess } from '../forums/forum-access.ts';
import { findRoles, findWeek } from '../forums/forums.queries.ts';
import { listGlossary } from './glossary.queries.ts';
import { findGlossaryTerms } from './glossary-match.ts';
import {
  claimTask,
  findClaim,
  findTask,
  listTasks,
  renewClaim,
  setTaskStatus,
  type QueueFilter,
} from './tasks.queries.ts';
import { findOriginal } from './translations.queries.ts';
import { currentTime } from '../time/clock.ts';

export function assertTranslator(access: ForumAccess): void {
  if (!access.user) throw new DomainError('sign_in_required');
  if (!access.isOrganizer && !access.roles.includes('translator')) throw new DomainError('forbidden');
}

export function translatorRole(access: ForumAccess): TranslatorRole {
  return access.isOrganizer ? 'organizer' : 'translator';
}

/**
 * Translators work on what members may read: items of weeks that have opened, and never a
 * source moderators hid (hiding withdraws its tasks). Organizers prepare weeks ahead and
 * moderate, so they see every task.
 */
export function assertMayWorkOn(
  access: ForumAccess,
  item: { weekNumber: number | null; weekOpensAt: Date | null; hidden: boolean },
  now: Date,
): void {
  if (access.isOrganizer) return;
  if (item.hidden) throw new DomainError('source_hidden');
  if (item.weekOpensAt && now < item.weekOpensAt)
    throw new DomainError('week_not_open', { number: item.weekNumber ?? 0, opensAt: item.weekOpensAt });
}

export async function taskWithAccess(db: Kysely<DB>, taskId: number, user: SessionUser, now = currentTime()) {
  const task = await findTask(db, taskId);
  if (!task) throw new DomainError('not_found');
  const access = await forumAccessById(db, task.forum_id, user);
  assertTranslator(access);
  assertMayWorkOn(
    access,
    { weekNumber: task.week_number, weekOpensAt: task.week_opens_at, hidden: task.source_hidden === true },
    now,
  );
  return { task, access };
}

export async function listQueue(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  filter: QueueFilter,
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, user);
  assertTranslator(access);
  if (filter.weekNumber !== undefined && !access.isOrganizer) {
    // Asking for a week that has not opened is refused as reading it would be.
    const week = await findWeek(db, access.forum.id, filter.weekNumber);
    if (week) assertMayWorkOn(access, { weekNumber: week.number, weekOpensAt: week.opens_at, hidden: false }, now);
  }
  const tasks = await listTasks(db, access.forum.id, user.id, { ...filter, readableOnly: !access.isOrganizer }, now);
  const sources = new Map<string, Awaited<ReturnType<typeof findOriginal>>>();
  // At most 200 rows; the originals are read per row to keep one code path per item kind.
  for (const task of tasks)
    sources.set(`${task.item_type}:${task.item_id}`, await findOriginal(db, task.item_type, task.item_id));
  return tasks.map((task) => {
    const source = sources.get(`${task.item_type}:${task.item_id}`);
    const claimed = task.status === 'claimed' && task.claim_expires_at !== null && task.claim_expires_at > now;
    return {
      id: task.id,
      kind: task.item_type,
      itemId: task.item_id,
      threadId: source?.threadId ?? null,
      weekNumber: task.week_number,
      sourceLang: task.source_lang,
      targetLang: task.target_lang,
      sourceRevision: task.source_revision,
      source: { lang: task.source_lang, html: source?.html ?? '' },
      status: claimed ? ('claimed' as const) : task.status === 'claimed' ? ('open' as const) : task.status,
      claimedBy: claimed ? { id: task.claimed_by!, displayName: task.claimer_name ?? '' } : null,
      claimExpiresAt: claimed ? task.claim_expires_at!.toISOString() : null,
      dueAt: task.due_at.toISOString(),
      overdue: task.due_at <= now,
      createdAt: task.created_at.toISOString(),
    };
  });
}

export async function claim(db: Kysely<DB>, taskId: number, user: SessionUser, now = currentTime()) {
  const { task } = await taskWithAccess(db, taskId, user);
  if (task.status !== 'open' && task.status !== 'claimed') throw new DomainError('task_closed');
  const won = await claimTask(db, taskId, user.id, now);
  if (!won) throw await claimNotHeld(db, taskId, user.id, now);
  return { claimExpiresAt: won.claim_expires_at!.toISOString() };
}

/** Why a translator does not hold a task: someone else does (named), their claim lapsed, or the task closed. */
export async function claimNotHeld(db: Kysely<DB>, taskId: number, userId: number, now: Date): Promise<DomainError> {
  const claim = await findClaim(db, taskId);
  if (!claim || (claim.status !== 'open' && claim.status !== 'claimed')) return new DomainError('task_closed');
  const heldByAnother =
    claim.status === 'claimed' &&
    claim.claimed_by !== userId &&
    claim.claim_expires_at !== null &&
    claim.claim_expires_at > now;
  return heldByAnother && claim.claimer_name !== null
    ? new DomainError('task_taken', { name: claim.claimer_name })
    : new DomainError('claim_expired');
}

/** Gives a claimed task back to the queue; its claimer or an organizer may. */
export async function release(db: Kysely<DB>, taskId: number, user: SessionUser) {
  const { task, access } = await taskWithAccess(db, taskId, user);
  if (task.status !== 'claimed') throw new DomainError('task_closed');
  if (task.claimed_by !== user.id && !access.isOrganizer) throw new DomainError('forbidden');
  await db.transaction().execute((trx) => setTaskStatus(trx, taskId, 'open', null));
}

/** Saves the claimer's draft and extends the claim, so steady work never loses the task. */
export async function saveTaskDraft(
  db: Kysely<DB>,
  taskId: number,
  user: SessionUser,
  bodyMd: string,
  now = currentTime(),
) {
  const { task } = await taskWithAccess(db, taskId, user);
  if (task.status !== 'claimed' || task.claimed_by !== user.id) throw await claimNotHeld(db, taskId, user.id, now);
  const renewed = await renewClaim(db, taskId, user.id, now, bodyMd);
  if (!renewed) throw await claimNotHeld(db, taskId, user.id, now);
  return { claimExpiresAt: renewed.claim_expires_at!.toISOString() };
}

/** Hides a task from this translator's open queue; others still see it. */
export async function skip(db: Kysely<DB>, taskId: number, user: SessionUser) {
  await taskWithAccess(db, taskId, user);
  await db
    .insertInto('translation_task_skips')
    .values({ task_id: taskId, user_id: user.id })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** An organizer gives a live task to a translator of the forum, whoever held it. */
export async function reassign(
  db: Kysely<DB>,
  taskId: number,
  user: SessionUser,
  assigneeId: number,
  now = currentTime(),
) {
  const { task, access } = await taskWithAccess(db, taskId, user);
  assertOrganizer(access);
  const roles = await findRoles(db, task.forum_id, assigneeId);
  if (!roles.includes('translator') && !roles.includes('organizer')) throw new DomainError('not_a_translator');
  const updated = await db
    .updateTable('translation_tasks')
    .set({
      status: 'claimed',
      claimed_by: assigneeId,
      claim_expires_at: sql<Date>`${now}::timestamptz + make_interval(mins => ${access.forum.translation_claim_minutes})`,
    })
    .where('id', '=', taskId)
    .where('status', 'in', ['open', 'claimed'])
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new DomainError('task_closed');
}

/** The task as the editor shows it. */
export async function taskDetail(db: Kysely<DB>, taskId: number, user: SessionUser, now = currentTime()) {
  const { task } = await taskWithAccess(db, taskId, user);
  const [original, terms, previous] = await Promise.all([
    findOriginal(db, task.item_type, task.item_id),
    listGlossary(db, task.forum_id),
    db
      .selectFrom('translations')
      .select(['body_md', 'source_revision'])
      .where('item_type', '=', task.item_type)
      .where('item_id', '=', task.item_id)
      .where('target_lang', '=', task.target_lang)
      .executeTakeFirst(),
  ]);
  if (!original) throw new DomainError('not_found');
  let sourceDiff: { value: string; change: 'added' | 'removed' | 'same' }[] | null = null;
  if (
    previous &&
    (task.item_type === 'post' || task.item_type === 'case_study' || task.item_type === 'policy_element') &&
    previous.source_revision < task.source_revision
  ) {
    const revisions =
      task.item_type === 'post'
        ? await db
            .selectFrom('post_revisions')
            .select(['revision', 'body_md'])
            .where('post_id', '=', task.item_id)
            .where('revision', 'in', [previous.source_revision, task.source_revision])
            .execute()
        : task.item_type === 'case_study'
          ? await db
              .selectFrom('case_study_revisions')
              .select(['revision', 'body_md'])
              .where('case_study_id', '=', task.item_id)
              .where('revision', 'in', [previous.source_revision, task.source_revision])
              .execute()
          : await db
              .selectFrom('policy_element_revisions')
              .select(['revision', 'body_md'])
              .where('element_id', '=', task.item_id)
              .where('revision', 'in', [previous.source_revision, task.source_revision])
              .execute();
    const before = revisions.find((r) => r.revision === previous.source_revision)?.body_md ?? '';
    const after = revisions.find((r) => r.revision === task.source_revision)?.body_md ?? original.markdown;
    sourceDiff = diffWords(before, after).map((part) => ({
      value: part.value,
      change: part.added ? 'added' : part.removed ? 'removed' : 'same',
    }));
  }
  const claimed = task.status === 'claimed' && task.claim_expires_at !== null && task.claim_expires_at > now;
  return {
    id: task.id,
    kind: task.item_type,
    itemId: task.item_id,
    threadId: original.threadId,
    status: claimed ? task.status : task.status === 'claimed' ? 'open' : task.status,
    mine: claimed && task.claimed_by === user.id,
    claimExpiresAt: claimed ? task.claim_expires_at!.toISOString() : null,
    sourceLang: task.source_lang,
    targetLang: task.target_lang,
    sourceRevision: task.source_revision,
    currentSourceRevision: original.revision,
    source: {
      lang: original.lang,
      markdown: original.markdown,
      html: original.html,
      paragraphs: splitParagraphs(original.markdown),
    },
    glossary: findGlossaryTerms(original.markdown, original.lang, terms).map((match) => {
      const term = terms.find((t) => t.id === match.termId)!;
      return { ...match, rendering: term[task.target_lang], note: term.note };
    }),
    draft: task.draft_md,
    translatedBy: task.translated_by,
    previousTranslation: previous ? { markdown: previous.body_md, sourceRevision: previous.source_revision } : null,
    sourceDiff,
    dueAt: task.due_at.toISOString(),
  };
}

/** Markdown paragraphs, the unit the editor aligns source and translation by. */
export function splitParagraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
