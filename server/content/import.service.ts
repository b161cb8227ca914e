// Loads forum programmes into the database. Idempotent: every row is upserted only when its
// content differs, texts and readings that left the files are removed, and the number of
// rows actually changed is returned (0 on a second run over the same files).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { addDays, localDate } from '../forums/forum-calendar.ts';
import { deriveInstants } from '../forums/schedule.rules.ts';
import { syncForumLists, syncWeekSeats } from './content-lists.ts';
import { ContentError, readProgramme, weekStartDays, type Edition, type Programme } from './content-files.ts';
import { parseGlossaryCsv } from '../translations/glossary-csv.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertLimitsHoldSeats } from '../forums/seat-limits.ts';
import { renderContentMarkdown } from '../markdown/markdown.ts';
import { queueTranslationTasks } from '../translation-policy/translation-tasks.queries.ts';
import { storeAttachment } from '../attachments/attachment-store.ts';
import { sniffAttachmentType } from '../attachments/attachment-type.ts';

export interface ImportOptions {
  /** The day of import, for editions whose dates are relative to it. */
  now?: Date;
  /** Recompute the dates of relative editions that were imported before. */
  reschedule?: boolean;
  /** Where reading attachments are stored (config.attachmentsDir); without it, attachment files are not loaded. */
  attachmentsDir?: string;
}

export interface ImportResult {
  forums: string[];
  changedRows: number;
}

/** Imports every programme under `<contentDir>/forums/`. */
export async function importContent(db: Kysely<DB>, contentDir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const forumsDir = path.join(contentDir, 'forums');
  const programmes = readdirSync(forumsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readProgramme(path.join(forumsDir, entry.name)));
  const result: ImportResult = { forums: [], changedRows: 0 };
  for (const programme of programmes) {
    for (const edition of programme.editions) {
      result.changedRows += await db.transaction().execute((trx) => importEdition(trx, programme, edition, options));
      result.forums.push(edition.slug);
    }
  }
  return result;
}

async function editionDates(trx: Transaction<DB>, programme: Programme, edition: Edition, options: ImportOptions) {
  if (edition.startsOn && edition.endsOn && edition.applicationDeadline) {
    return { startsOn: edition.startsOn, endsOn: edition.endsOn, deadlineOn: edition.applicationDeadline };
  }
  const existing = await trx.selectFrom('forums').select(['starts_on', 'ends_on', 'application_deadline']).where('slug', '=', edition.slug).executeTakeFirst();
  if (existing && !options.reschedule) {
    return { startsOn: existing.starts_on, endsOn: existing.ends_on, deadlineOn: addDays(localDate(existing.application_deadline, programme.timeZone), -1) };
  }
  const today = localDate(options.now ?? new Date(), programme.timeZone);
  const startsOn = addDays(today, -7 * ((edition.weekOpenOnImport ?? 1) - 1));
  const endsOn = addDays(startsOn, 7 * programme.weekCount - 3);
  // A live edition takes members while it runs.
  return { startsOn, endsOn, deadlineOn: endsOn };
}

/** The settings an exported edition states; left out, the database keeps its own (console edits, defaults). */
function optionalSettings(edition: Edition) {
  return {
    ...(edition.invitationOnly === undefined ? {} : { invitation_only: edition.invitationOnly }),
    ...(edition.descriptionWordLimit === undefined ? {} : { description_word_limit: edition.descriptionWordLimit }),
    ...(edition.keyRespondentLimit === undefined ? {} : { key_respondent_limit: edition.keyRespondentLimit }),
    ...(edition.keyRespondentsPerWeek === undefined ? {} : { key_respondents_per_week: edition.keyRespondentsPerWeek }),
    ...(edition.caseStudyMinWords === undefined ? {} : { case_study_min_words: edition.caseStudyMinWords }),
    ...(edition.caseStudyMaxWords === undefined ? {} : { case_study_max_words: edition.caseStudyMaxWords }),
    ...(edition.questionTargetHours === undefined ? {} : { question_target_hours: edition.questionTargetHours }),
  };
}

/** The limits a file gives must hold the seats organizers already gave, as in the console. */
async function assertEditionLimits(trx: Transaction<DB>, programme: Programme, edition: Edition, forumId: number): Promise<void> {
  if (edition.keyRespondentLimit === undefined && edition.keyRespondentsPerWeek === undefined) return;
  const limits = await trx.selectFrom('forums').select(['key_respondent_limit', 'key_respondents_per_week']).where('id', '=', forumId).forUpdate().executeTakeFirstOrThrow();
  try {
    await assertLimitsHoldSeats(trx, forumId, { total: limits.key_respondent_limit, perWeek: limits.key_respondents_per_week });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The seat check's refusal counts seats and names a week by its number.
    const { taken, inWeek, number } = error.params as { taken: number; inWeek: number; number: number };
    throw new ContentError(path.join(programme.dir, 'forum.yaml'),
      `edition ${edition.slug}: key_respondent_limit ${limits.key_respondent_limit} / key_respondents_per_week ${limits.key_respondents_per_week} are below the ${taken} key respondents already appointed (${inWeek} in week ${number})`);
  }
}

async function importEdition(trx: Transaction<DB>, programme: Programme, edition: Edition, options: ImportOptions): Promise<number> {
  let changed = 0;
  const { startsOn, endsOn, deadlineOn } = await editionDates(trx, programme, edition, options);
  // The instants the console's schedule derives from the same days, so an exported forum comes back to the minute.
  const calendar = deriveInstants({
    timeZone: programme.timeZone, startsOn, endsOn, deadlineOn,
    weeks: weekStartDays(edition, startsOn, programme.weekCount).map((day, index) => ({ number: index + 1, startsOn: day })),
  });
  const forumValues = {
    slug: edition.slug,
    time_zone: programme.timeZone,
    languages: programme.languages,
    starts_on: startsOn,
    ends_on: endsOn,
    starts_at: calendar.startsAt,
    ends_at: calendar.endsAt,
    application_deadline: calendar.applicationDeadline,
    published: edition.published ?? true,
    open_enrolment: edition.openEnrolment,
    ...optionalSettings(edition),
    public_archive: edition.publicArchive,
    weeks_close_at_end: programme.weeksCloseAtEnd,
    translation_target_hours: programme.translationTargetHours,
    translation_claim_minutes: programme.translationClaimMinutes,
    translation_review_required: programme.translationReviewRequired,
  };
  const forumColumns = Object.keys(forumValues).filter((c) => c !== 'slug') as (keyof typeof forumValues)[];
  const upserted = await trx
    .insertInto('forums')
    .values(forumValues)
    .onConflict((oc) => oc.column('slug').doUpdateSet((eb) => ({
      ...Object.fromEntries(forumColumns.map((c) => [c, eb.ref(`excluded.${c}`)])),
      updated_at: sql`now()`,
    })).where(sql<boolean>`(${sql.join(forumColumns.map((c) => sql.ref(`forums.${c}`)))}) IS DISTINCT FROM (${sql.join(forumColumns.map((c) => sql.ref(`excluded.${c}`)))})`))
    .returning('id')
    .executeTakeFirst();
  const forumId = upserted?.id ?? (await trx.selectFrom('forums').select('id').where('slug', '=', edition.slug).executeTakeFirstOrThrow()).id;
  if (upserted) changed++;
  await assertEditionLimits(trx, programme, edition, forumId);

  changed += await upsertTexts(trx, 'forum_texts', 'forum_id', forumId, [...programme.call].map(([lang, call]) => ({
    lang,
    title: edition.titleSuffix[lang] ? `${call.title} ${edition.titleSuffix[lang]}` : call.title,
    summary: call.summary,
    call_md: call.body,
    call_html: renderContentMarkdown(call.body, `call.${lang}.md`),
  })));

  changed += await syncTranslationRules(trx, forumId, programme.translationPolicy);
  changed += await syncForumLists(trx, forumId, programme.lists);
  if (programme.glossaryCsv) changed += await seedGlossary(trx, forumId, programme.glossaryCsv, programme.dir);

  for (const week of programme.weeks) {
    const dates = calendar.weeks[week.number - 1]!;
    // A file without week_writing_closes_at_end leaves each week's own setting as the database has it.
    const closingGiven = week.writingClosesAtEnd !== undefined;
    const weekValues = {
      forum_id: forumId, number: week.number, starts_on: dates.startsOn, opens_at: dates.opensAt, closes_at: dates.closesAt, original_lang: week.originalLang,
      writing_closes_at_end: week.writingClosesAtEnd ?? null,
    };
    const weekRow = await trx.insertInto('weeks').values(weekValues)
      .onConflict((oc) => oc.columns(['forum_id', 'number']).doUpdateSet((eb) => ({
        starts_on: eb.ref('excluded.starts_on'), opens_at: eb.ref('excluded.opens_at'), closes_at: eb.ref('excluded.closes_at'),
        original_lang: eb.ref('excluded.original_lang'),
        writing_closes_at_end: closingGiven ? eb.ref('excluded.writing_closes_at_end') : eb.ref('weeks.writing_closes_at_end'),
      })).where(sql<boolean>`(weeks.starts_on, weeks.opens_at, weeks.closes_at, weeks.original_lang, ${closingGiven ? sql`weeks.writing_closes_at_end` : sql`NULL::boolean`}) IS DISTINCT FROM (excluded.starts_on, excluded.opens_at, excluded.closes_at, excluded.original_lang, ${closingGiven ? sql`excluded.writing_closes_at_end` : sql`NULL::boolean`})`))
      .returning('id').executeTakeFirst();
    if (weekRow) changed++;
    const weekId = weekRow?.id ?? (await trx.selectFrom('weeks').select('id').where('forum_id', '=', forumId).where('number', '=', week.number).executeTakeFirstOrThrow()).id;

    const before = await trx.selectFrom('week_texts').select('summary_md').where('week_id', '=', weekId).where('lang', '=', week.originalLang).executeTakeFirst();
    changed += await upsertTexts(trx, 'week_texts', 'week_id', weekId, [...week.texts].map(([lang, text]) => ({
      lang, title: text.title, summary_md: text.body, summary_html: renderContentMarkdown(text.body, `week ${week.number}: week.${lang}.md`),
    })));
    changed += await queueContentTranslations(trx, {
      forumId, weekId, itemType: 'week', itemId: weekId, originalLang: week.originalLang, givenLangs: [...week.texts.keys()],
      original: week.texts.get(week.originalLang)!.body, previousOriginal: before?.summary_md,
    });
    changed += await syncReadings(trx, forumId, weekId, week.readings, options.now ?? new Date(), options.attachmentsDir);
  }
  changed += await syncWeekSeats(trx, forumId, edition.weekSeats);
  return changed;
}

type TextTable = 'forum_texts' | 'week_texts' | 'reading_texts';
type OwnerColumn = 'forum_id' | 'week_id' | 'reading_id';

/** Upserts one row per language for an owner and deletes languages no longer present. */
async function upsertTexts(trx: Transaction<DB>, table: TextTable, owner: OwnerColumn, ownerId: number, rows: ({ lang: Lang } & Record<string, string>)[]): Promise<number> {
  let changed = 0;
  for (const row of rows) {
    const columns = Object.keys(row).filter((c) => c !== 'lang');
    const result = await sql<{ lang: string }>`
      INSERT INTO ${sql.table(table)} (${sql.ref(owner)}, lang, ${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES (${ownerId}, ${row.lang}, ${sql.join(columns.map((c) => row[c]))})
      ON CONFLICT (${sql.ref(owner)}, lang) DO UPDATE SET ${sql.join(columns.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}
      WHERE (${sql.join(columns.map((c) => sql`${sql.table(table)}.${sql.ref(c)}`))}) IS DISTINCT FROM (${sql.join(columns.map((c) => sql`excluded.${sql.ref(c)}`))})
      RETURNING lang`.execute(trx);
    changed += result.rows.length;
  }
  const kept = rows.map((row) => row.lang);
  const removed = await sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(owner)} = ${ownerId} AND NOT (lang = ANY(${kept}::text[])) RETURNING lang`.execute(trx);
  return changed + removed.rows.length;
}

async function syncTranslationRules(trx: Transaction<DB>, forumId: number, policy: { from: Lang; to: Lang }[]): Promise<number> {
  const wanted = new Set(policy.map((rule) => `${rule.from}>${rule.to}`));
  const existing = await trx.selectFrom('translation_rules').select(['source_lang', 'target_lang']).where('forum_id', '=', forumId).execute();
  let changed = 0;
  for (const rule of existing) {
    if (!wanted.delete(`${rule.source_lang}>${rule.target_lang}`)) {
      await trx.deleteFrom('translation_rules').where('forum_id', '=', forumId)
        .where('source_lang', '=', rule.source_lang).where('target_lang', '=', rule.target_lang).execute();
      changed++;
    }
  }
  for (const key of wanted) {
    const [source_lang, target_lang] = key.split('>') as [Lang, Lang];
    await trx.insertInto('translation_rules').values({ forum_id: forumId, source_lang, target_lang }).execute();
    changed++;
  }
  return changed;
}

async function syncReadings(trx: Transaction<DB>, forumId: number, weekId: number, readings: Programme['weeks'][number]['readings'], now: Date, attachmentsDir: string | undefined): Promise<number> {
  let changed = 0;
  for (const reading of readings) {
    // A reading the files say is unpublished stays so; one they do not mark keeps the console's choice.
    if (reading.unpublished) {
      const hidden = await trx.updateTable('readings').set({ unpublished_at: now })
        .where('week_id', '=', weekId).where('slug', '=', reading.slug).where('unpublished_at', 'is', null).returning('id').execute();
      changed += hidden.length;
    }
    const row = await trx.insertInto('readings')
      .values({ week_id: weekId, slug: reading.slug, position: reading.position, original_lang: reading.originalLang, ...(reading.unpublished ? { unpublished_at: now } : {}) })
      .onConflict((oc) => oc.columns(['week_id', 'slug']).doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'), original_lang: eb.ref('excluded.original_lang'),
      })).where(sql<boolean>`(readings.position, readings.original_lang) IS DISTINCT FROM (excluded.position, excluded.original_lang)`))
      .returning('id').executeTakeFirst();
    if (row) changed++;
    const readingId = row?.id ?? (await trx.selectFrom('readings').select('id').where('week_id', '=', weekId).where('slug', '=', reading.slug).executeTakeFirstOrThrow()).id;
    const before = await trx.selectFrom('reading_texts').select('body_md').where('reading_id', '=', readingId).where('lang', '=', reading.originalLang).executeTakeFirst();
    changed += await upsertTexts(trx, 'reading_texts', 'reading_id', readingId, [...reading.texts].map(([lang, text]) => ({
      lang, title: text.title, body_md: text.body, body_html: renderContentMarkdown(text.body, `reading ${reading.slug}: ${lang}`),
    })));
    changed += await queueContentTranslations(trx, {
      forumId, weekId, itemType: 'reading', itemId: readingId, originalLang: reading.originalLang, givenLangs: [...reading.texts.keys()],
      original: reading.texts.get(reading.originalLang)!.body, previousOriginal: before?.body_md,
    });
    if (attachmentsDir) changed += await syncAttachments(trx, readingId, reading.attachments, attachmentsDir);
  }
  const slugs = readings.map((reading) => reading.slug);
  // Only readings that came from files go when their file does: one added from the console
  // (it carries an idempotency key) survives the re-import every start of the demo runs.
  const removed = await trx.deleteFrom('readings').where('week_id', '=', weekId).where('idempotency_key', 'is', null)
    .$if(slugs.length > 0, (qb) => qb.where('slug', 'not in', slugs)).returning('id').execute();
  return changed + removed.length;
}

/**
 * Loads a reading's attachment files: the type is sniffed from the bytes as for an upload, the
 * bytes stored under their hash. Attachments the files do not list stay (organizers add them
 * in the console).
 */
async function syncAttachments(trx: Transaction<DB>, readingId: number, attachments: Programme['weeks'][number]['readings'][number]['attachments'], dir: string): Promise<number> {
  let changed = 0;
  for (const attachment of attachments) {
    const bytes = readFileSync(attachment.file);
    const type = sniffAttachmentType(bytes);
    if (!type || bytes.length === 0) throw new ContentError(attachment.file, 'is not a PDF, image or presentation');
    const sha256 = await storeAttachment(dir, bytes);
    const row = await trx.insertInto('reading_attachments')
      .values({
        reading_id: readingId, sha256, media_type: type.mediaType, size_bytes: bytes.length, file_name: attachment.fileName, position: attachment.position,
        lang: attachment.lang,
      })
      .onConflict((oc) => oc.columns(['reading_id', 'sha256']).doUpdateSet((eb) => ({
        file_name: eb.ref('excluded.file_name'), position: eb.ref('excluded.position'), lang: eb.ref('excluded.lang'),
      })).where(sql<boolean>`(reading_attachments.file_name, reading_attachments.position, reading_attachments.lang) IS DISTINCT FROM (excluded.file_name, excluded.position, excluded.lang)`))
      .returning('id').executeTakeFirst();
    if (row) changed++;
  }
  return changed;
}

/**
 * A new reading or week text, or one whose original changed, needs translating into every
 * language the policy asks for that its files do not already give by hand; a changed original
 * also counts as a new revision, so earlier translations show as outdated.
 */
async function queueContentTranslations(trx: Transaction<DB>, input: {
  forumId: number; weekId: number; itemType: 'reading' | 'week'; itemId: number; originalLang: Lang; givenLangs: Lang[];
  original: string; previousOriginal: string | undefined;
}): Promise<number> {
  // Files always end a body with one newline and the console may not: whitespace at the ends of
  // a document is not a new version of it, and must not outdate its translations.
  if (input.previousOriginal?.trim() === input.original.trim()) return 0;
  let revision = 1;
  if (input.previousOriginal !== undefined) {
    const table = input.itemType === 'reading' ? 'readings' : 'weeks';
    revision = (await trx.updateTable(table).set((eb) => ({ revision: eb(`${table}.revision`, '+', 1) })).where(`${table}.id`, '=', input.itemId)
      .returning('revision').executeTakeFirstOrThrow()).revision;
  }
  const queued = await queueTranslationTasks(trx, {
    forumId: input.forumId, weekId: input.weekId, itemType: input.itemType, itemId: input.itemId, sourceLang: input.originalLang, sourceRevision: revision,
  }, { except: input.givenLangs });
  return queued + (revision > 1 ? 1 : 0);
}

/** A programme's glossary starts a forum's; once organizers have terms, the file no longer touches them. */
async function seedGlossary(trx: Transaction<DB>, forumId: number, csv: string, dir: string): Promise<number> {
  const existing = await trx.selectFrom('glossary_terms').select('id').where('forum_id', '=', forumId).limit(1).executeTakeFirst();
  if (existing) return 0;
  let terms: { en: string; es: string; fr: string; note: string }[];
  try {
    terms = parseGlossaryCsv(csv);
  } catch (error) {
    const line = error instanceof DomainError ? (error.params.line as number | undefined) : undefined;
    throw new ContentError(path.join(dir, 'glossary.csv'), `cannot be read at line ${line ?? '?'} (columns en, es, fr, note; a term a row)`);
  }
  if (terms.length) await trx.insertInto('glossary_terms').values(terms.map((term) => ({ forum_id: forumId, ...term }))).execute();
  return terms.length;
}
