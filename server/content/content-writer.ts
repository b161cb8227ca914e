// Writes a forum programme in the layout content-files.ts reads: forum.yaml, call.<lang>.md,
// weeks/NN/week.<lang>.md, weeks/NN/readings/<position>-<slug>.<lang>.md (attachments in
// <position>-<slug>.files/) and glossary.csv.
// The files are built in memory first, so the CLI can write them to a folder and the console
// can pack the same bytes into an archive.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import type { Lang } from '../db/schema.ts';
import { weekStartDays } from './content-files.ts';
import { listsYaml, type ListEntryFile } from './content-lists.ts';
import type { ListName } from '../forums/forum-lists.schemas.ts';

export interface ProgrammeFile {
  /** Relative to the programme's folder, with forward slashes. */
  path: string;
  /** Text (UTF-8), or an attachment's bytes. */
  content: string | Buffer;
}

export interface ExportedText { title: string; body: string }

export interface ExportedProgramme {
  slug: string;
  timeZone: string;
  languages: Lang[];
  originalLang: Lang;
  translationTargetHours: number;
  translationClaimMinutes: number;
  translationReviewRequired: boolean;
  weeksCloseAtEnd: boolean;
  translationPolicy: { from: Lang; to: Lang }[];
  startsOn: string;
  endsOn: string;
  applicationDeadline: string;
  publicArchive: boolean;
  openEnrolment: boolean;
  invitationOnly: boolean;
  published: boolean;
  descriptionWordLimit: number;
  keyRespondentLimit: number;
  keyRespondentsPerWeek: number;
  caseStudyMinWords: number;
  caseStudyMaxWords: number;
  questionTargetHours: number;
  call: { lang: Lang; title: string; summary: string; body: string }[];
  weeks: {
    number: number;
    /** Its first day, which the console may have moved off the 7-days-a-week rhythm. */
    startsOn: string;
    /** The language of the week's own text. */
    originalLang: Lang;
    /** The week's own "writing closes at its end"; null follows weeks_close_at_end. */
    writingClosesAtEnd: boolean | null;
    texts: ({ lang: Lang } & ExportedText)[];
    readings: {
      slug: string; position: number; originalLang: Lang; unpublished: boolean; texts: ({ lang: Lang } & ExportedText)[];
      /** Read from the attachments folder when the files are built. */
      attachments: { position: number; fileName: string; lang: Lang | null; bytes: Buffer }[];
    }[];
  }[];
  /** glossary.csv, or null when the forum has no terms. */
  glossaryCsv: string | null;
  /** Regions, sectors and call prerequisites, archived entries included. */
  lists: Record<ListName, ListEntryFile[]>;
  /** Weeks with their own key-respondent seats, by week number. */
  weekSeats: Record<string, { limit?: number; per_region?: number }>;
}

const YAML_OPTIONS = { lineWidth: 0 } as const;

function markdownFile(frontMatter: Record<string, unknown>, body: string): string {
  // The reader trims the body and ends it with one newline; writing it that way reads back the same.
  return `---\n${stringifyYaml(frontMatter, YAML_OPTIONS)}---\n\n${body.trim()}\n`;
}

/** Only weeks that override the forum's setting are listed; a forum with none writes no key. */
function weekClosingYaml(weeks: ExportedProgramme['weeks']): { week_writing_closes_at_end?: Record<string, boolean> } {
  const overrides = weeks.filter((week) => week.writingClosesAtEnd !== null).map((week) => [String(week.number), week.writingClosesAtEnd!] as const);
  return overrides.length ? { week_writing_closes_at_end: Object.fromEntries(overrides) } : {};
}

/** Only weeks whose text is in another language than the programme's are listed. */
function weekLangYaml(programme: ExportedProgramme): { week_original_lang?: Record<string, Lang> } {
  const others = programme.weeks.filter((week) => week.originalLang !== programme.originalLang).map((week) => [String(week.number), week.originalLang] as const);
  return others.length ? { week_original_lang: Object.fromEntries(others) } : {};
}

/**
 * Only weeks the console re-dated are listed: the import starts every other week 7 days after
 * the one before it from the forum's start, so a forum never re-dated writes no key.
 */
function weekStartsYaml(programme: ExportedProgramme): { week_starts_on?: Record<string, string> } {
  const moved = programme.weeks.filter((week) => week.startsOn !== weekStartDays({}, programme.startsOn, week.number)[week.number - 1])
    .map((week) => [String(week.number), week.startsOn] as const);
  return moved.length ? { week_starts_on: Object.fromEntries(moved) } : {};
}

function forumYaml(programme: ExportedProgramme, exportedAt: Date): string {
  const forum = {
    time_zone: programme.timeZone,
    languages: programme.languages,
    weeks: programme.weeks.length,
    original_lang: programme.originalLang,
    translation_target_hours: programme.translationTargetHours,
    translation_claim_minutes: programme.translationClaimMinutes,
    translation_review: programme.translationReviewRequired,
    weeks_close_at_end: programme.weeksCloseAtEnd,
    ...weekClosingYaml(programme.weeks),
    ...weekLangYaml(programme),
    translation_policy: programme.translationPolicy,
    ...listsYaml(programme.lists),
    editions: [{
      slug: programme.slug,
      starts_on: programme.startsOn,
      ends_on: programme.endsOn,
      application_deadline: programme.applicationDeadline,
      public_archive: programme.publicArchive,
      open_enrolment: programme.openEnrolment,
      invitation_only: programme.invitationOnly,
      published: programme.published,
      description_word_limit: programme.descriptionWordLimit,
      key_respondent_limit: programme.keyRespondentLimit,
      key_respondents_per_week: programme.keyRespondentsPerWeek,
      case_study_min_words: programme.caseStudyMinWords,
      case_study_max_words: programme.caseStudyMaxWords,
      question_target_hours: programme.questionTargetHours,
      ...weekStartsYaml(programme),
      ...(Object.keys(programme.weekSeats).length ? { week_seats: programme.weekSeats } : {}),
    }],
  };
  return `# Exported from Tertulia on ${exportedAt.toISOString().slice(0, 10)}: the forum "${programme.slug}" with fixed dates.\n`
    + `# \`npm run content:import\` reads this folder back into a database.\n${stringifyYaml(forum, YAML_OPTIONS)}`;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** Every file of the programme, in a stable order. */
export function programmeFiles(programme: ExportedProgramme, exportedAt = new Date()): ProgrammeFile[] {
  const files: ProgrammeFile[] = [{ path: 'forum.yaml', content: forumYaml(programme, exportedAt) }];
  for (const call of programme.call) {
    files.push({ path: `call.${call.lang}.md`, content: markdownFile({ title: call.title, summary: call.summary }, call.body) });
  }
  if (programme.glossaryCsv !== null) files.push({ path: 'glossary.csv', content: programme.glossaryCsv });
  for (const week of programme.weeks) {
    const dir = `weeks/${twoDigits(week.number)}`;
    for (const text of week.texts) files.push({ path: `${dir}/week.${text.lang}.md`, content: markdownFile({ title: text.title }, text.body) });
    for (const reading of week.readings) {
      for (const text of reading.texts) {
        const frontMatter = text.lang !== reading.originalLang ? { title: text.title }
          : reading.unpublished ? { title: text.title, original: true, unpublished: true } : { title: text.title, original: true };
        files.push({ path: `${dir}/readings/${reading.position}-${reading.slug}.${text.lang}.md`, content: markdownFile(frontMatter, text.body) });
      }
      // Beside the reading, in order: <reading>.files/<position>-<name as readers download it>; one
      // language's version of a file in <reading>.files/<lang>/.
      for (const attachment of reading.attachments) {
        const folder = `${dir}/readings/${reading.position}-${reading.slug}.files${attachment.lang ? `/${attachment.lang}` : ''}`;
        files.push({ path: `${folder}/${attachment.position}-${attachment.fileName}`, content: attachment.bytes });
      }
    }
  }
  return files;
}

/** Writes the files under `dir` (the programme's folder), creating folders as needed. */
export function writeProgrammeFiles(dir: string, files: readonly ProgrammeFile[]): void {
  for (const file of files) {
    const target = path.join(dir, ...file.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}
