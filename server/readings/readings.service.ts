// Readings as organizers keep them: add, edit, reorder, unpublish and republish a week's
// readings from the console, with the translation queue following as the content import makes
// it follow (a task per language the policy asks for and no version gives by hand; an edited
// original is a new revision, so earlier translations show as outdated). Readers get one
// reading at a time through readerReading (reading-page.service.ts).
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessById, forumAccessBySlug, type ForumAccess } from '../forums/forum-access.ts';
import { findWeek, findWeekTexts } from '../forums/forums.queries.ts';
import { chooseForInterface } from '../translation-policy/text-choice.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import { cleanName } from '../http/text-rules.ts';
import { queueTranslationTasks, withdrawTasks } from '../translation-policy/translation-tasks.queries.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import {
  findReadingByKey,
  findReadingWithWeek,
  findTexts,
  insertReading,
  listWeekReadings,
  lockReading,
  lockWeek,
  nextPosition,
  replaceTexts,
  setReadingPosition,
  takenSlugs,
  updateReading,
  withdrawTasksFor,
  type TextRow,
} from './readings.queries.ts';
import type { ReadingInput } from './readings.schemas.ts';
import { attachmentViewOf } from '../attachments/attachment-view.ts';
import { findAttachments } from '../attachments/attachments.queries.ts';
import { readingSlug } from './reading-slug.ts';
import { attachUploads } from './reading-uploads.service.ts';

type ReadingRow = Awaited<ReturnType<typeof listWeekReadings>>[number];

/** The week an organizer edits, by its forum's slug and number. */
export async function organizerWeek(db: Kysely<DB>, slug: string, number: number, user: SessionUser) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const week = await findWeek(db, access.forum.id, number);
  if (!week) throw new DomainError('not_found');
  return { access, week };
}

/** A reading an organizer edits, by its id: organizers of another forum are refused. */
export async function organizerReading(db: Kysely<DB>, readingId: number, user: SessionUser) {
  const reading = await findReadingWithWeek(db, readingId);
  if (!reading) throw new DomainError('not_found');
  const access = await forumAccessById(db, reading.forum_id, user);
  assertOrganizer(access);
  return { access, reading };
}

/** Checks the versions against the forum and renders them, before any transaction opens (rendering runs in a worker). */
async function renderInput(access: ForumAccess, input: ReadingInput, user: SessionUser): Promise<TextRow[]> {
  const langs = input.texts.map((text) => text.lang);
  if (new Set(langs).size !== langs.length) throw new DomainError('validation', { field: 'texts' });
  if (!langs.includes(input.originalLang)) throw new DomainError('validation', { field: 'originalLang' });
  if (langs.some((lang) => !access.forum.languages.includes(lang))) throw new DomainError('unsupported_language');
  return Promise.all(
    input.texts.map(async (text, i) => ({
      lang: text.lang,
      title: cleanName(text.title, `texts.${i}.title`),
      body_md: text.bodyMd,
      body_html: await renderMarkdown(text.bodyMd, { field: `texts.${i}.bodyMd`, authorId: user.id }),
    })),
  );
}

async function editorViews(db: Kysely<DB> | Transaction<DB>, rows: ReadingRow[]) {
  const ids = rows.map((row) => row.id);
  const [texts, attachments] = await Promise.all([findTexts(db, ids), findAttachments(db, 'reading', ids)]);
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    position: row.position,
    originalLang: row.original_lang,
    revision: row.revision,
    published: row.unpublished_at === null,
    updatedAt: row.updated_at.toISOString(),
    texts: texts
      .filter((text) => text.reading_id === row.id)
      .map((text) => ({ lang: text.lang, title: text.title, bodyMd: text.body_md })),
    attachments: attachments.filter((a) => a.reading_id === row.id).map(attachmentViewOf('reading')),
  }));
}

async function editorView(db: Kysely<DB> | Transaction<DB>, readingId: number) {
  const row = await db.selectFrom('readings').selectAll().where('id', '=', readingId).executeTakeFirstOrThrow();
  return (await editorViews(db, [row]))[0]!;
}

/** Every reading of a week, published or not, with every version's Markdown: the console's editor. */
export async function listReadingsForEditor(
  db: Kysely<DB>,
  slug: string,
  number: number,
  user: SessionUser,
  lang: Lang,
) {
  const { access, week } = await organizerWeek(db, slug, number, user);
  const [weekTexts, rows] = await Promise.all([findWeekTexts(db, week.id), listWeekReadings(db, week.id)]);
  const title = chooseForInterface(weekTexts, { lang, readingLangs: user.readingLangs });
  return {
    week: { number: week.number, title: { lang: title?.lang ?? lang, value: title?.title ?? '' } },
    languages: access.forum.languages,
    readings: await editorViews(db, rows),
  };
}

/**
 * Queues the policy's tasks for a published reading's current revision, toward every language
 * no version gives by hand. Only called when the original is new or changed, or the reading
 * comes back: otherwise live tasks (and translators' claims on them) are left alone.
 */
function queueFor(
  trx: Transaction<DB>,
  forumId: number,
  weekId: number,
  readingId: number,
  originalLang: Lang,
  revision: number,
  given: Lang[],
) {
  return queueTranslationTasks(
    trx,
    { forumId, weekId, itemType: 'reading', itemId: readingId, sourceLang: originalLang, sourceRevision: revision },
    { except: given },
  );
}

export async function createReading(
  db: Kysely<DB>,
  slug: string,
  number: number,
  user: SessionUser,
  input: ReadingInput & { idempotencyKey: string; uploads?: string[] },
) {
  const { access, week } = await organizerWeek(db, slug, number, user);
  const texts = await renderInput(access, input, user);
  return db.transaction().execute(async (trx) => {
    await lockWeek(trx, week.id);
    const repeated = await findReadingByKey(trx, week.id, input.idempotencyKey);
    if (repeated) return { reading: await editorView(trx, repeated.id), created: false };
    const original = texts.find((text) => text.lang === input.originalLang)!;
    const { id } = await insertReading(trx, {
      weekId: week.id,
      slug: readingSlug(original.title, await takenSlugs(trx, week.id)),
      position: await nextPosition(trx, week.id),
      originalLang: input.originalLang,
      idempotencyKey: input.idempotencyKey,
    });
    await replaceTexts(trx, id, texts);
    await queueFor(
      trx,
      access.forum.id,
      week.id,
      id,
      input.originalLang,
      1,
      texts.map((text) => text.lang),
    );
    await writeAudit(trx, {
      forumId: access.forum.id,
      actorId: user.id,
      action: 'reading.created',
      targetType: 'reading',
      targetId: id,
    });
    // Its files in the same transaction: one missing or over the limit, and no reading is created.
    await attachUploads(trx, access.forum.id, id, user, input.uploads ?? []);
    return { reading: await editorView(trx, id), created: true };
  });
}

function sameContent(
  lang: Lang,
  current: { lang: Lang; title: string; body_md: string }[],
  newLang: Lang,
  texts: TextRow[],
): boolean {
  return (
    lang === newLang &&
    current.length === texts.length &&
    texts.every((text) =>
      current.some((row) => row.lang === text.lang && row.title === text.title && row.body_md === text.body_md),
    )
  );
}

export async function editReading(
  db: Kysely<DB>,
  readingId: number,
  user: SessionUser,
  input: ReadingInput & { baseVersion: string; uploads?: string[] },
) {
  const { access, reading } = await organizerReading(db, readingId, user);
  const texts = await renderInput(access, input, user);
  return db.transaction().execute(async (trx) => {
    const row = await lockReading(trx, readingId);
    if (!row) throw new DomainError('not_found');
    const before = await findTexts(trx, [readingId]);
    if (row.updated_at.getTime() !== new Date(input.baseVersion).getTime()) {
      // The same edit sent twice (a double click, a retry after a lost answer) finds its own
      // result: answered as done, not as someone else's change.
      if (sameContent(row.original_lang, before, input.originalLang, texts)) return editorView(trx, readingId);
      throw new DomainError('reading_changed');
    }
    const oldOriginal = before.find((text) => text.lang === row.original_lang)?.body_md;
    const newOriginal = texts.find((text) => text.lang === input.originalLang)!.body_md;
    const originalChanged = row.original_lang !== input.originalLang || oldOriginal !== newOriginal;
    await replaceTexts(trx, readingId, texts);
    const { revision } = await updateReading(trx, readingId, {
      originalLang: input.originalLang,
      bumpRevision: originalChanged,
    });
    const given = texts.map((text) => text.lang);
    if (originalChanged && row.unpublished_at === null) {
      await queueFor(trx, access.forum.id, reading.week_id, readingId, input.originalLang, revision, given);
    }
    // A language now written by hand needs no translator.
    const newlyGiven = given.filter((lang) => !before.some((text) => text.lang === lang));
    await withdrawTasksFor(trx, readingId, newlyGiven, user.id);
    await writeAudit(trx, {
      forumId: access.forum.id,
      actorId: user.id,
      action: 'reading.edited',
      targetType: 'reading',
      targetId: readingId,
    });
    await attachUploads(trx, access.forum.id, readingId, user, input.uploads ?? []);
    return editorView(trx, readingId);
  });
}

/** Puts the week's readings in the given order; the list must name each of them once. */
export async function reorderReadings(db: Kysely<DB>, slug: string, number: number, user: SessionUser, ids: number[]) {
  const { access, week } = await organizerWeek(db, slug, number, user);
  return db.transaction().execute(async (trx) => {
    await lockWeek(trx, week.id);
    const rows = await listWeekReadings(trx, week.id);
    const current = new Set(rows.map((row) => row.id));
    if (ids.length !== current.size || new Set(ids).size !== ids.length || ids.some((id) => !current.has(id))) {
      throw new DomainError('validation', { field: 'ids' });
    }
    const moved = ids.filter((id, index) => rows.find((row) => row.id === id)!.position !== index + 1);
    for (const id of moved) await setReadingPosition(trx, id, ids.indexOf(id) + 1);
    if (moved.length > 0) {
      // The week's number is in the action: the list, not one reading, is what changed.
      await writeAudit(trx, {
        forumId: access.forum.id,
        actorId: user.id,
        action: `reading.reordered_week_${week.number}`,
        targetType: 'forum',
        targetId: access.forum.id,
      });
    }
    return editorViews(trx, await listWeekReadings(trx, week.id));
  });
}

/**
 * Unpublishing hides a reading from everyone but organizers and withdraws its translation
 * tasks; republishing shows it again and queues what its current revision still needs.
 */
export async function setReadingPublished(db: Kysely<DB>, readingId: number, user: SessionUser, published: boolean) {
  const { access, reading } = await organizerReading(db, readingId, user);
  return db.transaction().execute(async (trx) => {
    const row = await lockReading(trx, readingId);
    if (!row) throw new DomainError('not_found');
    if ((row.unpublished_at === null) === published) return editorView(trx, readingId);
    const { revision } = await updateReading(trx, readingId, { unpublishedAt: published ? null : new Date() });
    if (published) {
      const given = (await findTexts(trx, [readingId])).map((text) => text.lang);
      await queueFor(trx, access.forum.id, reading.week_id, readingId, row.original_lang, revision, given);
    } else {
      await withdrawTasks(trx, 'reading', [readingId], user.id);
    }
    await writeAudit(trx, {
      forumId: access.forum.id,
      actorId: user.id,
      action: published ? 'reading.published' : 'reading.unpublished',
      targetType: 'reading',
      targetId: readingId,
    });
    return editorView(trx, readingId);
  });
}
