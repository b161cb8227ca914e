// Publishing translations: by the task's claimer (or, where the forum asks for review, after a
// second person approves), by an author for their own post, or on an organizer's request for
// one more language. Publishing appends an event so open pages show the translation at once.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import type { DB, Lang, TranslatableType, TranslatorRole } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { cleanName } from '../http/text-rules.ts';
import { assertOrganizer, forumAccessById } from '../forums/forum-access.ts';
import { findRoles } from '../forums/forums.queries.ts';
import { notifyTranslationPublished } from '../notifications/translation-notifications.ts';
import { appendEvent } from '../events/events.queries.ts';
import { assertMayWorkOn, assertTranslator, claimNotHeld, taskWithAccess, translatorRole } from './queue.service.ts';
import { lockTask, setTaskStatus } from './tasks.queries.ts';
import { LIVE_STATUSES } from '../translation-policy/translation-tasks.queries.ts';
import { escapeHtml, findOriginal, findWeekOpening, upsertTranslation } from './translations.queries.ts';
import { currentTime } from '../time/clock.ts';

type Task = NonNullable<Awaited<ReturnType<typeof lockTask>>>;

interface Prepared {
  text: string;
  html: string;
}

/**
 * The text to store and its HTML, made before any transaction opens: a title is one plain line
 * kept as names are, posts and readings are Markdown rendered within the limits of any post.
 */
async function prepare(itemType: TranslatableType, bodyMd: string, authorId: number): Promise<Prepared> {
  const text = bodyMd.trim();
  if (!text) throw new DomainError('validation', { field: 'bodyMd' });
  if (itemType === 'thread_title') {
    const title = cleanName(text, 'bodyMd');
    return { text: title, html: escapeHtml(title) };
  }
  return { text, html: await renderMarkdown(text, { field: 'bodyMd', authorId }) };
}

/** Writes the translation, closes every live task for it, and tells open pages. */
async function publishTranslation(
  trx: Transaction<DB>,
  item: { itemType: TranslatableType; itemId: number; targetLang: Lang },
  { text, html }: Prepared,
  translatorId: number,
  role: TranslatorRole,
  closedBy: number,
) {
  const original = await findOriginal(trx, item.itemType, item.itemId);
  // No translation ever shows text its original no longer shows.
  if (!original || original.hidden) throw new DomainError('task_closed');
  await upsertTranslation(trx, {
    forumId: original.forumId,
    itemType: item.itemType,
    itemId: item.itemId,
    sourceLang: original.lang,
    targetLang: item.targetLang,
    sourceRevision: original.revision,
    bodyMd: text,
    bodyHtml: html,
    translatorId,
    translatorRole: role,
  });
  const live = await trx
    .selectFrom('translation_tasks')
    .select('id')
    .where('item_type', '=', item.itemType)
    .where('item_id', '=', item.itemId)
    .where('target_lang', '=', item.targetLang)
    .where('status', 'in', LIVE_STATUSES)
    .execute();
  for (const task of live) await setTaskStatus(trx, task.id, 'published', closedBy);
  if (item.itemType === 'post' && original.threadId !== null && original.authorId !== null) {
    await notifyTranslationPublished(trx, {
      forumId: original.forumId,
      weekId: original.weekId,
      threadId: original.threadId,
      postId: item.itemId,
      postAuthorId: original.authorId,
      sourceLang: original.lang,
      targetLang: item.targetLang,
      translatorId,
    });
  }
  await appendEvent(trx, {
    forumId: original.forumId,
    weekId: original.weekId,
    threadId: original.threadId,
    type: 'translation.published',
    payload: { itemType: item.itemType, itemId: item.itemId, targetLang: item.targetLang },
  });
}

function taskItem(task: Task) {
  return { itemType: task.item_type, itemId: task.item_id, targetLang: task.target_lang };
}

/** The claimer publishes, or hands the text to review when the forum requires a second reader. */
export async function publish(
  db: Kysely<DB>,
  taskId: number,
  user: SessionUser,
  bodyMd: string,
  now = currentTime(),
): Promise<'published' | 'in_review'> {
  const { task: found, access } = await taskWithAccess(db, taskId, user);
  const prepared = await prepare(found.item_type, bodyMd, user.id);
  return db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    const holds =
      task.status === 'claimed' &&
      task.claimed_by === user.id &&
      task.claim_expires_at !== null &&
      task.claim_expires_at > now;
    if (!holds) throw await claimNotHeld(trx, taskId, user.id, now);
    if (access.forum.translation_review_required) {
      await trx
        .updateTable('translation_tasks')
        .set({
          status: 'in_review',
          translated_by: user.id,
          draft_md: prepared.text,
          claimed_by: null,
          claim_expires_at: null,
        })
        .where('id', '=', taskId)
        .execute();
      return 'in_review' as const;
    }
    await publishTranslation(trx, taskItem(task), prepared, user.id, translatorRole(access), user.id);
    return 'published' as const;
  });
}

/** A second translator or an organizer approves (possibly correcting) a translation in review. */
export async function approve(db: Kysely<DB>, taskId: number, user: SessionUser, bodyMd: string | undefined) {
  const { task: found } = await taskWithAccess(db, taskId, user);
  const prepared = await prepare(found.item_type, bodyMd ?? found.draft_md ?? '', user.id);
  await db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    if (task.status !== 'in_review') throw new DomainError('task_closed');
    if (task.translated_by === user.id) throw new DomainError('review_by_another');
    // The text under review went back to the queue and came again while it was rendered.
    if (bodyMd === undefined && task.draft_md !== found.draft_md) throw new DomainError('task_closed');
    const roles = await findRoles(trx, task.forum_id, task.translated_by!);
    const role = roles.includes('organizer') ? 'organizer' : 'translator';
    await publishTranslation(trx, taskItem(task), prepared, task.translated_by!, role, user.id);
  });
}

/** Sends a translation in review back to the queue, keeping its text as the next draft. */
export async function reject(db: Kysely<DB>, taskId: number, user: SessionUser) {
  await taskWithAccess(db, taskId, user);
  await db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    if (task.status !== 'in_review') throw new DomainError('task_closed');
    if (task.translated_by === user.id) throw new DomainError('review_by_another');
    await trx
      .updateTable('translation_tasks')
      .set({ status: 'open', translated_by: null })
      .where('id', '=', taskId)
      .execute();
  });
}

/** An author translating their own post: published at once, labelled as the author's, closing its task. */
export async function translateOwnPost(
  db: Kysely<DB>,
  postId: number,
  user: SessionUser,
  targetLang: Lang,
  bodyMd: string,
) {
  const original = await findOriginal(db, 'post', postId);
  if (!original) throw new DomainError('not_found');
  const access = await forumAccessById(db, original.forumId, user);
  if (original.authorId !== user.id || original.hidden) throw new DomainError('forbidden');
  if (targetLang === original.lang || !access.forum.languages.includes(targetLang))
    throw new DomainError('unsupported_language');
  const prepared = await prepare('post', bodyMd, user.id);
  await db
    .transaction()
    .execute((trx) =>
      publishTranslation(trx, { itemType: 'post', itemId: postId, targetLang }, prepared, user.id, 'author', user.id),
    );
}

/**
 * An organizer asks for one item in one more language than the policy gives it; organizers
 * and translators reopen a published translation for correction. The task starts from the
 * published text, if any.
 */
export async function requestTranslation(
  db: Kysely<DB>,
  user: SessionUser,
  item: { itemType: TranslatableType; itemId: number; targetLang: Lang },
) {
  const original = await findOriginal(db, item.itemType, item.itemId);
  if (!original) throw new DomainError('not_found');
  const access = await forumAccessById(db, original.forumId, user);
  const existing = await db
    .selectFrom('translations')
    .select('body_md')
    .where('item_type', '=', item.itemType)
    .where('item_id', '=', item.itemId)
    .where('target_lang', '=', item.targetLang)
    .executeTakeFirst();
  if (existing) assertTranslator(access);
  else assertOrganizer(access);
  if (item.targetLang === original.lang || !access.forum.languages.includes(item.targetLang))
    throw new DomainError('unsupported_language');
  if (original.hidden) throw new DomainError('forbidden');
  if (!access.isOrganizer) {
    const week = await findWeekOpening(db, original.weekId);
    assertMayWorkOn(
      access,
      { weekNumber: week?.number ?? null, weekOpensAt: week?.opens_at ?? null, hidden: false },
      currentTime(),
    );
  }
  const row = await db
    .insertInto('translation_tasks')
    .values({
      forum_id: original.forumId,
      week_id: original.weekId,
      item_type: item.itemType,
      item_id: item.itemId,
      source_lang: original.lang,
      target_lang: item.targetLang,
      source_revision: original.revision,
      draft_md: existing?.body_md ?? null,
      due_at: new Date(Date.now() + access.forum.translation_target_hours * 3_600_000),
    })
    .onConflict((oc) =>
      oc.columns(['item_type', 'item_id', 'target_lang']).where('status', 'in', LIVE_STATUSES).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  // Already queued: the existing task is the answer.
  return (
    row?.id ??
    (
      await db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', item.itemType)
        .where('item_id', '=', item.itemId)
        .where('target_lang', '=', item.targetLang)
        .where('status', 'in', LIVE_STATUSES)
        .executeTakeFirstOrThrow()
    ).id
  );
}
