// Email text from locales/{lang}/emails.json: `{{placeholders}}` filled from the payload,
// escaped for Markdown (except `…Url` links), then rendered twice from the same source: HTML
// through the sanitizing pipeline and plain text from the same Markdown tree — in this thread,
// since these are our own short texts, not contributors' that need the worker pool. Composed
// blocks (`{{itemsMd}}`) come ready-made for each part. A template with a `reason` is account
// mail, sent whatever the notification settings: its footer says why it came, and offers no
// settings or unsubscribe link; every other email ends with those.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { markdownToHtml } from '../markdown/markdown-pipeline.ts';
import { markdownToText } from '../markdown/markdown-text.ts';
import type { Lang } from '../db/schema.ts';
import { formatCalendarDate } from '../i18n/calendar-date.ts';
import { zoneInWords } from '../../web/src/time/zone-names.ts';
import { languages, localesDir } from '../i18n/i18n.ts';

type Strings = { [key: string]: string | Strings };
const catalogs = new Map<Lang, Strings>(
  languages.map((lang) => [lang, JSON.parse(readFileSync(path.join(localesDir, lang, 'emails.json'), 'utf8'))]),
);

export function emailString(lang: Lang, key: string, values: Record<string, unknown> = {}): string {
  let node: string | Strings | undefined = catalogs.get(lang);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`email text ${lang}:${key} is missing`);
  return fill(lang, node, values, (value) => value);
}

export function hasTemplate(lang: Lang, template: string): boolean {
  const entry = catalogs.get(lang)?.[template];
  return (
    typeof entry === 'object' &&
    typeof entry.subject === 'string' &&
    (typeof entry.body === 'string' || typeof entry.body_other === 'string')
  );
}

/** A template's `field`, or its plural form for the payload's `count` (`body_one`, `body_other`), as i18next picks them. */
function pluralField(lang: Lang, entry: Strings, field: string, payload: Record<string, unknown>): string {
  const count = payload.count;
  const plural =
    typeof count === 'number'
      ? (entry[`${field}_${new Intl.PluralRules(lang).select(count)}`] ?? entry[`${field}_other`])
      : undefined;
  return (typeof plural === 'string' ? plural : (entry[field] ?? entry[`${field}_other`])) as string;
}

const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#+\-.!|<>~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (char) => `\\${char}`);
}

const formats: Record<string, (lang: Lang, value: string) => string> = {
  calendarDate: formatCalendarDate,
  zoneName: (lang, value) => zoneInWords(value, lang),
};

/**
 * `{{key}}` takes the value as it is; `{{key, calendarDate}}` a YYYY-MM-DD day written out in
 * `lang`; `{{key, zoneName}}` a time-zone id in words in `lang`.
 */
function fill(
  lang: Lang,
  text: string,
  values: Record<string, unknown>,
  escape: (value: string, key: string) => string,
): string {
  return text.replace(
    /\{\{\s*([\w.]+)\s*(?:,\s*(calendarDate|zoneName)\s*)?\}\}/g,
    (_match, key: string, format: string | undefined) => {
      const value = values[key];
      if (value === undefined || value === null) return '';
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the templates' values are text, numbers and dates
      return escape(format ? formats[format]!(lang, String(value)) : String(value), key);
    },
  );
}

export interface EmailParts {
  subject: string;
  text: string;
  html: string;
}

export interface EmailBlocks {
  /** Plain text of the `{{itemsMd}}` placeholder in the text part. */
  itemsText?: string;
  /** HTML standing in for it in the HTML part (posts keep their own stored HTML and `lang`). */
  itemsHtml?: string;
}

const ITEMS_MARK = 'TERTULIA-ITEMS-BLOCK';

/** Whether the template is account mail (it says why it was sent instead of offering settings). */
export function isAccountMail(lang: Lang, template: string): boolean {
  const entry = catalogs.get(lang)?.[template];
  return typeof entry === 'object' && typeof entry.reason === 'string';
}

/** The message in `lang`; notification mail gets `footerLinks` (settings, unsubscribe) in both parts. */
export function renderTemplate(
  lang: Lang,
  template: string,
  payload: Record<string, unknown>,
  blocks: EmailBlocks,
  footerLinks: { unsubscribeUrl: string | null; preferencesUrl: string },
): EmailParts {
  if (!hasTemplate(lang, template)) throw new Error(`email template ${lang}:${template} is missing`);
  const entry = catalogs.get(lang)![template] as Strings;
  const raw = (value: string) => value;
  const markdownValue = (value: string, key: string) =>
    key.endsWith('Url') || key === 'itemsMd' ? value : escapeMarkdown(value);
  const subject = fill(lang, entry.subject as string, payload, raw)
    .replace(/\s+/g, ' ')
    .trim();
  const footerMd =
    typeof entry.reason === 'string'
      ? ['---', fill(lang, entry.reason, payload, markdownValue)]
      : [
          '---',
          escapeMarkdown(emailString(lang, '_layout.footer')),
          [
            `[${escapeMarkdown(emailString(lang, '_layout.preferences'))}](${footerLinks.preferencesUrl})`,
            ...(footerLinks.unsubscribeUrl
              ? [`[${escapeMarkdown(emailString(lang, '_layout.unsubscribe'))}](${footerLinks.unsubscribeUrl})`]
              : []),
          ].join(' · '),
        ];
  const bodyMd = fill(
    lang,
    pluralField(lang, entry, 'body', payload),
    { ...payload, itemsMd: blocks.itemsHtml !== undefined || blocks.itemsText !== undefined ? ITEMS_MARK : '' },
    markdownValue,
  );

  let body = markdownToHtml(`${bodyMd}\n\n${footerMd.join('\n\n')}`);
  body = body.replace(`<p>${ITEMS_MARK}</p>`, () => blocks.itemsHtml ?? '');
  const html =
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">${body}</body></html>`;

  // The text part ends with the usual signature separator, then the footer a line at a time.
  const footerText =
    typeof entry.reason === 'string'
      ? markdownToText(footerMd[1]!)
      : [
          markdownToText(footerMd[1]!),
          `${emailString(lang, '_layout.preferences')}: ${footerLinks.preferencesUrl}`,
          ...(footerLinks.unsubscribeUrl
            ? [`${emailString(lang, '_layout.unsubscribe')}: ${footerLinks.unsubscribeUrl}`]
            : []),
        ].join('\n');
  const bodyText = markdownToText(bodyMd).replace(ITEMS_MARK, () => blocks.itemsText ?? '');
  return { subject, text: `${bodyText}\n\n-- \n${footerText}\n`, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
