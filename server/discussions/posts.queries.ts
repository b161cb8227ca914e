// All SQL about posts and their revisions.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** Post columns with the author's and the parent author's names, as every view needs them. */
function postsWithAuthors(db: Handle) {
  return db
    .selectFrom('posts')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .leftJoin('posts as parent', 'parent.id', 'posts.parent_id')
    .leftJoin('users as parent_author', 'parent_author.id', 'parent.author_id')
    .leftJoin('users as addressee', 'addressee.id', 'posts.addressed_to')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.parent_id',
      'posts.path',
      'posts.author_id',
      'posts.original_lang',
      'posts.body_md',
      'posts.body_html',
      'posts.word_count',
      'posts.revision',
      'posts.hidden_at',
      'posts.hidden_reason',
      'posts.created_at',
      'posts.edited_at',
      'author.display_name as author_name',
      'author.erased_at as author_erased_at',
      'posts.removed_at',
      'parent.author_id as parent_author_id',
      'parent_author.display_name as parent_author_name',
      // A question to a key respondent (server/questions).
      'posts.addressed_to',
      'posts.answered_at',
      'posts.answer_post_id',
      'addressee.display_name as addressee_name',
    ]);
}

export type PostRow = Awaited<ReturnType<typeof findPost>> & {};

export function findPost(db: Handle, id: number) {
  return postsWithAuthors(db).where('posts.id', '=', id).executeTakeFirst();
}

/**
 * One page of a thread in tree order (depth-first, oldest sibling first). The page's ids are
 * picked from the (thread_id, path) index first, so a deep page joins 50 rows, not the thread.
 */
export function findThreadPage(db: Handle, threadId: number, offset: number, limit: number) {
  return postsWithAuthors(db)
    .where('posts.id', 'in', (eb) =>
      eb
        .selectFrom('posts as page')
        .select('page.id')
        .where('page.thread_id', '=', threadId)
        .orderBy('page.path')
        .limit(limit)
        .offset(offset),
    )
    .orderBy('posts.path')
    .execute();
}

/** Several posts by id, in no particular order (lists of questions and their answers). */
export function findPostsByIds(db: Handle, ids: number[]) {
  return postsWithAuthors(db)
    .where('posts.id', 'in', ids.length > 0 ? ids : [0])
    .execute();
}

export function findFirstPost(db: Handle, threadId: number) {
  return postsWithAuthors(db)
    .where('posts.thread_id', '=', threadId)
    .where('posts.parent_id', 'is', null)
    .executeTakeFirst();
}

export function findPostByIdempotencyKey(db: Handle, authorId: number, key: string) {
  return db
    .selectFrom('posts')
    .select(['id', 'thread_id', 'parent_id', 'body_md', 'original_lang'])
    .where('author_id', '=', authorId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Serializes submissions that carry the same idempotency key, so a double submit waits for the first. */
export async function lockIdempotencyKey(trx: Transaction<DB>, authorId: number, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, ${authorId}))`.execute(trx);
}

export async function insertPost(
  trx: Transaction<DB>,
  post: {
    threadId: number;
    parentId: number | null;
    parentPath: number[];
    authorId: number;
    lang: Lang;
    bodyMd: string;
    bodyHtml: string;
    wordCount: number;
    idempotencyKey: string;
    addressedTo?: number | null;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('posts')
    .values({
      thread_id: post.threadId,
      parent_id: post.parentId,
      path: post.parentPath,
      author_id: post.authorId,
      original_lang: post.lang,
      body_md: post.bodyMd,
      body_html: post.bodyHtml,
      word_count: post.wordCount,
      idempotency_key: post.idempotencyKey,
      addressed_to: post.addressedTo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The path ends with the post's own id, known only now.
  await trx
    .updateTable('posts')
    .set({ path: sql`array_append(path, ${id}::int)` })
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('post_revisions')
    .values({
      post_id: id,
      revision: 1,
      original_lang: post.lang,
      body_md: post.bodyMd,
      body_html: post.bodyHtml,
      editor_id: post.authorId,
    })
    .execute();
  return id;
}

/** Saves a new revision unless someone saved one since `baseRevision`; false on that conflict. */
export async function updatePostBody(
  trx: Transaction<DB>,
  postId: number,
  baseRevision: number,
  edit: {
    lang: Lang;
    bodyMd: string;
    bodyHtml: string;
    wordCount: number;
    editorId: number;
  },
): Promise<boolean> {
  const updated = await trx
    .updateTable('posts')
    .set({
      original_lang: edit.lang,
      body_md: edit.bodyMd,
      body_html: edit.bodyHtml,
      word_count: edit.wordCount,
      revision: baseRevision + 1,
      edited_at: sql`now()`,
    })
    .where('id', '=', postId)
    .where('revision', '=', baseRevision)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return false;
  await trx
    .insertInto('post_revisions')
    .values({
      post_id: postId,
      revision: baseRevision + 1,
      original_lang: edit.lang,
      body_md: edit.bodyMd,
      body_html: edit.bodyHtml,
      editor_id: edit.editorId,
    })
    .execute();
  return true;
}

export async function setPostHidden(
  trx: Transaction<DB>,
  postId: number,
  hidden: { by: number; reason: string } | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('posts')
    .set(
      hidden
        ? { hidden_at: sql`now()`, hidden_by: hidden.by, hidden_reason: hidden.reason }
        : { hidden_at: null, hidden_by: null, hidden_reason: null },
    )
    .where('id', '=', postId)
    .where('hidden_at', hidden ? 'is' : 'is not', null)
    .returning('id')
    .executeTakeFirst();
  return result !== undefined;
}

export function findRevisions(db: Handle, postId: number) {
  return db
    .selectFrom('post_revisions')
    .innerJoin('users', 'users.id', 'post_revisions.editor_id')
    .select([
      'post_revisions.revision',
      'post_revisions.original_lang',
      'post_revisions.body_html',
      'post_revisions.created_at',
      'post_revisions.editor_id',
      'users.display_name as editor_name',
    ])
    .where('post_id', '=', postId)
    .orderBy('revision', 'desc')
    .execute();
}
