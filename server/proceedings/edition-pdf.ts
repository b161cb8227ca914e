// The edition as a PDF made on the server without a browser, with pdfkit (the PDF engine under
// pdfmake) and the Roboto fonts pdfmake ships, which cover the accents of Spanish, French and
// Portuguese names (é ñ ç ã œ). Written as the posts are read: pdfmake lays out a whole document
// in memory first (about 30 KB per post: +158 MB at 5,000 posts, over the benchmark's budget),
// while pdfkit draws each page as the text arrives. Pages are kept until the end only so the
// table of contents reserved at the front, and the page numbers, can be filled in once known;
// a page's drawn content is a few kilobytes.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { DB } from '../db/schema.ts';
import { threadsWithPosts, type EditionFrame } from './edition-content.ts';
import type { EditionLabels } from './edition-labels.ts';
import type { EditionText } from './edition-text.ts';
import type { FileSink } from './edition-store.ts';
import { markdownToBlocks, type Run } from './markdown-pdf.ts';

const fontsDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
  'Roboto',
);
const FONTS = {
  regular: path.join(fontsDir, 'Roboto-Regular.ttf'),
  bold: path.join(fontsDir, 'Roboto-Medium.ttf'),
  italics: path.join(fontsDir, 'Roboto-Italic.ttf'),
  boldItalics: path.join(fontsDir, 'Roboto-MediumItalic.ttf'),
};
const INK = '#1d1d1f';
const MUTED = '#555555';
const LINK = '#0b5cad';
const MARGIN = 56;
const TOC_LINE = 15;

interface PdfContext {
  frame: EditionFrame;
  labels: EditionLabels;
}

interface TocEntry {
  title: string;
  destination: string;
  page: number;
  level: 0 | 1;
}

class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly toc: TocEntry[] = [];
  private destinations = 0;

  constructor(lang: string, title: string) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      lang,
      displayTitle: true,
      info: { Title: title },
    });
    this.doc.font(FONTS.regular);
  }

  get width() {
    return this.doc.page.width - 2 * MARGIN;
  }

  private font(bold?: boolean, italics?: boolean) {
    this.doc.font(bold ? (italics ? FONTS.boldItalics : FONTS.bold) : italics ? FONTS.italics : FONTS.regular);
  }

  /** Inline runs as one paragraph, wrapped to the page (and onto the next ones). */
  runs(
    runs: Run[],
    o: { size: number; indent?: number; italics?: boolean; color?: string; gap?: number; destination?: string },
  ) {
    const usable = runs.filter((r) => r.text !== '');
    if (usable.length === 0) return;
    const doc = this.doc;
    const indent = o.indent ?? 0;
    doc.x = MARGIN + indent;
    doc.fontSize(o.size);
    usable.forEach((run, index) => {
      this.font(run.bold, run.italics ?? o.italics);
      doc.fillColor(run.link ? LINK : (o.color ?? INK));
      doc.text(run.text, {
        width: this.width - indent,
        continued: index < usable.length - 1,
        lineGap: 1.5,
        ...(run.link ? { link: run.link, underline: true } : { link: undefined, underline: false }),
        ...(index === 0 && o.destination ? { destination: o.destination } : {}),
      });
    });
    doc.x = MARGIN;
    doc.moveDown(o.gap ?? 0.35);
  }

  line(
    value: string,
    o: { size: number; bold?: boolean; italics?: boolean; color?: string; gap?: number; destination?: string },
  ) {
    this.runs([{ text: value, bold: o.bold, italics: o.italics }], o);
  }

  /** A heading with a named destination, listed in the contents and the bookmarks when asked. */
  heading(value: string, level: 1 | 2 | 3 | 4, toc?: 0 | 1) {
    const doc = this.doc;
    const sizes = { 1: 20, 2: 15, 3: 12.5, 4: 11 } as const;
    if (level === 2 && doc.y > doc.page.height - MARGIN - 120) doc.addPage();
    else if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
    doc.moveDown(level <= 2 ? 0.8 : 0.4);
    const destination = `d${(this.destinations += 1)}`;
    this.line(value, { size: sizes[level], bold: true, gap: 0.3, destination });
    if (toc !== undefined) {
      this.toc.push({ title: value, destination, page: doc.bufferedPageRange().count, level: toc });
    }
    return destination;
  }

  text(ctx: PdfContext, value: EditionText) {
    for (const block of markdownToBlocks(value.md)) {
      const runs = block.marker ? [{ text: `${block.marker} ` }, ...block.runs] : block.runs;
      this.runs(runs, {
        size: block.kind === 'heading' ? 11 : block.kind === 'code' ? 9 : 10,
        indent: block.indent,
        italics: block.quote,
      });
    }
    const note = ctx.labels.note(value.note);
    if (note) this.line(note, { size: 8.5, italics: true, color: MUTED, gap: 0.6 });
  }

  meta(value: string) {
    this.line(value, { size: 8.5, color: MUTED, gap: 0.25 });
  }
}

function tocPagesFor(entries: number): number {
  const perPage = Math.floor((842 - 2 * MARGIN - 40) / TOC_LINE);
  return Math.max(1, Math.ceil(entries / perPage));
}

function writeFrame(w: PdfWriter, ctx: PdfContext, tocPages: number) {
  const { frame, labels } = ctx;
  w.meta(`${labels.t('title')} · ${labels.t('edition', { language: labels.language(frame.lang) })}`);
  w.heading(frame.forum.title.value, 1);
  w.line(frame.forum.summary.value, { size: 10.5 });
  w.meta(labels.t('generatedOn', { date: labels.date(frame.generatedAt) }));
  w.meta(labels.t('consentNote'));
  // The contents' pages, filled in at the end once every heading's page is known.
  for (let i = 0; i < tocPages; i += 1) w.doc.addPage();
  w.doc.addPage();
  w.heading(labels.t('about'), 2, 0);
  w.text(ctx, frame.forum.call);
  w.heading(labels.t('programme'), 2, 0);
  for (const week of frame.weeks) {
    w.heading(`${labels.t('week', { number: week.number })} — ${week.title.value}`, 3);
    w.text(ctx, week.summary);
    for (const reading of week.readings) {
      w.heading(reading.title.value, 4);
      w.text(ctx, reading.body);
    }
  }
  if (frame.caseStudies.length > 0) {
    w.heading(labels.t('caseStudies'), 2, 0);
    for (const study of frame.caseStudies) {
      w.heading(study.title.value, 3);
      w.meta(
        `${labels.t('caseStudyBy', { author: labels.byline(study.byline) })} · ${labels.t('week', { number: study.weekNumber })}`,
      );
      w.text(ctx, study.body);
    }
  }
  w.heading(labels.t('matrix'), 2, 0);
  w.line(labels.t('matrixIntro'), { size: 10 });
  if (frame.elements.length === 0) w.line(labels.t('noElements'), { size: 10 });
  for (const theme of frame.themes) {
    const ofTheme = frame.elements.filter((e) => e.themeId === theme.id);
    if (ofTheme.length === 0) continue;
    w.heading(theme.name, 3);
    for (const region of frame.regions) {
      const cell = ofTheme.filter((e) => e.regionId === region.id);
      if (cell.length === 0) continue;
      w.heading(region.name, 4);
      for (const element of cell) {
        w.text(ctx, element.text);
        w.meta(labels.t('endorsements', { count: element.endorsements }));
        for (const c of element.citations) {
          const author = labels.byline(c.byline);
          w.meta(
            labels.t('citedLine', {
              what:
                c.type === 'case_study'
                  ? labels.t('citedCaseStudy', { where: c.where?.value ?? '', author })
                  : c.where
                    ? labels.t('citedPost', {
                        where: c.where.value || labels.t('untitledThread', { number: c.weekNumber }),
                        author,
                      })
                    : labels.t('citedPostElsewhere', { author, week: c.weekNumber }),
            }),
          );
        }
        w.doc.moveDown(0.4);
      }
    }
  }
  w.heading(labels.t('discussions'), 2, 0);
  if (frame.threads.length === 0) w.line(labels.t('noThreads'), { size: 10 });
}

/** Fills the reserved contents pages, numbers every page and adds the bookmarks. */
function finish(w: PdfWriter, ctx: PdfContext, tocPages: number) {
  const doc = w.doc;
  const { count } = doc.bufferedPageRange();
  const perPage = Math.floor((doc.page.height - 2 * MARGIN - 40) / TOC_LINE);
  let section: PDFKit.PDFOutline | null = null;
  for (const entry of w.toc) {
    if (entry.level === 0) section = doc.outline.addItem(entry.title);
    else (section ?? doc.outline).addItem(entry.title);
  }
  for (let p = 0; p < tocPages; p += 1) {
    doc.switchToPage(1 + p);
    doc.x = MARGIN;
    doc.y = MARGIN;
    if (p === 0) w.line(ctx.labels.t('contents'), { size: 15, bold: true, gap: 0.6 });
    for (const entry of w.toc.slice(p * perPage, (p + 1) * perPage)) {
      const y = doc.y;
      const indent = entry.level === 0 ? 0 : 14;
      doc
        .font(entry.level === 0 ? FONTS.bold : FONTS.regular)
        .fontSize(entry.level === 0 ? 10.5 : 9.5)
        .fillColor(INK);
      doc.text(entry.title, MARGIN + indent, y, {
        width: w.width - indent - 40,
        height: TOC_LINE,
        ellipsis: true,
        lineBreak: false,
        goTo: entry.destination,
      });
      doc.text(String(entry.page), MARGIN + w.width - 36, y, { width: 36, align: 'right', lineBreak: false });
      doc.x = MARGIN;
      doc.y = y + TOC_LINE;
    }
  }
  for (let p = 0; p < count; p += 1) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONTS.regular).fontSize(8).fillColor(MUTED);
    doc.text(String(p + 1), MARGIN, doc.page.height - 34, { width: w.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Writes the PDF into the sink as the posts are read. */
export async function writePdfEdition(
  db: Kysely<DB>,
  ctx: PdfContext,
  sink: FileSink,
  onThread: (postsDone: number) => Promise<void>,
): Promise<void> {
  const { labels, frame } = ctx;
  const w = new PdfWriter(frame.lang, `${labels.t('title')} — ${frame.forum.title.value}`);
  const doc = w.doc;
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.pipe(sink.stream);
  const tocPages = tocPagesFor(5 + frame.threads.length);
  writeFrame(w, ctx, tocPages);
  let done = 0;
  for await (const { thread, posts } of threadsWithPosts(db, frame)) {
    w.heading(labels.threadTitle(thread), 3, 1);
    const note = labels.note(thread.titleNote);
    w.meta(`${labels.t('week', { number: thread.weekNumber })}${note ? ` · ${note}` : ''}`);
    for (const p of posts) {
      if (doc.y > doc.page.height - MARGIN - 40) doc.addPage();
      w.line(labels.t('postBy', { author: labels.byline(p.byline), date: labels.date(p.createdAt) }), {
        size: 8.5,
        bold: true,
        color: MUTED,
        gap: 0.15,
        destination: `post-${p.id}`,
      });
      w.text(ctx, p.text);
    }
    done += posts.length;
    await onThread(done);
  }
  finish(w, ctx, tocPages);
  doc.end();
  await ended;
}
