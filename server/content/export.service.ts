// Exports a forum's programme (settings, call, weeks, readings, glossary) as the files the
// import reads, with the forum's dates fixed, so `content:export` then `content:import` into an
// empty database reproduces it. Reading attachments travel beside their reading. Members, discussions and translations made in the forum are
// its activity, not its programme, and stay out.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { addDays, localDate } from '../forums/forum-calendar.ts';
import { glossaryToCsv } from '../translations/glossary-csv.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { attachmentPath } from '../attachments/attachment-store.ts';
import { tarGz } from './content-archive.ts';
import { programmeFiles, type ExportedProgramme, type ProgrammeFile } from './content-writer.ts';
import { findForumForExport, findProgrammeRows } from './export.queries.ts';
import { listsForExport, weekSeatsForExport } from './content-lists.ts';

/** Where reading attachments' bytes are (config.attachmentsDir). */
export interface ExportOptions {
  attachmentsDir: string;
  now?: Date;
}

/** The programme of one forum, read in one pass; undefined when there is no such forum. */
export async function readForumProgramme(db: Kysely<DB>, slug: string, attachmentsDir: string): Promise<ExportedProgramme | undefined> {
  const forum = await findForumForExport(db, slug);
  if (!forum) return undefined;
  const rows = await findProgrammeRows(db, forum.id);
  // A missing file fails the export: an archive silently short of an attachment is worse than none.
  const bytes = new Map(await Promise.all([...new Set(rows.attachments.map((a) => a.sha256))]
    .map(async (sha256) => [sha256, await readFile(attachmentPath(attachmentsDir, sha256))] as const)));
  // The files give one original language for every week's own text: the one most weeks use.
  const counts = new Map<Lang, number>();
  for (const week of rows.weeks) counts.set(week.original_lang, (counts.get(week.original_lang) ?? 0) + 1);
  const originalLang = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
  return {
    slug: forum.slug,
    timeZone: forum.time_zone,
    languages: forum.languages,
    originalLang,
    translationTargetHours: forum.translation_target_hours,
    translationClaimMinutes: forum.translation_claim_minutes,
    translationReviewRequired: forum.translation_review_required,
    weeksCloseAtEnd: forum.weeks_close_at_end,
    translationPolicy: rows.rules.map((rule) => ({ from: rule.source_lang, to: rule.target_lang })),
    startsOn: forum.starts_on,
    endsOn: forum.ends_on,
    // Stored as the first instant after the deadline's day, in the forum's zone (as the import writes it).
    applicationDeadline: addDays(localDate(forum.application_deadline, forum.time_zone), -1),
    publicArchive: forum.public_archive,
    openEnrolment: forum.open_enrolment,
    invitationOnly: forum.invitation_only,
    published: forum.published,
    descriptionWordLimit: forum.description_word_limit,
    keyRespondentLimit: forum.key_respondent_limit,
    keyRespondentsPerWeek: forum.key_respondents_per_week,
    caseStudyMinWords: forum.case_study_min_words,
    caseStudyMaxWords: forum.case_study_max_words,
    questionTargetHours: forum.question_target_hours,
    call: rows.texts.map((text) => ({ lang: text.lang, title: text.title, summary: text.summary, body: text.call_md })),
    weeks: rows.weeks.map((week) => ({
      number: week.number,
      startsOn: week.starts_on,
      originalLang: week.original_lang,
      writingClosesAtEnd: week.writing_closes_at_end,
      texts: rows.weekTexts.filter((text) => text.week_id === week.id).map((text) => ({ lang: text.lang, title: text.title, body: text.summary_md })),
      readings: rows.readings.filter((reading) => reading.week_id === week.id).map((reading) => ({
        slug: reading.slug,
        position: reading.position,
        originalLang: reading.original_lang,
        unpublished: reading.unpublished_at !== null,
        attachments: rows.attachments.filter((attachment) => attachment.reading_id === reading.id)
          .map((attachment) => ({ position: attachment.position, fileName: attachment.file_name, lang: attachment.lang, bytes: bytes.get(attachment.sha256)! })),
        texts: rows.readingTexts.filter((text) => text.reading_id === reading.id).map((text) => ({ lang: text.lang, title: text.title, body: text.body_md })),
      })),
    })),
    glossaryCsv: rows.glossary.length ? glossaryToCsv(rows.glossary) : null,
    lists: await listsForExport(db, forum.id),
    weekSeats: await weekSeatsForExport(db, forum.id),
  };
}

/** The programme's files, for the CLI; undefined when there is no such forum. */
export async function exportForumFiles(db: Kysely<DB>, slug: string, options: ExportOptions): Promise<ProgrammeFile[] | undefined> {
  const programme = await readForumProgramme(db, slug, options.attachmentsDir);
  return programme && programmeFiles(programme, options.now ?? new Date());
}

/**
 * The console's download: organizers of the forum and site admins only. A .tar.gz whose one
 * folder, named for the forum, goes under `content/forums/` as it is.
 */
export async function exportForumArchive(db: Kysely<DB>, slug: string, user: SessionUser | null, options: ExportOptions): Promise<{ fileName: string; archive: Buffer }> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const now = options.now ?? new Date();
  const files = await exportForumFiles(db, slug, { ...options, now });
  if (!files) throw new DomainError('not_found');
  // The programme carries organizers' texts and the glossary: who downloaded it, and when, is logged.
  await writeAudit(db, { forumId: access.forum.id, actorId: user!.id, action: 'export.forum_programme', targetType: 'forum', targetId: access.forum.id });
  return {
    fileName: `${slug}-content-${now.toISOString().slice(0, 10)}.tar.gz`,
    archive: tarGz(files.map((file) => ({ path: `${slug}/${file.path}`, content: file.content })), now),
  };
}
