// Reads a forum programme from `content/forums/<slug>/`: forum.yaml, call.<lang>.md,
// weeks/NN/week.<lang>.md and weeks/NN/readings/<position>-<slug>.<lang>.md, each Markdown
// file with YAML front matter. Problems are reported with the file they are in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lang } from '../db/schema.ts';
import { isLang } from '../i18n/i18n.ts';

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
  /** The programme's starting glossary (glossary.csv), if it has one. */
  glossaryCsv: string | null;
  call: Map<Lang, { title: string; summary: string; body: string }>;
  weeks: {
    number: number;
    texts: Map<Lang, { title: string; body: string }>;
    readings: { slug: string; position: number; originalLang: Lang; texts: Map<Lang, { title: string; body: string }> }[];
  }[];
}

export class ContentError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ContentError';
  }
}

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
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
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

function readEdition(file: string, raw: Record<string, unknown>): Edition {
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
    titleSuffix: (raw.title_suffix ?? {}) as Partial<Record<Lang, string>>,
  };
  const fixed = edition.startsOn && edition.endsOn && edition.applicationDeadline;
  if (!fixed && !Number.isInteger(edition.weekOpenOnImport)) {
    throw new ContentError(file, `edition ${slug} needs starts_on, ends_on and application_deadline, or week_open_on_import`);
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
  if (!Number.isInteger(weekCount) || weekCount < 1 || weekCount > 52) throw new ContentError(forumFile, '"weeks" must be a whole number from 1 to 52');
  const policy = (forum.translation_policy ?? []) as { from: unknown; to: unknown }[];
  if (!Array.isArray(policy) || !policy.every((rule) => isLang(rule.from) && isLang(rule.to) && rule.from !== rule.to)) {
    throw new ContentError(forumFile, '"translation_policy" entries need two different languages in "from" and "to"');
  }
  for (const key of ['translation_target_hours', 'translation_claim_minutes'] as const) {
    const value = forum[key];
    if (value !== undefined && !(Number.isInteger(value) && Number(value) > 0)) throw new ContentError(forumFile, `"${key}" must be a positive whole number`);
  }
  const editions = ((forum.editions ?? []) as Record<string, unknown>[]).map((raw) => readEdition(forumFile, raw));
  if (editions.length === 0) throw new ContentError(forumFile, 'lists no editions');

  const call = new Map<Lang, { title: string; summary: string; body: string }>();
  for (const [lang, file] of languageFiles(dir, 'call')) {
    const { data, body } = readMarkdown(file);
    call.set(lang, { title: requiredString(file, data, 'title'), summary: requiredString(file, data, 'summary'), body });
  }
  for (const lang of languages) if (!call.has(lang)) throw new ContentError(path.join(dir, `call.${lang}.md`), 'missing');
  const originalLang = isLang(forum.original_lang) ? forum.original_lang : 'en';

  const weeks: Programme['weeks'] = [];
  for (let number = 1; number <= weekCount; number++) {
    const weekDir = path.join(dir, 'weeks', String(number).padStart(2, '0'));
    if (!existsSync(weekDir)) throw new ContentError(weekDir, 'missing');
    const texts = new Map<Lang, { title: string; body: string }>();
    for (const [lang, file] of languageFiles(weekDir, 'week')) {
      const { data, body } = readMarkdown(file);
      texts.set(lang, { title: requiredString(file, data, 'title'), body });
    }
    // The week's own text must exist in the programme's language; others may come from the translation queue.
    if (!texts.has(originalLang)) throw new ContentError(path.join(weekDir, `week.${originalLang}.md`), 'missing');
    weeks.push({ number, texts, readings: readReadings(path.join(weekDir, 'readings')) });
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
    glossaryCsv: existsSync(path.join(dir, 'glossary.csv')) ? readFileSync(path.join(dir, 'glossary.csv'), 'utf8') : null,
    call,
    weeks,
  };
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
    for (const [lang, file] of languageFiles(dir, base)) {
      const { data, body } = readMarkdown(file);
      texts.set(lang, { title: requiredString(file, data, 'title'), body });
      if (data.original === true) originals.push(lang);
    }
    if (originals.length !== 1) throw new ContentError(path.join(dir, base), 'exactly one language file must say "original: true"');
    return { slug: slug!, position: Number(position), originalLang: originals[0]!, texts };
  }).sort((a, b) => a.position - b.position);
}
