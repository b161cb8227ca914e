// Composer drafts. A draft's key names what it will become — a thread in a week, a reply to a
// thread or a post, an edit of one's post — and it is kept only while its user may write
// there; each user keeps a bounded number and size of drafts. Reading and deleting one's own
// drafts needs no such check: text written while the week was open stays retrievable.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertMayWriteInWeek, forumAccessById, preparedWeekId } from '../forums/forum-access.ts';
import { MAX_BODY_LENGTH } from './discussions.schemas.ts';
import { draftTotals, findWeekById, lockUserDrafts, saveDraft } from './drafts.queries.ts';
import { findPost } from './posts.queries.ts';
import { assertMayWriteInThread, loadThreadContext } from './write-context.ts';
import { currentTime } from '../time/clock.ts';

export const MAX_DRAFTS_PER_USER = 50;
/** Ten full-length posts: room for every composer a writer really keeps open. */
export const MAX_DRAFT_CHARS_PER_USER = 10 * MAX_BODY_LENGTH;

export interface DraftText {
  title: string;
  bodyMd: string;
  lang: Lang;
}

type DraftTarget = 'thread:week' | 'reply:thread' | 'reply:post' | 'edit:post' | 'case-study';

/** The key's target, as the SPA builds it: `thread:week:<weekId>`, `reply:thread:<id>`, `reply:post:<id>`, `edit:post:<id>`, `case-study:<weekId>`. */
function parseKey(key: string): { kind: DraftTarget; id: number } {
  const match = /^(thread:week|reply:thread|reply:post|edit:post|case-study):(\d{1,10})$/.exec(key);
  const id = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647)
    throw new DomainError('validation', { field: 'key' });
  return { kind: match[1] as DraftTarget, id };
}

/** Refuses a draft for something that does not exist or that the user may not write in now. */
async function assertMayDraft(db: Kysely<DB>, user: SessionUser, key: string, now: Date): Promise<void> {
  const { kind, id } = parseKey(key);
  if (kind === 'thread:week') {
    const week = await findWeekById(db, id);
    if (!week) throw new DomainError('not_found');
    assertMayWriteInWeek(await forumAccessById(db, week.forum_id, user), week, now);
    return;
  }
  if (kind === 'case-study') {
    // A case study is drafted by the week's key respondent (before the week opens, too) or its organizers.
    const week = await findWeekById(db, id);
    if (!week) throw new DomainError('not_found');
    const access = await forumAccessById(db, week.forum_id, user);
    if (!access.isOrganizer && (await preparedWeekId(db, access)) !== week.id) throw new DomainError('forbidden');
    return;
  }
  if (kind === 'reply:thread') {
    assertMayWriteInThread(await loadThreadContext(db, id, user, now), now);
    return;
  }
  const post = await findPost(db, id);
  if (!post) throw new DomainError('not_found');
  const context = await loadThreadContext(db, post.thread_id, user, now);
  if (kind === 'edit:post' && (post.author_id !== user.id || post.hidden_at)) throw new DomainError('forbidden');
  assertMayWriteInThread(context, now);
}

export async function saveUserDraft(
  db: Kysely<DB>,
  user: SessionUser,
  key: string,
  text: DraftText,
  now = currentTime(),
) {
  await assertMayDraft(db, user, key, now);
  const size = [...text.title].length + [...text.bodyMd].length;
  return db.transaction().execute(async (trx) => {
    await lockUserDrafts(trx, user.id);
    const others = await draftTotals(trx, user.id, key);
    if (others.count >= MAX_DRAFTS_PER_USER) throw new DomainError('too_many_drafts', { max: MAX_DRAFTS_PER_USER });
    if (others.chars + size > MAX_DRAFT_CHARS_PER_USER)
      throw new DomainError('drafts_too_large', { max: MAX_DRAFT_CHARS_PER_USER });
    return saveDraft(trx, user.id, key, text);
  });
}
