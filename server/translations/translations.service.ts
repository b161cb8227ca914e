// The translation workflow: the queue for translators and organizers, the atomic claim that
// returns to the queue when it expires, drafts, publishing, and authors translating their
// own posts. Publishing appends an event so open pages show the translation at once.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { renderMarkdown } from '../content/markdown.ts';
import type { DB, Lang, TranslatorRole } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { forumAccessById, forumAccessBySlug, type ForumAccess } from '../forums/forum-access.ts';
import { appendEvent } from '../realtime/events.queries.ts';
import { claimTask, findTask, listTasks, lockTask, renewClaim, setTaskStatus, type QueueFilter } from './tasks.queries.ts';
import { escapeHtml, findOriginal, upsertTranslation } from './translations.queries.ts';

function assertTranslator(access: ForumAccess): void {
  if (!access.user) throw new DomainError('sign_in_required');
  if (!access.isOrganizer && !access.roles.includes('translator')) throw new DomainError('forbidden');
}

function translatorRole(access: ForumAccess): TranslatorRole {
  return access.isOrganizer ? 'organizer' : 'translator';
}

async function taskWithAccess(db: Kysely<DB>, taskId: number, user: SessionUser) {
  const task = await findTask(db, taskId);
  if (!task) throw new DomainError('not_found');
  const access = await forumAccessById(db, task.forum_id, user);
  assertTranslator(access);
  return { task, access };
}

export async function listQueue(db: Kysely<DB>, slug: string, user: SessionUser, filter: QueueFilter, now = new Date()) {
  const access = await forumAccessBySlug(db, slug, user);
  assertTranslator(access);
  const tasks = await listTasks(db, access.forum.id, user.id, filter, now);
  const sources = new Map<string, Awaited<ReturnType<typeof findOriginal>>>();
  // At most 200 rows; the originals are read per row to keep one code path per item kind.
  for (const task of tasks) sources.set(`${task.item_type}:${task.item_id}`, await findOriginal(db, task.item_type, task.item_id));
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

export async function claim(db: Kysely<DB>, taskId: number, user: SessionUser, now = new Date()) {
  const { task } = await taskWithAccess(db, taskId, user);
  if (task.status !== 'open' && task.status !== 'claimed') throw new DomainError('task_closed');
  const won = await claimTask(db, taskId, user.id, now);
  if (!won) {
    const current = await db.selectFrom('translation_tasks').innerJoin('users', 'users.id', 'translation_tasks.claimed_by')
      .select('users.display_name').where('translation_tasks.id', '=', taskId).executeTakeFirst();
    throw new DomainError('task_taken', { name: current?.display_name ?? '?' });
  }
  return { claimExpiresAt: won.claim_expires_at!.toISOString() };
}

/** Gives a claimed task back to the queue; its claimer or an organizer may. */
export async function release(db: Kysely<DB>, taskId: number, user: SessionUser) {
  const { task, access } = await taskWithAccess(db, taskId, user);
  if (task.status !== 'claimed') throw new DomainError('task_closed');
  if (task.claimed_by !== user.id && !access.isOrganizer) throw new DomainError('forbidden');
  await db.transaction().execute((trx) => setTaskStatus(trx, taskId, 'open', null));
}

/** Saves the claimer's draft and extends the claim, so steady work never loses the task. */
export async function saveTaskDraft(db: Kysely<DB>, taskId: number, user: SessionUser, bodyMd: string, now = new Date()) {
  const { task } = await taskWithAccess(db, taskId, user);
  if (task.status !== 'claimed' || task.claimed_by !== user.id) throw new DomainError('task_taken', { name: '?' });
  const renewed = await renewClaim(db, taskId, user.id, now, bodyMd);
  if (!renewed) throw new DomainError('task_taken', { name: '?' });
  return { claimExpiresAt: renewed.claim_expires_at!.toISOString() };
}

export async function publish(db: Kysely<DB>, taskId: number, user: SessionUser, bodyMd: string) {
  const text = bodyMd.trim();
  if (!text) throw new DomainError('validation', { field: 'bodyMd' });
  const { access } = await taskWithAccess(db, taskId, user);
  await db.transaction().execute(async (trx) => {
    const task = (await lockTask(trx, taskId))!;
    if (task.status !== 'claimed' || task.claimed_by !== user.id) {
      throw task.status === 'open' || task.status === 'claimed' ? new DomainError('task_taken', { name: '?' }) : new DomainError('task_closed');
    }
    const original = await findOriginal(trx, task.item_type, task.item_id);
    if (!original || original.hidden) throw new DomainError('task_closed');
    await upsertTranslation(trx, {
      forumId: task.forum_id, itemType: task.item_type, itemId: task.item_id, sourceLang: task.source_lang, targetLang: task.target_lang,
      sourceRevision: task.source_revision, bodyMd: text, bodyHtml: task.item_type === 'post' ? renderMarkdown(text) : escapeHtml(text),
      translatorId: user.id, translatorRole: translatorRole(access),
    });
    await setTaskStatus(trx, taskId, 'published', user.id);
    await appendEvent(trx, {
      forumId: task.forum_id, weekId: original.weekId, threadId: original.threadId, type: 'translation.published',
      payload: { itemType: task.item_type, itemId: task.item_id, targetLang: task.target_lang },
    });
  });
}

/** An author translating their own post: published at once, labelled as the author's, closing its task. */
export async function translateOwnPost(db: Kysely<DB>, postId: number, user: SessionUser, targetLang: Lang, bodyMd: string) {
  const text = bodyMd.trim();
  if (!text) throw new DomainError('validation', { field: 'bodyMd' });
  const original = await findOriginal(db, 'post', postId);
  if (!original) throw new DomainError('not_found');
  const access = await forumAccessById(db, original.forumId, user);
  if (original.authorId !== user.id) throw new DomainError('forbidden');
  if (targetLang === original.lang || !access.forum.languages.includes(targetLang)) throw new DomainError('unsupported_language');
  if (original.hidden) throw new DomainError('forbidden');
  await db.transaction().execute(async (trx) => {
    await upsertTranslation(trx, {
      forumId: original.forumId, itemType: 'post', itemId: postId, sourceLang: original.lang, targetLang, sourceRevision: original.revision,
      bodyMd: text, bodyHtml: renderMarkdown(text), translatorId: user.id, translatorRole: 'author',
    });
    const live = await trx.selectFrom('translation_tasks').select('id').where('item_type', '=', 'post').where('item_id', '=', postId)
      .where('target_lang', '=', targetLang).where('status', 'in', ['open', 'claimed']).execute();
    for (const task of live) await setTaskStatus(trx, task.id, 'published', user.id);
    await appendEvent(trx, {
      forumId: original.forumId, weekId: original.weekId, threadId: original.threadId, type: 'translation.published',
      payload: { itemType: 'post', itemId: postId, targetLang },
    });
  });
}
