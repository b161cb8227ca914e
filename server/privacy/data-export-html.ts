// The readable rendering of a data export, in the person's language: one section per kind of
// data, one entry per row, every piece of text the person wrote marked with its language. It
// renders the same document the JSON download holds, so the two never disagree.
import type { Lang } from '../db/schema.ts';
import { escapeHtml } from '../mail/email-templates.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { EXPORT_SECTIONS } from './personal-data-map.ts';
import type { PersonalDataExport } from './data-export.service.ts';

/** Columns holding words someone wrote, shown with the language of their row. */
const TEXT_COLUMNS = new Set([
  'title',
  'body_md',
  'description',
  'statement',
  'reason',
  'draft_md',
  'message',
  'decision_message',
  'resolution_note',
  'hidden_reason',
  'review_comment',
  'decline_reason',
  'research_experience',
  'ground_experience',
  'policy_experience',
  'heard_from',
]);
/** Columns the readable page leaves to the JSON file: rendered copies of a Markdown column beside them. */
const SKIPPED = new Set(['body_html', 'summary_html', 'call_html']);
const LANG_COLUMNS = ['target_lang', 'original_lang', 'lang'] as const;
const LANGUAGE_COLUMNS = new Set([
  'lang',
  'interface_lang',
  'original_lang',
  'target_lang',
  'source_lang',
  'reading_langs',
]);
const WORDS: Record<string, Record<string, true>> = {
  languages: { en: true, es: true, fr: true },
  roles: { participant: true, key_respondent: true, translator: true, organizer: true },
  choices: { named: true, anonymous: true, none: true },
};
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function langOf(row: Record<string, unknown>): Lang | null {
  for (const column of LANG_COLUMNS) {
    const value = row[column];
    if (value === 'en' || value === 'es' || value === 'fr') return value;
  }
  return null;
}

export function renderExportHtml(document: PersonalDataExport, lang: Lang, timeZone: string): string {
  const t = translatorFor(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const label = (column: string) =>
    t(`server:privacy.export.columns.${column}`, { defaultValue: column.replaceAll('_', ' ') });
  const value = (column: string, raw: unknown, rowLang: Lang | null): string => {
    if (raw === null || raw === undefined || raw === '')
      return `<span class="none">${escapeHtml(t('server:privacy.export.empty'))}</span>`;
    if (typeof raw === 'boolean') return escapeHtml(t(raw ? 'server:privacy.export.yes' : 'server:privacy.export.no'));
    if (typeof raw === 'string' && ISO_INSTANT.test(raw))
      return `<time datetime="${raw}">${escapeHtml(dates.format(new Date(raw)))}</time>`;
    const words = inWords(column, raw);
    if (words !== null) return escapeHtml(words);
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (TEXT_COLUMNS.has(column) && rowLang) return `<span lang="${rowLang}" class="text">${escapeHtml(text)}</span>`;
    return escapeHtml(text);
  };
  // Codes the database stores (languages, roles, publication choices) read as words, like on the site.
  const word = (group: string, code: unknown) =>
    typeof code === 'string' && code in (WORDS[group] ?? {})
      ? t(`server:privacy.export.values.${group}.${code}`)
      : null;
  const inWords = (column: string, raw: unknown): string | null => {
    if (LANGUAGE_COLUMNS.has(column)) {
      if (Array.isArray(raw)) {
        const names = raw.map((code) => word('languages', code));
        return names.every((name) => name !== null) ? names.join(', ') : null;
      }
      return word('languages', raw);
    }
    // An application's kind is the role applied for.
    if (column === 'role' || column === 'kind') return word('roles', raw);
    if (column === 'choice') return word('choices', raw);
    return null;
  };
  const body: string[] = [];
  for (const section of EXPORT_SECTIONS) {
    const tables = document.sections[section];
    const rows = Object.values(tables).flat();
    body.push(`<section id="${section}"><h2>${escapeHtml(t(`server:privacy.export.sections.${section}`))}</h2>`);
    if (rows.length === 0) body.push(`<p class="none">${escapeHtml(t('server:privacy.export.nothing'))}</p>`);
    for (const row of rows) {
      const rowLang = langOf(row);
      body.push('<dl>');
      for (const [column, raw] of Object.entries(row)) {
        if (SKIPPED.has(column)) continue;
        body.push(`<dt>${escapeHtml(label(column))}</dt><dd>${value(column, raw, rowLang)}</dd>`);
      }
      body.push('</dl>');
    }
    body.push('</section>');
  }
  const title = t('server:privacy.export.title');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
dl { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: 0.2rem 1rem; border-top: 1px solid #ccc; padding-top: 0.5rem; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.none { color: #555; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t('server:privacy.export.intro', { date: dates.format(new Date(document.generatedAt)) }))}</p>
<nav aria-label="${escapeHtml(t('server:privacy.export.contents'))}"><ul>
${EXPORT_SECTIONS.map((s) => `<li><a href="#${s}">${escapeHtml(t(`server:privacy.export.sections.${s}`))}</a></li>`).join('\n')}
</ul></nav>
${body.join('\n')}
</main>
</body>
</html>
`;
}
