// A key respondent's case study, from draft to publication: writing (only the key respondent
// assigned to the week, one each), submission, the organizers' review, edits that keep
// revisions, and who reads what. Before publication only its author and the organizers see a
// case study; after, whoever may read its week. Every write is one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import type { DB, Forum, Lang, Week } from '../db/schema.ts';
import { deleteDraft } from '../discussions/drafts.queries.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import { DomainError } from '../errors/domain-error.ts';
import {
  assertMayReadWeek,
  assertOrganizer,
  forumAccessById,
  forumAccessBySlug,
  preparedWeekId,
  type ForumAccess,
} from '../forums/forum-access.ts';
import { findWeek } from '../forums/forums.queries.ts';
import { resolveEntry } from '../forums/forum-lists.service.ts';
import { cleanName } from '../http/text-rules.ts';
import { notify } from '../notifications/notify.ts';
import { appendEvent } from '../events/events.queries.ts';
import { queueTranslationTasks } from '../translation-policy/translation-tasks.queries.ts';
import { currentTime } from '../time/clock.ts';
import { countQuestionsByThread } from '../questions/questions.queries.ts';
import {
  findCaseStudy,
  findCaseStudyOf,
  findCaseStudyRevisions,
  insertCaseStudy,
  listAuthorCaseStudies,
  listForumCaseStudies,
  listWeekCaseStudies,
  lockCaseStudy,
  setStatus,
  updateCaseStudyText,
  type CaseStudyRow,
  type CaseStudyText,
} from './case-studies.queries.ts';
import type { CaseStudyEdit, NewCaseStudy } from './case-studies.schemas.ts';
import { toCaseStudyView, withReadingRule, type CaseStudyView } from './case-study-view.ts';
import { publishDueCaseStudies, publishIfDue } from './publication.service.ts';
import { attachmentViewOf } from '../attachments/attachment-view.ts';
import { countAttachments, findAttachments } from '../attachments/attachments.queries.ts';
import type { CaseStudyStatus } from '../db/schema.ts';
import { archiveAuthorsFor, archivedTranslation, translatorIdsOf } from '../consent/archive-authors.ts';

interface Reader {
  user: SessionUser | null;
  lang: Lang;
}

/** While the organizers review or have approved it, the text the author submitted stays as it is. */
const AUTHOR_EDITS: CaseStudyStatus[] = ['draft', 'changes_requested', 'published'];

export function guidanceOf(forum: Forum) {
  return { minWords: forum.case_study_min_words, maxWords: forum.case_study_max_words };
}

/** Checks and renders a case study's text before any transaction opens. */
async function prepareText(
  db: Kysely<DB>,
  forum: Forum,
  authorId: number,
  input: { title: string; bodyMd: string; lang: Lang; region: string; theme: string },
  currentRegionId: number | null = null,
): Promise<CaseStudyText> {
  const title = cleanName(input.title, 'title');
  const bodyMd = input.bodyMd.trim();
  if (!bodyMd) throw new DomainError('validation', { field: 'bodyMd' });
  if (!forum.languages.includes(input.lang)) throw new DomainError('unsupported_language');
  const bodyHtml = await renderMarkdown(bodyMd, { field: 'bodyMd', authorId });
  // The region is one of the forum's own; one archived since the case study chose it may stay.
  const regionId = input.region
    ? await resolveEntry(db, 'regions', forum.id, input.region, 'region', currentRegionId)
    : null;
  return {
    title,
    bodyMd,
    bodyHtml,
    lang: input.lang,
    regionId,
    theme: input.theme.trim(),
    wordCount: countWords(bodyMd),
  };
}

/**
 * The author writes (edits, submits, withdraws) only while still the key respondent of the case
 * study's week and before the forum ends: a suspended, removed or reassigned author keeps reading
 * their text but no longer changes what the week shows, and a closed forum's archive stays as it was.
 */
async function assertAuthorMayWrite(
  db: Kysely<DB>,
  access: ForumAccess,
  week: { id: number; number: number },
  now: Date,
): Promise<void> {
  if ((await preparedWeekId(db, access)) !== week.id)
    throw new DomainError('not_week_key_respondent', { number: week.number });
  if (now >= access.forum.ends_at) throw new DomainError('week_closed', { number: week.number });
}

const weekOf = (row: CaseStudyRow) => ({ id: row.week_id, number: row.week_number });

function viewerOf(access: ForumAccess) {
  return { userId: access.user?.id ?? null, isOrganizer: access.isOrganizer };
}

/**
 * The case study and the caller's rights, published first if it is due (so a lagging job never
 * shows a member less than the rule promises). Refuses whoever may not read it: before
 * publication anyone but its author and the organizers is told it does not exist.
 */
export async function readable(db: Kysely<DB>, id: number, user: SessionUser | null, now: Date) {
  let row = await findCaseStudy(db, id);
  if (!row) throw new DomainError('not_found');
  if (row.status === 'approved' && row.week_opens_at <= now) {
    await db.transaction().execute((trx) => publishIfDue(trx, id, now));
    row = (await findCaseStudy(db, id))!;
  }
  const access = await forumAccessById(db, row.forum_id, user);
  const insider = access.isOrganizer || row.author_id === user?.id;
  if (!insider) {
    if (row.status !== 'published') throw new DomainError('not_found');
    assertMayReadWeek(
      access,
      { number: row.week_number, opens_at: row.week_opens_at, closes_at: row.week_closes_at } as Week,
      now,
    );
  }
  // As in the proceedings, a case study whose author chose not to appear is not in the public archive.
  const archive = await archiveAuthorsFor(db, access, [row.author_id], user?.interfaceLang ?? 'en');
  if (archive && !archive(row.author_id, row.author_name).shown) throw new DomainError('not_found');
  return { row, access };
}

/** The case studies as the public archive shows them: by name, anonymously (no organisation), or left out. */
async function inPublicArchive<T extends CaseStudyView>(
  db: Kysely<DB>,
  access: ForumAccess,
  views: T[],
  lang: Lang,
): Promise<T[]> {
  const archive = await archiveAuthorsFor(
    db,
    access,
    [...views.map((view) => view.author.id), ...translatorIdsOf(views)],
    lang,
  );
  if (!archive) return views;
  return views.flatMap((view) => {
    const author = archive(view.author.id, view.author.displayName);
    if (!author.shown) return [];
    const translated = {
      ...view,
      translation: archivedTranslation(view.translation, archive),
      titleTranslation: archivedTranslation(view.titleTranslation, archive),
    };
    if (author.id !== 0) return [translated];
    return [{ ...translated, author: { ...view.author, id: 0, displayName: author.displayName, organisation: null } }];
  });
}

async function viewFor(db: Kysely<DB>, row: CaseStudyRow, access: ForumAccess, reader: Reader): Promise<CaseStudyView> {
  const [view] = await withReadingRule(db, [toCaseStudyView(row, viewerOf(access))], reader.user, reader.lang);
  const [shown] = await inPublicArchive(db, access, [view!], reader.lang);
  if (!shown) throw new DomainError('not_found');
  return shown;
}

export async function getCaseStudy(db: Kysely<DB>, id: number, reader: Reader, now = currentTime()) {
  const { row, access } = await readable(db, id, reader.user, now);
  const attachments = (await findAttachments(db, 'case_study', [id])).map(attachmentViewOf('case_study'));
  return { caseStudy: await viewFor(db, row, access, reader), guidance: guidanceOf(access.forum), attachments };
}

export async function listCaseStudyRevisions(
  db: Kysely<DB>,
  id: number,
  user: SessionUser | null,
  now = currentTime(),
) {
  const { row: study, access } = await readable(db, id, user, now);
  const all = await findCaseStudyRevisions(db, id);
  // Readers see the history from the published text on: the drafts and the versions the
  // organizers sent back stay between the author and the organizers.
  const insider = access.isOrganizer || study.author_id === user?.id;
  const published = insider
    ? 0
    : Math.max(0, ...all.filter((row) => row.created_at <= study.published_at!).map((row) => row.revision));
  const rows = all.filter((row) => row.revision >= published);
  return rows.map((row) => ({
    revision: row.revision,
    title: row.title,
    lang: row.original_lang,
    html: row.body_html,
    editorName: row.editor_name,
    createdAt: row.created_at.toISOString(),
  }));
}

/** Only the key respondent assigned to the week writes its case study, before or after it opens. */
export async function createCaseStudy(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  input: NewCaseStudy,
  reader: Reader,
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, user);
  const week = await findWeek(db, access.forum.id, input.weekNumber);
  if (!week) throw new DomainError('not_found');
  await assertAuthorMayWrite(db, access, week, now);
  const text = await prepareText(db, access.forum, user.id, input);
  const id = await db.transaction().execute(async (trx) => {
    const replay = async () => {
      const existing = await findCaseStudyOf(trx, week.id, user.id);
      if (!existing) return undefined;
      // The same request again (a double click, a retry) gets the same case study.
      if (existing.idempotency_key !== input.idempotencyKey) throw new DomainError('case_study_exists');
      return existing.id;
    };
    const earlier = await replay();
    if (earlier !== undefined) return earlier;
    const inserted = await insertCaseStudy(trx, {
      ...text,
      forumId: access.forum.id,
      weekId: week.id,
      authorId: user.id,
      idempotencyKey: input.idempotencyKey,
      now,
    });
    if (input.draftKey) await deleteDraft(trx, user.id, input.draftKey);
    // A concurrent create won the unique (week, author): answer as its replay would.
    return inserted ?? (await replay())!;
  });
  const row = (await findCaseStudy(db, id))!;
  return { caseStudy: await viewFor(db, row, access, reader), guidance: guidanceOf(access.forum) };
}

/**
 * The author edits while writing, when changes are asked, and after publication; organizers
 * at any stage. After publication each edit marks translations outdated and queues new tasks.
 */
export async function editCaseStudy(
  db: Kysely<DB>,
  id: number,
  user: SessionUser,
  input: CaseStudyEdit,
  reader: Reader,
  now = currentTime(),
) {
  const { access, mayEdit, row } = await editableCaseStudy(db, id, user, now);
  const text = await prepareText(db, access.forum, user.id, input, row.region_id);
  await db.transaction().execute(async (trx) => {
    const locked = (await lockCaseStudy(trx, id))!;
    // Submitted or approved meanwhile: the organizers are looking at this text.
    if (!mayEdit(locked.status)) throw new DomainError('case_study_state');
    const revision = await updateCaseStudyText(trx, id, input.baseRevision, user.id, text, now);
    if (revision === undefined) throw new DomainError('edit_conflict');
    if (input.draftKey) await deleteDraft(trx, user.id, input.draftKey);
    if (locked.status === 'published' && locked.thread_id !== null)
      await afterPublishedEdit(trx, { ...locked, revision }, text);
  });
  const updated = (await findCaseStudy(db, id))!;
  return { caseStudy: await viewFor(db, updated, access, reader), guidance: guidanceOf(access.forum) };
}

/**
 * The case study if the caller may change it now (its text, its attachments): organizers at any
 * stage; the author while writing, when changes are asked and after publication, and only while
 * still the week's key respondent. `mayEdit` rechecks a status read again under a row lock.
 */
export async function editableCaseStudy(db: Kysely<DB>, id: number, user: SessionUser, now = currentTime()) {
  const { row, access } = await readable(db, id, user, now);
  const mine = row.author_id === user.id;
  const mayEdit = (status: CaseStudyStatus) => access.isOrganizer || (mine && AUTHOR_EDITS.includes(status));
  if (!access.isOrganizer && !mine) throw new DomainError('forbidden');
  if (!access.isOrganizer) await assertAuthorMayWrite(db, access, weekOf(row), now);
  if (!mayEdit(row.status)) throw new DomainError('case_study_state');
  return { row, access, mayEdit };
}

/** A published case study's edit reaches its thread's title, the translation queue and open pages. */
async function afterPublishedEdit(
  trx: Transaction<DB>,
  study: { id: number; forum_id: number; week_id: number; thread_id: number | null; revision: number },
  text: CaseStudyText,
) {
  const item = { forumId: study.forum_id, weekId: study.week_id, sourceLang: text.lang };
  // A new title (or the same words now said to be in another language) outdates the title's
  // translations: a new title revision, and tasks for it as the policy says.
  const retitled = await trx
    .updateTable('threads')
    .set((eb) => ({ title: text.title, original_lang: text.lang, title_revision: eb('title_revision', '+', 1) }))
    .where('id', '=', study.thread_id!)
    .where((eb) => eb.or([eb('title', '<>', text.title), eb('original_lang', '<>', text.lang)]))
    .returning('title_revision')
    .executeTakeFirst();
  if (retitled)
    await queueTranslationTasks(trx, {
      ...item,
      itemType: 'thread_title',
      itemId: study.thread_id!,
      sourceRevision: retitled.title_revision,
    });
  await queueTranslationTasks(trx, {
    ...item,
    itemType: 'case_study',
    itemId: study.id,
    sourceRevision: study.revision,
  });
  const row = (await findCaseStudy(trx, study.id))!;
  await appendEvent(trx, {
    forumId: study.forum_id,
    weekId: study.week_id,
    threadId: null,
    type: 'case_study.edited',
    payload: { caseStudy: toCaseStudyView(row, { userId: null, isOrganizer: false }) },
  });
}

/**
 * Applies a move from one of the `from` states under a row lock; a repeat of a move already
 * made (the case study is in a `done` state, after a double click) is answered with the
 * current state rather than an error.
 */
async function transition(
  db: Kysely<DB>,
  id: number,
  user: SessionUser,
  reader: Reader,
  now: Date,
  rule: {
    who: 'author' | 'organizer';
    from: CaseStudyStatus[];
    done: CaseStudyStatus[];
    apply: (trx: Transaction<DB>, row: CaseStudyRow, access: ForumAccess) => Promise<void>;
  },
) {
  const { row: found, access } = await readable(db, id, user, now);
  if (rule.who === 'organizer') assertOrganizer(access);
  else if (found.author_id !== user.id) throw new DomainError('forbidden');
  else await assertAuthorMayWrite(db, access, weekOf(found), now);
  await db.transaction().execute(async (trx) => {
    const locked = (await lockCaseStudy(trx, id))!;
    if (rule.done.includes(locked.status)) return;
    if (!rule.from.includes(locked.status)) throw new DomainError('case_study_state');
    await rule.apply(trx, (await findCaseStudy(trx, id))!, access);
  });
  const row = (await findCaseStudy(db, id))!;
  return { caseStudy: await viewFor(db, row, access, reader) };
}

export function submitCaseStudy(db: Kysely<DB>, id: number, user: SessionUser, reader: Reader, now = currentTime()) {
  return transition(db, id, user, reader, now, {
    who: 'author',
    from: ['draft', 'changes_requested'],
    done: ['submitted'],
    apply: (trx) => setStatus(trx, id, { status: 'submitted', now, submitted: true }),
  });
}

/** The author takes a submitted case study back to keep writing, before any decision. */
export function withdrawCaseStudy(db: Kysely<DB>, id: number, user: SessionUser, reader: Reader, now = currentTime()) {
  return transition(db, id, user, reader, now, {
    who: 'author',
    from: ['submitted'],
    done: ['draft'],
    apply: (trx) => setStatus(trx, id, { status: 'draft', now }),
  });
}

export function requestChanges(
  db: Kysely<DB>,
  id: number,
  user: SessionUser,
  comment: string,
  reader: Reader,
  now = currentTime(),
) {
  const text = comment.trim();
  if (!text) throw new DomainError('validation', { field: 'comment' });
  return transition(db, id, user, reader, now, {
    // An approval can be taken back while the week has not opened; a published one is edited instead.
    // A repeat (double click) answers with the comment already sent; a new one waits for the next submission.
    who: 'organizer',
    from: ['submitted', 'approved'],
    done: ['changes_requested'],
    apply: async (trx, row) => {
      await setStatus(trx, id, { status: 'changes_requested', now, reviewComment: text, reviewedBy: user.id });
      await notifyReview(trx, row, 'changes_requested', user.id, text, now);
    },
  });
}

/** Approval; a case study approved after its week opened is published at once, in the same transaction. */
export function approveCaseStudy(db: Kysely<DB>, id: number, user: SessionUser, reader: Reader, now = currentTime()) {
  return transition(db, id, user, reader, now, {
    who: 'organizer',
    from: ['submitted'],
    done: ['approved', 'published'],
    apply: async (trx, row) => {
      await setStatus(trx, id, {
        status: 'approved',
        now,
        approved: true,
        approvedBy: user.id,
        reviewedBy: user.id,
        reviewComment: null,
      });
      await notifyReview(trx, row, 'approved', user.id, null, now);
      await publishIfDue(trx, id, now);
    },
  });
}

/** Tells the author of the organizers' decision; no week is given, so it reaches them before the week opens. */
async function notifyReview(
  trx: Transaction<DB>,
  row: CaseStudyRow,
  action: 'changes_requested' | 'approved',
  actorId: number,
  comment: string | null,
  now: Date,
) {
  await notify(
    trx,
    {
      type: 'case_study.review',
      userIds: [row.author_id],
      forumId: row.forum_id,
      actorId,
      payload: { caseStudyId: row.id, action, title: row.title, weekNumber: row.week_number, comment },
    },
    now,
  );
}

export async function listForReview(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  status: CaseStudyStatus | undefined,
  reader: Reader,
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  await publishDueCaseStudies(db, now);
  const rows = await listForumCaseStudies(db, access.forum.id, status);
  return withReadingRule(
    db,
    rows.map((row) => toCaseStudyView(row, viewerOf(access))),
    reader.user,
    reader.lang,
  );
}

export async function listMine(db: Kysely<DB>, slug: string, user: SessionUser, reader: Reader) {
  const access = await forumAccessBySlug(db, slug, user);
  const weekId = await preparedWeekId(db, access);
  const week =
    weekId === null
      ? undefined
      : await db.selectFrom('weeks').select(['id', 'number', 'opens_at']).where('id', '=', weekId).executeTakeFirst();
  const rows = await listAuthorCaseStudies(db, access.forum.id, user.id);
  return {
    assignedWeek: week ? { id: week.id, number: week.number, opensAt: week.opens_at.toISOString() } : null,
    guidance: guidanceOf(access.forum),
    caseStudies: await withReadingRule(
      db,
      rows.map((row) => toCaseStudyView(row, viewerOf(access))),
      reader.user,
      reader.lang,
    ),
  };
}

/**
 * A week's published case studies for its page, publishing first those due whose job lagged.
 * Before the week opens nobody but organizers gets any (a key respondent preparing reads the
 * readings, and their own case study through its own route).
 */
export async function weekCaseStudies(
  db: Kysely<DB>,
  access: ForumAccess,
  week: Week,
  reader: Reader,
  now = currentTime(),
) {
  if (week.opens_at > now) return [];
  let rows = await listWeekCaseStudies(db, week.id);
  if (rows.some((row) => row.status === 'approved')) {
    await publishDueCaseStudies(db, now, week.id);
    rows = await listWeekCaseStudies(db, week.id);
  }
  const views = await inPublicArchive(
    db,
    access,
    await withReadingRule(
      db,
      rows.filter((row) => row.status === 'published').map((row) => toCaseStudyView(row, viewerOf(access))),
      reader.user,
      reader.lang,
    ),
    reader.lang,
  );
  // Questions' counts (server/questions): one statement for all the week's case studies.
  const counts = await countQuestionsByThread(
    db,
    views.flatMap((view) => (view.threadId === null ? [] : [view.threadId])),
  );
  const attachments = await countAttachments(
    db,
    'case_study',
    views.map((view) => view.id),
  );
  return views.map((view) => ({
    ...view,
    questions: (view.threadId !== null && counts.get(view.threadId)) || { answered: 0, unanswered: 0 },
    attachmentCount: attachments.get(view.id) ?? 0,
  }));
}
