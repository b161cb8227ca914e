// All SQL about case studies: the row with its week and author, the review lists, writes with
// their revision rows, and the week page's list.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CaseStudyStatus, DB, Lang } from '../db/schema.ts';

type Handle = Kysely<DB> | Transaction<DB>;

/** What every view of a case study needs, in one statement. */
function caseStudyRows(db: Handle) {
  return db
    .selectFrom('case_studies')
    .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
    .innerJoin('users as author', 'author.id', 'case_studies.author_id')
    .leftJoin('users as reviewer', 'reviewer.id', 'case_studies.reviewed_by')
    .leftJoin('forum_regions as region', 'region.id', 'case_studies.region_id')
    .leftJoin('forum_member_regions as author_mr', (join) =>
      join
        .onRef('author_mr.forum_id', '=', 'case_studies.forum_id')
        .onRef('author_mr.user_id', '=', 'case_studies.author_id'),
    )
    .leftJoin('forum_regions as author_region', 'author_region.id', 'author_mr.region_id')
    .selectAll('case_studies')
    .select([
      'weeks.number as week_number',
      'weeks.opens_at as week_opens_at',
      'weeks.closes_at as week_closes_at',
      'region.key as region_key',
      'region.en as region_en',
      'region.es as region_es',
      'region.fr as region_fr',
      'author_region.en as author_region_en',
      'author_region.es as author_region_es',
      'author_region.fr as author_region_fr',
      'author.display_name as author_name',
      'author.organisation as author_organisation',
      'author.directory_hidden as author_hidden',
      'reviewer.display_name as reviewer_name',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('memberships')
            .select('memberships.user_id')
            .whereRef('memberships.forum_id', '=', 'case_studies.forum_id')
            .whereRef('memberships.user_id', '=', 'case_studies.author_id')
            .where('memberships.role', '=', 'key_respondent'),
        )
        .as('author_is_key_respondent'),
    );
}

export type CaseStudyRow = NonNullable<Awaited<ReturnType<typeof findCaseStudy>>>;

export function findCaseStudy(db: Handle, id: number) {
  return caseStudyRows(db).where('case_studies.id', '=', id).executeTakeFirst();
}

export function findCaseStudyOf(db: Handle, weekId: number, authorId: number) {
  return caseStudyRows(db)
    .where('case_studies.week_id', '=', weekId)
    .where('case_studies.author_id', '=', authorId)
    .executeTakeFirst();
}

/** Organizers' review list: oldest submission first, then the rest by week. */
export function listForumCaseStudies(db: Handle, forumId: number, status: CaseStudyStatus | undefined) {
  return caseStudyRows(db)
    .where('case_studies.forum_id', '=', forumId)
    .$if(status !== undefined, (qb) => qb.where('case_studies.status', '=', status!))
    .orderBy('weeks.number')
    .orderBy(sql`case_studies.submitted_at NULLS LAST`)
    .orderBy('case_studies.id')
    .execute();
}

export function listAuthorCaseStudies(db: Handle, forumId: number, authorId: number) {
  return caseStudyRows(db)
    .where('case_studies.forum_id', '=', forumId)
    .where('case_studies.author_id', '=', authorId)
    .orderBy('weeks.number')
    .execute();
}

/**
 * A week's case studies as its page shows them: published ones, plus approved ones so the
 * reader's request can publish those whose week has opened while the job lags.
 */
export function listWeekCaseStudies(db: Handle, weekId: number) {
  return caseStudyRows(db)
    .where('case_studies.week_id', '=', weekId)
    .where('case_studies.status', 'in', ['approved', 'published'])
    .orderBy(sql`case_studies.published_at NULLS LAST`)
    .orderBy('case_studies.id')
    .execute();
}

export function lockCaseStudy(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('case_studies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface CaseStudyText {
  title: string;
  bodyMd: string;
  bodyHtml: string;
  lang: Lang;
  /** One of the forum's regions, or none. */
  regionId: number | null;
  theme: string;
  wordCount: number;
}

export async function insertCaseStudy(
  trx: Transaction<DB>,
  row: { forumId: number; weekId: number; authorId: number; idempotencyKey: string; now: Date } & CaseStudyText,
) {
  const inserted = await trx
    .insertInto('case_studies')
    .values({
      forum_id: row.forumId,
      week_id: row.weekId,
      author_id: row.authorId,
      title: row.title,
      body_md: row.bodyMd,
      body_html: row.bodyHtml,
      original_lang: row.lang,
      region_id: row.regionId,
      theme: row.theme,
      word_count: row.wordCount,
      idempotency_key: row.idempotencyKey,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.columns(['week_id', 'author_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) await insertRevision(trx, inserted.id, 1, row.authorId, row, row.now);
  return inserted?.id;
}

async function insertRevision(
  trx: Transaction<DB>,
  id: number,
  revision: number,
  editorId: number,
  text: CaseStudyText,
  now: Date,
) {
  await trx
    .insertInto('case_study_revisions')
    .values({
      case_study_id: id,
      revision,
      title: text.title,
      original_lang: text.lang,
      body_md: text.bodyMd,
      body_html: text.bodyHtml,
      editor_id: editorId,
      created_at: now,
    })
    .execute();
}

/** Saves a new text over `baseRevision`; undefined when someone saved another revision first. */
export async function updateCaseStudyText(
  trx: Transaction<DB>,
  id: number,
  baseRevision: number,
  editorId: number,
  text: CaseStudyText,
  now: Date,
) {
  const updated = await trx
    .updateTable('case_studies')
    .set({
      title: text.title,
      body_md: text.bodyMd,
      body_html: text.bodyHtml,
      original_lang: text.lang,
      region_id: text.regionId,
      theme: text.theme,
      word_count: text.wordCount,
      revision: sql`revision + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('revision', '=', baseRevision)
    .returning('revision')
    .executeTakeFirst();
  if (updated) await insertRevision(trx, id, updated.revision, editorId, text, now);
  return updated?.revision;
}

export async function setStatus(
  trx: Transaction<DB>,
  id: number,
  values: {
    status: CaseStudyStatus;
    now: Date;
    reviewComment?: string | null;
    reviewedBy?: number | null;
    approvedBy?: number | null;
    submitted?: boolean;
    approved?: boolean;
  },
): Promise<void> {
  await trx
    .updateTable('case_studies')
    .set({
      status: values.status,
      updated_at: values.now,
      ...(values.reviewComment !== undefined ? { review_comment: values.reviewComment } : {}),
      ...(values.reviewedBy !== undefined ? { reviewed_by: values.reviewedBy } : {}),
      ...(values.submitted ? { submitted_at: values.now } : {}),
      ...(values.approved ? { approved_at: values.now, approved_by: values.approvedBy ?? null } : {}),
      ...(values.status === 'draft' ? { approved_at: null, approved_by: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export function findCaseStudyRevisions(db: Handle, id: number) {
  return db
    .selectFrom('case_study_revisions')
    .innerJoin('users', 'users.id', 'case_study_revisions.editor_id')
    .select([
      'case_study_revisions.revision',
      'case_study_revisions.title',
      'case_study_revisions.original_lang',
      'case_study_revisions.body_html',
      'case_study_revisions.created_at',
      'users.display_name as editor_name',
    ])
    .where('case_study_revisions.case_study_id', '=', id)
    .orderBy('case_study_revisions.revision', 'desc')
    .execute();
}

/** Approved case studies whose week has opened by `now`: the publication job's work. */
export function findDueCaseStudies(db: Handle, now: Date, weekId?: number) {
  return db
    .selectFrom('case_studies')
    .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
    .select('case_studies.id')
    .where('case_studies.status', '=', 'approved')
    .where('weeks.opens_at', '<=', now)
    .$if(weekId !== undefined, (qb) => qb.where('case_studies.week_id', '=', weekId!))
    .orderBy('case_studies.id')
    .limit(200)
    .execute();
}

/** The thread a case study is discussed in, made at publication. */
export async function insertCaseStudyThread(
  trx: Transaction<DB>,
  study: { forum_id: number; week_id: number; title: string; original_lang: Lang; author_id: number },
  now: Date,
) {
  const row = await trx
    .insertInto('threads')
    .values({
      forum_id: study.forum_id,
      week_id: study.week_id,
      kind: 'case_study',
      title: study.title,
      original_lang: study.original_lang,
      author_id: study.author_id,
      last_post_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function markPublished(trx: Transaction<DB>, id: number, threadId: number, now: Date): Promise<void> {
  await trx
    .updateTable('case_studies')
    .set({ status: 'published', published_at: now, thread_id: threadId, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The forum's members but the author: who hears of a publication (notify() applies the week rule). */
export async function findForumMemberIds(db: Handle, forumId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .distinct()
    .where('forum_id', '=', forumId)
    .execute();
  return rows.map((row) => row.user_id);
}
