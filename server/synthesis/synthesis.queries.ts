// SQL for policy elements: the rows a page shows (loaded in batches, a fixed number of statements
// whatever the number of elements), the locks decisions take, and the writes of curation.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CitedItemType, DB, Lang, PolicyElementStatus } from '../db/schema.ts';
import { LIVE_STATUSES } from '../translation-policy/translation-tasks.queries.ts';

type Handle = Kysely<DB> | Transaction<DB>;

const elementColumns = [
  'policy_elements.id',
  'policy_elements.forum_id',
  'policy_elements.region_id',
  'policy_elements.theme_id',
  'policy_elements.status',
  'policy_elements.original_lang',
  'policy_elements.body_md',
  'policy_elements.body_html',
  'policy_elements.word_count',
  'policy_elements.revision',
  'policy_elements.proposed_by',
  'policy_elements.idempotency_key',
  'policy_elements.week_id',
  'policy_elements.merged_into',
  'policy_elements.decline_reason',
  'policy_elements.endorsement_count',
  'policy_elements.created_at',
  'policy_elements.updated_at',
] as const;

export interface ElementFilter {
  forumId: number;
  statuses?: PolicyElementStatus[];
  weekId?: number;
  themeId?: number;
  regionIds?: number[];
  /** Only elements this user is one of the proposers of. */
  proposerId?: number;
  /** Only elements from weeks opened by then. */
  openedBy?: Date;
}

export function findElements(db: Handle, filter: ElementFilter) {
  return db
    .selectFrom('policy_elements')
    .innerJoin('weeks', 'weeks.id', 'policy_elements.week_id')
    .select([...elementColumns, 'weeks.number as week_number'])
    .where('policy_elements.forum_id', '=', filter.forumId)
    .$if(filter.statuses !== undefined, (qb) => qb.where('policy_elements.status', 'in', filter.statuses!))
    .$if(filter.weekId !== undefined, (qb) => qb.where('policy_elements.week_id', '=', filter.weekId!))
    .$if(filter.themeId !== undefined, (qb) => qb.where('policy_elements.theme_id', '=', filter.themeId!))
    .$if(filter.regionIds !== undefined, (qb) => qb.where('policy_elements.region_id', 'in', filter.regionIds!))
    .$if(filter.openedBy !== undefined, (qb) => qb.where('weeks.opens_at', '<=', filter.openedBy!))
    .$if(filter.proposerId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('policy_element_proposers')
            .select('policy_element_proposers.user_id')
            .whereRef('policy_element_proposers.element_id', '=', 'policy_elements.id')
            .where('policy_element_proposers.user_id', '=', filter.proposerId!),
        ),
      ),
    )
    .orderBy('policy_elements.endorsement_count', 'desc')
    .orderBy('policy_elements.id')
    .execute();
}

export type ElementRow = Awaited<ReturnType<typeof findElements>>[number];

export function findElement(db: Handle, id: number) {
  return db
    .selectFrom('policy_elements')
    .innerJoin('weeks', 'weeks.id', 'policy_elements.week_id')
    .select([...elementColumns, 'weeks.number as week_number'])
    .where('policy_elements.id', '=', id)
    .executeTakeFirst();
}

/** Locks the element's row: of two decisions on it at once, the second waits and sees the first. */
export function lockElement(trx: Transaction<DB>, id: number) {
  return trx
    .selectFrom('policy_elements')
    .select(['id', 'forum_id', 'status', 'revision', 'week_id', 'original_lang', 'region_id', 'theme_id', 'body_md'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findByIdempotencyKey(db: Handle, userId: number, key: string) {
  return db
    .selectFrom('policy_elements')
    .select(['id', 'forum_id', 'body_md', 'original_lang', 'region_id', 'theme_id'])
    .where('proposed_by', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function findProposers(db: Handle, elementIds: number[]) {
  if (elementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('policy_element_proposers')
    .innerJoin('users', 'users.id', 'policy_element_proposers.user_id')
    .select(['policy_element_proposers.element_id', 'users.id', 'users.display_name'])
    .where('policy_element_proposers.element_id', 'in', elementIds)
    .orderBy('users.id')
    .execute();
}

/** Every citation of the elements with what deciding its visibility needs: one statement. */
export async function findCitations(db: Handle, elementIds: number[]) {
  if (elementIds.length === 0) return [];
  const { rows } = await sql<{
    element_id: number;
    item_type: CitedItemType;
    item_id: number;
    week_number: number;
    week_opens_at: Date;
    thread_id: number | null;
    post_id: number | null;
    parent_id: number | null;
    requires_own_answer: boolean;
    hidden: boolean;
    published: boolean;
    author_id: number;
    author_name: string;
    lang: Lang;
    text: string;
    is_answer: boolean;
  }>`
    SELECT c.element_id, c.item_type, c.item_id, w.number AS week_number, w.opens_at AS week_opens_at,
      coalesce(p.thread_id, cs.thread_id) AS thread_id, p.id AS post_id, p.parent_id,
      coalesce(t.requires_own_answer, false) AS requires_own_answer,
      coalesce(p.hidden_at IS NOT NULL, false) AS hidden,
      coalesce(cs.status = 'published', true) AS published,
      coalesce(p.author_id, cs.author_id) AS author_id, u.display_name AS author_name,
      coalesce(p.original_lang, cs.original_lang) AS lang,
      coalesce(p.body_md, cs.title) AS text,
      (p.id IS NOT NULL AND EXISTS (SELECT 1 FROM posts q WHERE q.answer_post_id = p.id)) AS is_answer
    FROM policy_element_citations c
    JOIN weeks w ON w.id = c.week_id
    LEFT JOIN posts p ON c.item_type = 'post' AND p.id = c.item_id
    LEFT JOIN threads t ON t.id = p.thread_id
    LEFT JOIN case_studies cs ON c.item_type = 'case_study' AND cs.id = c.item_id
    JOIN users u ON u.id = coalesce(p.author_id, cs.author_id)
    WHERE c.element_id = ANY(${`{${elementIds.join(',')}}`}::int[])
    ORDER BY c.element_id, c.created_at, c.item_type, c.item_id`.execute(db);
  return rows;
}

export type CitationRow = Awaited<ReturnType<typeof findCitations>>[number];

/** The threads among these the user has posted in: a prompt shows its answers only to those. */
export async function threadsPostedIn(db: Handle, userId: number, threadIds: number[]): Promise<Set<number>> {
  if (threadIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('posts')
    .select('thread_id')
    .distinct()
    .where('author_id', '=', userId)
    .where('thread_id', 'in', threadIds)
    .execute();
  return new Set(rows.map((row) => row.thread_id));
}

export async function endorsedBy(db: Handle, userId: number, elementIds: number[]): Promise<Set<number>> {
  if (elementIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('policy_element_endorsements')
    .select('element_id')
    .where('user_id', '=', userId)
    .where('element_id', 'in', elementIds)
    .execute();
  return new Set(rows.map((row) => row.element_id));
}

export async function countWaiting(db: Handle, forumId: number, proposerId: number | null): Promise<number> {
  const row = await db
    .selectFrom('policy_elements')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('forum_id', '=', forumId)
    .where('status', '=', 'proposed')
    .$if(proposerId !== null, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('policy_element_proposers')
            .select('user_id')
            .whereRef('policy_element_proposers.element_id', '=', 'policy_elements.id')
            .where('policy_element_proposers.user_id', '=', proposerId!),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewElementRow {
  forumId: number;
  regionId: number;
  themeId: number;
  lang: Lang;
  bodyMd: string;
  bodyHtml: string;
  wordCount: number;
  proposedBy: number;
  idempotencyKey: string;
  weekId: number;
}

/** Inserts the element unless the proposer's key already made one; undefined then. */
export async function insertElement(trx: Transaction<DB>, row: NewElementRow): Promise<number | undefined> {
  const inserted = await trx
    .insertInto('policy_elements')
    .values({
      forum_id: row.forumId,
      region_id: row.regionId,
      theme_id: row.themeId,
      original_lang: row.lang,
      body_md: row.bodyMd,
      body_html: row.bodyHtml,
      word_count: row.wordCount,
      proposed_by: row.proposedBy,
      idempotency_key: row.idempotencyKey,
      week_id: row.weekId,
    })
    .onConflict((oc) => oc.columns(['proposed_by', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function insertRevision(
  trx: Transaction<DB>,
  row: {
    elementId: number;
    revision: number;
    lang: Lang;
    bodyMd: string;
    bodyHtml: string;
    regionId: number;
    themeId: number;
    editorId: number;
  },
): Promise<void> {
  await trx
    .insertInto('policy_element_revisions')
    .values({
      element_id: row.elementId,
      revision: row.revision,
      original_lang: row.lang,
      body_md: row.bodyMd,
      body_html: row.bodyHtml,
      region_id: row.regionId,
      theme_id: row.themeId,
      editor_id: row.editorId,
    })
    .execute();
}

export async function insertCitations(
  trx: Transaction<DB>,
  elementId: number,
  citedBy: number,
  citations: { type: CitedItemType; id: number; weekId: number }[],
): Promise<void> {
  if (citations.length === 0) return;
  await trx
    .insertInto('policy_element_citations')
    .values(
      citations.map((c) => ({
        element_id: elementId,
        item_type: c.type,
        item_id: c.id,
        week_id: c.weekId,
        cited_by: citedBy,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertProposer(trx: Transaction<DB>, elementId: number, userId: number): Promise<void> {
  await trx
    .insertInto('policy_element_proposers')
    .values({ element_id: elementId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findRevisions(db: Handle, elementId: number) {
  return db
    .selectFrom('policy_element_revisions')
    .innerJoin('users', 'users.id', 'policy_element_revisions.editor_id')
    .select([
      'policy_element_revisions.revision',
      'policy_element_revisions.original_lang',
      'policy_element_revisions.body_html',
      'policy_element_revisions.region_id',
      'policy_element_revisions.theme_id',
      'policy_element_revisions.created_at',
      'users.id as editor_id',
      'users.display_name as editor_name',
    ])
    .where('policy_element_revisions.element_id', '=', elementId)
    .orderBy('policy_element_revisions.revision', 'desc')
    .execute();
}

/**
 * Moves what the source element gathered into the target: citations, proposers and endorsements
 * (each once), and the elements merged into the source earlier, then recounts the endorsements.
 */
export async function mergeInto(trx: Transaction<DB>, sourceId: number, targetId: number): Promise<void> {
  await sql`INSERT INTO policy_element_citations (element_id, item_type, item_id, week_id, cited_by, created_at)
    SELECT ${targetId}::int, item_type, item_id, week_id, cited_by, created_at FROM policy_element_citations
    WHERE element_id = ${sourceId} ON CONFLICT DO NOTHING`.execute(trx);
  await sql`INSERT INTO policy_element_proposers (element_id, user_id)
    SELECT ${targetId}::int, user_id FROM policy_element_proposers WHERE element_id = ${sourceId}
    ON CONFLICT DO NOTHING`.execute(trx);
  await sql`INSERT INTO policy_element_endorsements (element_id, user_id, created_at)
    SELECT ${targetId}::int, user_id, created_at FROM policy_element_endorsements WHERE element_id = ${sourceId}
    ON CONFLICT DO NOTHING`.execute(trx);
  await trx.updateTable('policy_elements').set({ merged_into: targetId }).where('merged_into', '=', sourceId).execute();
  await recountEndorsements(trx, targetId);
}

export async function recountEndorsements(trx: Transaction<DB>, elementId: number): Promise<number> {
  const row = await trx
    .updateTable('policy_elements')
    .set({
      endorsement_count: sql<number>`(SELECT count(*) FROM policy_element_endorsements e WHERE e.element_id = ${elementId})::int`,
    })
    .where('id', '=', elementId)
    .returning('endorsement_count')
    .executeTakeFirstOrThrow();
  return row.endorsement_count;
}

export function proposerIds(db: Handle, elementId: number) {
  return db
    .selectFrom('policy_element_proposers')
    .select('user_id')
    .where('element_id', '=', elementId)
    .execute()
    .then((rows) => rows.map((row) => row.user_id));
}

/** A revision that kept the text: translations and live tasks of the previous one stand for it too. */
export async function carryTranslations(trx: Transaction<DB>, elementId: number, from: number, to: number) {
  await trx
    .updateTable('translations')
    .set({ source_revision: to })
    .where('item_type', '=', 'policy_element')
    .where('item_id', '=', elementId)
    .where('source_revision', '=', from)
    .execute();
  await trx
    .updateTable('translation_tasks')
    .set({ source_revision: to })
    .where('item_type', '=', 'policy_element')
    .where('item_id', '=', elementId)
    .where('source_revision', '=', from)
    .where('status', 'in', LIVE_STATUSES)
    .execute();
}
