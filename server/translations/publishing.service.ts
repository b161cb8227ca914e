// Publishing translations: by the task's claimer (or, where the forum asks for review, after a
// second person approves), by an author for their own post, or on an organizer's request for
// one more language. Publishing appends an event so open pages show the translation at once.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { renderMarkdown } from '../content/markdown.ts';
import type { DB, Lang, TranslatableType, TranslatorRole } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessById } from '../forums/forum-access.ts';
import { findRoles } from '../forums/forums.queries.ts';
import { appendEvent } from '../realtime/events.queries.ts';
import { assertTranslator, taskWithAccess, translatorRole } from './queue.service.ts';
import { LIVE_STATUSES, lockTask, setTaskStatus } from './tasks.queries.ts';
import { escapeHtml, findOriginal, upsertTranslation } from './translations.queries.ts';

type Task = NonNullable<Awaited<ReturnType<typeof lockTask>>>;

function nonEmpty(bodyMd: string): string {
  const text = bodyMd.trim();
  if (!text) throw new DomainError('validation', { field: 'bodyMd' });
  return text;
}

/** Writes the translation, closes every live task for it, and tells open pages. */
async function publishTranslation(trx: Transaction<DB>, item: { itemType: TranslatableType; itemId: number; targetLang: Lang }, text: string, translatorId: number, role: TranslatorRole, closedBy: number) {
  const original = await findOriginal(trx, item.itemType, item.itemId);
  // No translation ever shows text its original no longer shows.
  if (!original || original.hidden) throw new DomainError('task_closed');
  await upsertTranslation(trx, {
    forumId: original.forumId, itemType: item.itemType, itemId: item.itemId, sourceLang: original.lang, targetLang: item.targetLang,
    sourceRevision: original.revision, bodyMd: text,
    // A title is plain text; posts and readings are Markdown.
    bodyHtml: item.itemType === 'thread_title' ? escapeHtml(text) : renderMarkdown(text),
    translatorId, translatorRole: role,
  });
  const live = await trx.selectFrom('translation_tasks').select('id').where('item_type', '=', item.itemType).where('item_id', '=', item.itemId)
    .where('target_lang', '=', item.targetLang).where('status', 'in', LIVE_STATUSES).execute();
  for (const task of live) await setTaskStatus(trx, task.id, 'published', closedBy);
  await appendEvent(trx, {
    forumId: original.forumId, weekId: original.weekId, threadId: original.threadId, type: 'translation.published',
    payload: { itemType: item.itemType, itemId: item.itemId, targetLang: item.targetLang },
  });
}

function taskItem(task: Task) {
  return { itemType: task.item_type, itemId: task.item_id, targetLang: task.target_lang };
}

/** The claimer publishes, or hands the text to review when the forum requires a second reader. */
export async function publish(db: Kysely<DB>, taskId: number, user: SessionUser, bodyMd: string, now = new Date()): Promise<'published' | 'in_review'> {
  const text = nonEmpty(bodyMd);
  const { access } = await taskWithAccess(db, taskId, user);
  return db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    const holds = task.status === 'claimed' && task.claimed_by === user.id && task.claim_expires_at !== null && task.claim_expires_at > now;
    if (!holds) throw task.status === 'open' || task.status === 'claimed' ? new DomainError('task_taken', { name: '?' }) : new DomainError('task_closed');
    if (access.forum.translation_review_required) {
      await trx.updateTable('translation_tasks')
        .set({ status: 'in_review', translated_by: user.id, draft_md: text, claimed_by: null, claim_expires_at: null })
        .where('id', '=', taskId).execute();
      return 'in_review' as const;
    }
    await publishTranslation(trx, taskItem(task), text, user.id, translatorRole(access), user.id);
    return 'published' as const;
  });
}

/** A second translator or an organizer approves (possibly correcting) a translation in review. */
export async function approve(db: Kysely<DB>, taskId: number, user: SessionUser, bodyMd: string | undefined) {
  await taskWithAccess(db, taskId, user);
  await db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    if (task.status !== 'in_review') throw new DomainError('task_closed');
    if (task.translated_by === user.id) throw new DomainError('review_by_another');
    const roles = await findRoles(trx, task.forum_id, task.translated_by!);
    const role = roles.includes('organizer') ? 'organizer' : 'translator';
    await publishTranslation(trx, taskItem(task), nonEmpty(bodyMd ?? task.draft_md ?? ''), task.translated_by!, role, user.id);
  });
}

/** Sends a translation in review back to the queue, keeping its text as the next draft. */
export async function reject(db: Kysely<DB>, taskId: number, user: SessionUser) {
  await taskWithAccess(db, taskId, user);
  await db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    if (task.status !== 'in_review') throw new DomainError('task_closed');
    if (task.translated_by === user.id) throw new DomainError('review_by_another');
    await trx.updateTable('translation_tasks').set({ status: 'open', translated_by: null }).where('id', '=', taskId).execute();
  });
}

/** An author translating their own post: published at once, labelled as the author's, closing its task. */
export async function translateOwnPost(db: Kysely<DB>, postId: number, user: SessionUser, targetLang: Lang, bodyMd: string) {
  const text = nonEmpty(bodyMd);
  const original = await findOriginal(db, 'post', postId);
  if (!original) throw new DomainError('not_found');
  const access = await forumAccessById(db, original.forumId, user);
  if (original.authorId !== user.id || original.hidden) throw new DomainError('forbidden');
  if (targetLang === original.lang || !access.forum.languages.includes(targetLang)) throw new DomainError('unsupported_language');
  await db.transaction().execute((trx) => publishTranslation(trx, { itemType: 'post', itemId: postId, targetLang }, text, user.id, 'author', user.id));
}

/**
 * An organizer asks for one item in one more language than the policy gives it; organizers
 * and translators reopen a published translation for correction. The task starts from the
 * published text, if any.
 */
export async function requestTranslation(db: Kysely<DB>, user: SessionUser, item: { itemType: TranslatableType; itemId: number; targetLang: Lang }) {
  const original = await findOriginal(db, item.itemType, item.itemId);
  if (!original) throw new DomainError('not_found');
  const access = await forumAccessById(db, original.forumId, user);
  const existing = await db.selectFrom('translations').select('body_md').where('item_type', '=', item.itemType).where('item_id', '=', item.itemId)
    .where('target_lang', '=', item.targetLang).executeTakeFirst();
  if (existing) assertTranslator(access);
  else assertOrganizer(access);
  if (item.targetLang === original.lang || !access.forum.languages.includes(item.targetLang)) throw new DomainError('unsupported_language');
  if (original.hidden) throw new DomainError('forbidden');
  const row = await db.insertInto('translation_tasks').values({
    forum_id: original.forumId, week_id: original.weekId, item_type: item.itemType, item_id: item.itemId, source_lang: original.lang,
    target_lang: item.targetLang, source_revision: original.revision, draft_md: existing?.body_md ?? null,
    due_at: new Date(Date.now() + access.forum.translation_target_hours * 3_600_000),
  }).onConflict((oc) => oc.columns(['item_type', 'item_id', 'target_lang']).where('status', 'in', LIVE_STATUSES).doNothing())
    .returning('id').executeTakeFirst();
  // Already queued: the existing task is the answer.
  return row?.id ?? (await db.selectFrom('translation_tasks').select('id').where('item_type', '=', item.itemType).where('item_id', '=', item.itemId)
    .where('target_lang', '=', item.targetLang).where('status', 'in', LIVE_STATUSES).executeTakeFirstOrThrow()).id;
}
