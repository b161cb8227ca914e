// Text helpers of the translation pages: paragraphs as the server splits them, glossary
// matches placed inside them, excerpts of sanitized HTML, and ages said in words.
import type { GlossaryMatch } from './translation-types.ts';
import type { Lang } from '../i18n/languages.ts';

/** Markdown paragraphs, the way the server splits them (server/translations/queue.service.ts). */
export function splitParagraphs(markdown: string): string[] {
  return markdown
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** One translation paragraph per source paragraph; extra ones join the last, missing ones are empty. */
export function alignParagraphs(text: string, count: number): string[] {
  const parts = splitParagraphs(text);
  const slots = Math.max(1, count);
  const aligned = Array.from({ length: slots }, (_, i) => parts[i] ?? '');
  if (parts.length > slots) aligned[slots - 1] = parts.slice(slots - 1).join('\n\n');
  return aligned;
}

/** The text sent to the server: the paragraphs written, separated by blank lines. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

export interface Segment {
  text: string;
  match: GlossaryMatch | null;
}

/**
 * A source paragraph cut into plain text and glossary matches. The matches' offsets point into
 * the whole Markdown, so each paragraph is first found there.
 */
export function highlightParagraphs(
  markdown: string,
  paragraphs: readonly string[],
  matches: readonly GlossaryMatch[],
): Segment[][] {
  let cursor = 0;
  return paragraphs.map((paragraph) => {
    const found = markdown.indexOf(paragraph, cursor);
    const start = found < 0 ? -1 : found;
    if (found >= 0) cursor = found + paragraph.length;
    const inside =
      start < 0
        ? []
        : matches
            .filter((m) => m.start >= start && m.end <= start + paragraph.length)
            .sort((a, b) => a.start - b.start);
    const segments: Segment[] = [];
    let at = 0;
    for (const match of inside) {
      const from = match.start - start;
      const to = match.end - start;
      if (from < at) continue; // overlapping: the earlier (longer) one is kept
      if (from > at) segments.push({ text: paragraph.slice(at, from), match: null });
      segments.push({ text: paragraph.slice(from, to), match });
      at = to;
    }
    if (at < paragraph.length) segments.push({ text: paragraph.slice(at), match: null });
    return segments;
  });
}

/** The start of a sanitized HTML text, as plain text. */
export function excerpt(html: string, max = 220): string {
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** "3 hours", "2 days" in the interface language. */
export function humanizeSeconds(seconds: number, lang: Lang): string {
  const [value, unit] =
    seconds < 3_600
      ? [Math.max(1, Math.round(seconds / 60)), 'minute']
      : seconds < 48 * 3_600
        ? [Math.round(seconds / 3_600), 'hour']
        : [Math.round(seconds / 86_400), 'day'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
