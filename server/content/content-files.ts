// Reads a forum programme from `content/forums/<slug>/`: forum.yaml, call.<lang>.md,
// weeks/NN/week.<lang>.md and weeks/NN/readings/<position>-<slug>.<lang>.md, each Markdown
// file with YAML front matter. Problems are reported with the file they are in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lang } from '../db/schema.ts';
import { isLang } from '../i18n/i18n.ts';
import { addDays } from '../forums/forum-calendar.ts';
import { ContentError } from './content-errors.ts';
import { readForumLists, readWeekSeats, type ForumLists, type WeekSeats } from './content-lists.ts';

export interface Edition {
  slug: string;
  /** Fixed dates, or… */
  startsOn?: string;
  endsOn?: string;
  applicationDeadline?: string;
  /** …dates relative to the day of the first import: this week is open that day. */
  weekOpenOnImport?: number;
  publicArchive: boolean;
  openEnrolment: boolean;
  titleSuffix: Partial<Record<Lang, string>>;
  /** Settings an export writes; when a file leaves one out, the import keeps what the database has. */
  invitationOnly?: boolean;
  published?: boolean;
  descriptionWordLimit?: number;
  keyRespondentLimit?: number;
  keyRespondentsPerWeek?: number;
  caseStudyMinWords?: number;
  caseStudyMaxWords?: number;
  questionTargetHours?: number;
  /**
   * First days of weeks the console re-dated (week number → date), from the edition's
   * week_starts_on; a week left out starts 7 days after the one before it from the forum's start.
   */
  weekStartsOn?: Map<number, string>;
  /** Key-respondent seats of single weeks (week_seats); undefined keeps the database's. */
  weekSeats?: WeekSeats;
}

export interface Programme {
  dir: string;
  timeZone: string;
  languages: Lang[];
  weekCount: number;
  /** The language the programme's own texts are written in; the others are translations. */
  originalLang: Lang;
  translationTargetHours: number;
  translationClaimMinutes: number;
  translationReviewRequired: boolean;
  weeksCloseAtEnd: boolean;
  translationPolicy: { from: Lang; to: Lang }[];
  editions: Edition[];
  /** Regions, sectors and call prerequisites; a list the file leaves out keeps the database's. */
  lists: ForumLists;
  /** The programme's starting glossary (glossary.csv), if it has one. */
  glossaryCsv: string | null;
  call: Map<Lang, { title: string; summary: string; body: string }>;
  weeks: {
    number: number;
    /**
     * Whether writing closes at this week's end, from forum.yaml's week_writing_closes_at_end
     * (week number → true/false): null when that map leaves the week out (it follows
     * weeks_close_at_end), undefined when the file has no such map (the import keeps the database's).
     */
    writingClosesAtEnd?: boolean | null;
    /** The language of the week's own text: week_original_lang's entry, or the programme's. */
    originalLang: Lang;
    texts: Map<Lang, { title: string; body: string }>;
    readings: {
      slug: string; position: number; originalLang: Lang; unpublished: boolean; texts: Map<Lang, { title: string; body: string }>;
      /**
       * Files in `<position>-<slug>.files/`, named `<position>-<file name>`; those in its `<lang>/`
       * folders are one language's version of the file at that position.
       */
      attachments: { position: number; fileName: string; file: string; lang: Lang | null }[];
    }[];
  }[];
}

export { ContentError };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readMarkdown(file: string): { data: Record<string, unknown>; body: string } {
  const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new ContentError(file, 'missing front matter between --- lines');
  const data = parseYaml(match[1]!) as unknown;
  if (!data || typeof data !== 'object') throw new ContentError(file, 'front matter is not a mapping');
  return { data: data as Record<string, unknown>, body: match[2]!.trim() + '\n' };
}

function requiredString(file: string, data: Record<string, unknown>, key: string): string {
  const value = data[key];
  if (typeof value !== 'string' || !value.trim()) throw new ContentError(file, `"${key}" must be a non-empty string`);
  return value.trim();
}

function dateString(file: string, value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  // YAML reads an unquoted 2009-10-26 as a Date at UTC midnight.
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '';
  if (!DATE.test(text)) throw new ContentError(file, `"${key}" must be a YYYY-MM-DD date`);
  return text;
}

/** Files named `<base>.<lang>.md` in a folder, by language. */
function languageFiles(dir: string, base: string): Map<Lang, string> {
  const files = new Map<Lang, string>();
  for (const name of readdirSync(dir)) {
    const match = /^(.*)\.([a-z]{2})\.md$/.exec(name);
    if (match && match[1] === base && isLang(match[2])) files.set(match[2], path.join(dir, name));
  }
  return files;
}

function optionalBoolean(file: string, value: unknown, key: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ContentError(file, `"${key}" must be true or false`);
  return value;
}

function optionalCount(file: string, value: unknown, key: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || Number(value) < 0 || Number(value) > 2_147_483_647) throw new ContentError(file, `"${key}" must be a whole number, 0 or more`);
  return Number(value);
}

/** The first day of each week of an edition: its week_starts_on entry, or 7 days a week from the forum's start. */
export function weekStartDays(edition: Pick<Edition, 'weekStartsOn'>, startsOn: string, weekCount: number): string[] {
  return Array.from({ length: weekCount }, (_, index) => edition.weekStartsOn?.get(index + 1) ?? addDays(startsOn, 7 * index));
}

function readWeekStarts(file: string, slug: string, raw: unknown, weekCount: number): Map<number, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const problem = `edition ${slug}: "week_starts_on" maps week numbers of the programme to YYYY-MM-DD dates`;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ContentError(file, problem);
  const starts = new Map<number, string>();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const number = Number(key);
    const day = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (!Number.isInteger(number) || number < 1 || number > weekCount || typeof day !== 'string' || !DATE.test(day)) throw new ContentError(file, problem);
    starts.set(number, day);
  }
  return starts;
}

function readEdition(file: string, raw: Record<string, unknown>, weekCount: number): Edition {
  const slug = requiredString(file, raw, 'slug');
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) throw new ContentError(file, `edition slug "${slug}" must be lowercase letters, digits and hyphens`);
  const edition: Edition = {
    slug,
    startsOn: dateString(file, raw.starts_on, 'starts_on'),
    endsOn: dateString(file, raw.ends_on, 'ends_on'),
    applicationDeadline: dateString(file, raw.application_deadline, 'application_deadline'),
    weekOpenOnImport: raw.week_open_on_import === undefined ? undefined : Number(raw.week_open_on_import),
    publicArchive: raw.public_archive === true,
    openEnrolment: raw.open_enrolment === true,
    titleSuffix: raw.title_suffix ?? {},
    invitationOnly: optionalBoolean(file, raw.invitation_only, 'invitation_only'),
    published: optionalBoolean(file, raw.published, 'published'),
    descriptionWordLimit: optionalCount(file, raw.description_word_limit, 'description_word_limit'),
    keyRespondentLimit: optionalCount(file, raw.key_respondent_limit, 'key_respondent_limit'),
    keyRespondentsPerWeek: optionalCount(file, raw.key_respondents_per_week, 'key_respondents_per_week'),
    caseStudyMinWords: optionalCount(file, raw.case_study_min_words, 'case_study_min_words'),
    caseStudyMaxWords: optionalCount(file, raw.case_study_max_words, 'case_study_max_words'),
    questionTargetHours: optionalCount(file, raw.question_target_hours, 'question_target_hours'),
    weekStartsOn: readWeekStarts(file, slug, raw.week_starts_on, weekCount),
    weekSeats: readWeekSeats(file, slug, raw.week_seats, weekCount),
  };
  if (edition.caseStudyMinWords !== undefined && edition.caseStudyMaxWords !== undefined && edition.caseStudyMinWords > edition.caseStudyMaxWords) {
    throw new ContentError(file, `edition ${slug}: "case_study_min_words" cannot be above "case_study_max_words"`);
  }
  if (edition.questionTargetHours !== undefined && (edition.questionTargetHours < 1 || edition.questionTargetHours > 720)) {
    throw new ContentError(file, `edition ${slug}: "question_target_hours" must be from 1 to 720`);
  }
  if (edition.invitationOnly && edition.openEnrolment) throw new ContentError(file, `edition ${slug} cannot be both open_enrolment and invitation_only`);
  const fixed = edition.startsOn && edition.endsOn && edition.applicationDeadline;
  if (!fixed && !Number.isInteger(edition.weekOpenOnImport)) {
    throw new ContentError(file, `edition ${slug} needs starts_on, ends_on and application_deadline, or week_open_on_import`);
  }
  if (weekCount === 0 && !fixed) throw new ContentError(file, `edition ${slug}: a programme without weeks needs fixed dates`);
  if (edition.weekStartsOn) {
    // Dates of single weeks only make sense beside the forum's own fixed dates, and keep the console's rules.
    if (!fixed) throw new ContentError(file, `edition ${slug}: "week_starts_on" needs fixed starts_on and ends_on`);
    let before: string | null = null;
    for (const [index, day] of weekStartDays(edition, edition.startsOn!, weekCount).entries()) {
      if (day < edition.startsOn! || day > edition.endsOn!) throw new ContentError(file, `edition ${slug}: week ${index + 1} starts on ${day}, outside the forum's dates`);
      if (before !== null && day <= before) throw new ContentError(file, `edition ${slug}: week ${index + 1} starts on ${day}, not after week ${index}`);
      before = day;
    }
  }
  return edition;
}

export function readProgramme(dir: string): Programme {
  const forumFile = path.join(dir, 'forum.yaml');
  if (!existsSync(forumFile)) throw new ContentError(forumFile, 'missing');
  const forum = parseYaml(readFileSync(forumFile, 'utf8')) as Record<string, unknown>;
  const languages = forum.languages;
  if (!Array.isArray(languages) || languages.length === 0 || !languages.every(isLang)) {
    throw new ContentError(forumFile, '"languages" must list some of en, es, fr');
  }
  const weekCount = Number(forum.weeks);
  // 0: a forum just created in the console, its schedule not written yet.
  if (!Number.isInteger(weekCount) || weekCount < 0 || weekCount > 52) throw new ContentError(forumFile, '"weeks" must be a whole number from 0 to 52');
  const policy = (forum.translation_policy ?? []) as { from: unknown; to: unknown }[];
  if (!Array.isArray(policy) || !policy.every((rule) => isLang(rule.from) && isLang(rule.to) && rule.from !== rule.to)) {
    throw new ContentError(forumFile, '"translation_policy" entries need two different languages in "from" and "to"');
  }
  for (const key of ['translation_target_hours', 'translation_claim_minutes'] as const) {
    const value = forum[key];
    if (value !== undefined && !(Number.isInteger(value) && Number(value) > 0)) throw new ContentError(forumFile, `"${key}" must be a positive whole number`);
  }
  const editions = ((forum.editions ?? []) as Record<string, unknown>[]).map((raw) => readEdition(forumFile, raw, weekCount));
  if (editions.length === 0) throw new ContentError(forumFile, 'lists no editions');

  const call = new Map<Lang, { title: string; summary: string; body: string }>();
  for (const [lang, file] of languageFiles(dir, 'call')) {
    const { data, body } = readMarkdown(file);
    call.set(lang, { title: requiredString(file, data, 'title'), summary: requiredString(file, data, 'summary'), body });
  }
  // The console lets a forum offer a language its call is not (yet) written in: one call is enough.
  if (!languages.some((lang) => call.has(lang))) throw new ContentError(path.join(dir, `call.${languages[0]}.md`), 'missing (the call needs a file in one of the forum\'s languages)');
  const originalLang = isLang(forum.original_lang) ? forum.original_lang : 'en';

  const closing = readWeekClosing(forumFile, forum.week_writing_closes_at_end, weekCount);
  const weekLangs = readWeekLangs(forumFile, forum.week_original_lang, weekCount);
  const weeks: Programme['weeks'] = [];
  for (let number = 1; number <= weekCount; number++) {
    const weekDir = path.join(dir, 'weeks', String(number).padStart(2, '0'));
    if (!existsSync(weekDir)) throw new ContentError(weekDir, 'missing');
    const texts = new Map<Lang, { title: string; body: string }>();
    for (const [lang, file] of languageFiles(weekDir, 'week')) {
      const { data, body } = readMarkdown(file);
      texts.set(lang, { title: requiredString(file, data, 'title'), body });
    }
    // The week's own text must exist in its original language; others may come from the translation queue.
    const weekLang = weekLangs.get(number) ?? originalLang;
    if (!texts.has(weekLang)) throw new ContentError(path.join(weekDir, `week.${weekLang}.md`), 'missing');
    weeks.push({ number, writingClosesAtEnd: closing && (closing.get(number) ?? null), originalLang: weekLang, texts, readings: readReadings(path.join(weekDir, 'readings')) });
  }
  return {
    dir,
    timeZone: requiredString(forumFile, forum, 'time_zone'),
    languages,
    weekCount,
    originalLang,
    translationTargetHours: Number(forum.translation_target_hours ?? 24),
    translationClaimMinutes: Number(forum.translation_claim_minutes ?? 120),
    translationReviewRequired: forum.translation_review === true,
    weeksCloseAtEnd: forum.weeks_close_at_end === true,
    translationPolicy: policy as { from: Lang; to: Lang }[],
    editions,
    lists: readForumLists(forumFile, forum),
    glossaryCsv: existsSync(path.join(dir, 'glossary.csv')) ? readFileSync(path.join(dir, 'glossary.csv'), 'utf8') : null,
    call,
    weeks,
  };
}

function readWeekClosing(file: string, raw: unknown, weekCount: number): Map<number, boolean> | undefined {
  if (raw === undefined || raw === null) return undefined;
  const problem = '"week_writing_closes_at_end" maps week numbers of the programme to true or false';
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ContentError(file, problem);
  const closing = new Map<number, boolean>();
  for (const [key, value] of Object.entries(raw)) {
    const number = Number(key);
    if (!Number.isInteger(number) || number < 1 || number > weekCount || typeof value !== 'boolean') throw new ContentError(file, problem);
    closing.set(number, value);
  }
  return closing;
}

/** week_original_lang: the weeks whose own text is written in another language than the programme's original_lang. */
function readWeekLangs(file: string, raw: unknown, weekCount: number): Map<number, Lang> {
  const langs = new Map<number, Lang>();
  if (raw === undefined || raw === null) return langs;
  const problem = '"week_original_lang" maps week numbers of the programme to one of en, es, fr';
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ContentError(file, problem);
  for (const [key, value] of Object.entries(raw)) {
    const number = Number(key);
    if (!Number.isInteger(number) || number < 1 || number > weekCount || !isLang(value)) throw new ContentError(file, problem);
    langs.set(number, value);
  }
  return langs;
}

function readAttachmentFiles(dir: string, lang: Lang | null = null): Programme['weeks'][number]['readings'][number]['attachments'] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => {
    const match = /^(\d+)-(.+)$/.exec(entry.name);
    if (!match) throw new ContentError(path.join(dir, entry.name), 'name must be <position>-<file name>');
    return { position: Number(match[1]), fileName: match[2]!, file: path.join(dir, entry.name), lang };
  });
  // One level of language folders: <slug>.files/es/1-informe.pdf is the Spanish version of attachment 1.
  const versions = lang !== null ? [] : entries.filter((entry) => entry.isDirectory()).flatMap((entry) => {
    if (!isLang(entry.name)) throw new ContentError(path.join(dir, entry.name), 'a folder of attachments must be named en, es or fr');
    return readAttachmentFiles(path.join(dir, entry.name), entry.name);
  });
  return [...files, ...versions].sort((a, b) => a.position - b.position || (a.lang ?? '').localeCompare(b.lang ?? '') || a.fileName.localeCompare(b.fileName));
}

function readReadings(dir: string): Programme['weeks'][number]['readings'] {
  if (!existsSync(dir)) return [];
  const bases = new Set<string>();
  for (const name of readdirSync(dir)) {
    const match = /^(\d+)-([a-z0-9-]+)\.[a-z]{2}\.md$/.exec(name);
    if (match) bases.add(`${match[1]}-${match[2]}`);
    else if (name.endsWith('.md')) throw new ContentError(path.join(dir, name), 'name must be <position>-<slug>.<lang>.md');
  }
  return [...bases].map((base) => {
    const [, position, slug] = /^(\d+)-(.*)$/.exec(base)!;
    const texts = new Map<Lang, { title: string; body: string }>();
    const originals: Lang[] = [];
    let unpublished = false;
    for (const [lang, file] of languageFiles(dir, base)) {
      const { data, body } = readMarkdown(file);
      texts.set(lang, { title: requiredString(file, data, 'title'), body });
      if (data.original === true) originals.push(lang);
      // Said in the original's front matter by an export of a reading organizers took down.
      if (data.original === true && data.unpublished === true) unpublished = true;
    }
    if (originals.length !== 1) throw new ContentError(path.join(dir, base), 'exactly one language file must say "original: true"');
    return { slug: slug!, position: Number(position), originalLang: originals[0]!, unpublished, texts, attachments: readAttachmentFiles(path.join(dir, `${base}.files`)) };
  }).sort((a, b) => a.position - b.position);
}
