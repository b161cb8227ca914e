// The edition as one self-contained HTML file, written as it is read: the frame first (table of
// contents, programme, case studies, matrix), then each selected thread as its posts arrive.
// Every element holding words carries its own `lang`; stored HTML was sanitized when written.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { EditionFrame, EditionPost, EditionThread, Titled } from './edition-content.ts';
import { threadsWithPosts } from './edition-content.ts';
import type { EditionText } from './edition-text.ts';
import type { EditionLabels } from './edition-labels.ts';
import type { FileSink } from './edition-store.ts';

const CSS = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#555;--rule:#d0d0d5;--accent:#0b5cad}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);max-width:46rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}h2{font-size:1.5rem;margin:2.5rem 0 1rem;border-bottom:1px solid var(--rule);padding-bottom:.25rem}
h3{font-size:1.2rem;margin:2rem 0 .5rem}h4{font-size:1.05rem;margin:1.5rem 0 .25rem}
a{color:var(--accent)}
.meta,.note,.byline{color:var(--muted);font-size:.9rem}.note{font-style:italic;margin:.25rem 0 1rem}
nav ol{padding-left:1.25rem}nav li{margin:.15rem 0}
.post{border-left:3px solid var(--rule);padding:.25rem 0 .25rem 1rem;margin:1rem 0}
.matrix{border-collapse:collapse;width:100%;font-size:.92rem}.matrix th,.matrix td{border:1px solid var(--rule);padding:.5rem;vertical-align:top;text-align:left}
.matrix ul{margin:0;padding-left:1rem}.cites{font-size:.85rem;color:var(--muted);margin:.25rem 0 .75rem}
@media print{
  body{max-width:none;padding:0;font-size:11pt;color:#000}
  a{color:#000;text-decoration:none}
  nav a::after{content:target-counter(attr(href),page);float:right}
  h2{break-before:page}h2,h3,h4{break-after:avoid}
  .post,.matrix tr{break-inside:avoid}
  @page{margin:2cm;@bottom-center{content:counter(page)}}
}`;

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function titled(tag: string, value: Titled, attrs = ''): string {
  return `<${tag}${attrs} lang="${value.lang}">${escapeHtml(value.value)}</${tag}>`;
}

export interface HtmlContext {
  frame: EditionFrame;
  labels: EditionLabels;
}

function label(ctx: HtmlContext, key: string, values?: Record<string, unknown>): string {
  return escapeHtml(ctx.labels.t(key, values));
}

/** A text in its language, with the note that says where it comes from. */
function text(ctx: HtmlContext, value: EditionText): string {
  const note = ctx.labels.note(value.note);
  return (
    `<div class="text" lang="${value.lang}">${value.html}</div>` +
    (note ? `<p class="note" lang="${ctx.frame.lang}">${escapeHtml(note)}</p>` : '')
  );
}

function header(ctx: HtmlContext): string {
  const { frame, labels } = ctx;
  const L = frame.lang;
  const toc: [string, string][] = [
    ['about', labels.t('about')],
    ['programme', labels.t('programme')],
    ...(frame.caseStudies.length > 0 ? ([['case-studies', labels.t('caseStudies')]] as [string, string][]) : []),
    ['matrix', labels.t('matrix')],
    ['discussions', labels.t('discussions')],
  ];
  const threadItems = frame.threads
    .map(
      (t) =>
        `<li><a href="#thread-${t.id}" lang="${t.title.value ? t.title.lang : L}">${escapeHtml(labels.threadTitle(t))}</a></li>`,
    )
    .join('');
  return (
    `<!doctype html>\n<html lang="${L}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title lang="${L}">${escapeHtml(`${labels.t('title')} — ${frame.forum.title.value}`)}</title>` +
    `<style>${CSS}</style></head><body>` +
    `<header><p class="meta" lang="${L}">${label(ctx, 'title')} · ${label(ctx, 'edition', { language: labels.language(L) })}</p>` +
    titled('h1', frame.forum.title) +
    titled('p', frame.forum.summary, ' class="summary"') +
    `<p class="meta" lang="${L}">${label(ctx, 'generatedOn', { date: labels.date(frame.generatedAt) })}</p>` +
    `<p class="meta" lang="${L}">${label(ctx, 'consentNote')}</p></header>` +
    `<nav aria-labelledby="contents"><h2 id="contents" lang="${L}">${label(ctx, 'contents')}</h2><ol>` +
    toc
      .map(
        ([id, name]) =>
          `<li><a href="#${id}" lang="${L}">${escapeHtml(name)}</a>${id === 'discussions' && threadItems ? `<ol>${threadItems}</ol>` : ''}</li>`,
      )
      .join('') +
    `</ol></nav><main>`
  );
}

function programme(ctx: HtmlContext): string {
  const { frame, labels } = ctx;
  const L = frame.lang;
  let html = `<section id="about"><h2 lang="${L}">${label(ctx, 'about')}</h2>${text(ctx, frame.forum.call)}</section>`;
  html += `<section id="programme"><h2 lang="${L}">${label(ctx, 'programme')}</h2>`;
  for (const week of frame.weeks) {
    html += `<article id="week-${week.number}"><h3 lang="${L}"><span lang="${L}">${label(ctx, 'week', { number: week.number })}</span> — <span lang="${week.title.lang}">${escapeHtml(week.title.value)}</span></h3>`;
    html += text(ctx, week.summary);
    if (week.readings.length > 0) {
      html += `<h4 lang="${L}">${label(ctx, 'readings')}</h4>`;
      for (const reading of week.readings)
        html += `<article id="reading-${reading.id}">${titled('h4', reading.title)}${text(ctx, reading.body)}</article>`;
    }
    html += `</article>`;
  }
  html += `</section>`;
  if (frame.caseStudies.length > 0) {
    html += `<section id="case-studies"><h2 lang="${L}">${label(ctx, 'caseStudies')}</h2>`;
    for (const study of frame.caseStudies)
      html +=
        `<article id="case-study-${study.id}">${titled('h3', study.title)}` +
        `<p class="byline" lang="${L}">${label(ctx, 'caseStudyBy', { author: labels.byline(study.byline) })} · ${label(ctx, 'week', { number: study.weekNumber })}</p>` +
        `${text(ctx, study.body)}</article>`;
    html += `</section>`;
  }
  return html;
}

function citation(ctx: HtmlContext, c: EditionFrame['elements'][number]['citations'][number]): string {
  const { labels, frame } = ctx;
  const author = labels.byline(c.byline);
  const words =
    c.type === 'case_study'
      ? labels.t('citedCaseStudy', { where: c.where?.value ?? '', author })
      : c.where
        ? labels.t('citedPost', {
            where: c.where.value || labels.t('untitledThread', { number: c.weekNumber }),
            author,
          })
        : labels.t('citedPostElsewhere', { author, week: c.weekNumber });
  const inner = c.anchor ? `<a href="#${c.anchor}" lang="${frame.lang}">${escapeHtml(words)}</a>` : escapeHtml(words);
  return `<li lang="${frame.lang}">${inner}</li>`;
}

function matrix(ctx: HtmlContext): string {
  const { frame, labels } = ctx;
  const L = frame.lang;
  let html = `<section id="matrix"><h2 lang="${L}">${label(ctx, 'matrix')}</h2><p lang="${L}">${label(ctx, 'matrixIntro')}</p>`;
  if (frame.elements.length === 0) return `${html}<p lang="${L}">${label(ctx, 'noElements')}</p></section>`;
  // A theme per block, a region per row: readable on paper however many themes there are.
  for (const theme of frame.themes) {
    const ofTheme = frame.elements.filter((e) => e.themeId === theme.id);
    if (ofTheme.length === 0) continue;
    html += `<h3 id="theme-${theme.key}" lang="${L}">${escapeHtml(theme.name)}</h3><table class="matrix"><thead><tr><th scope="col" lang="${L}">${label(ctx, 'region')}</th><th scope="col" lang="${L}">${escapeHtml(theme.name)}</th></tr></thead><tbody>`;
    for (const region of frame.regions) {
      const cell = ofTheme.filter((e) => e.regionId === region.id);
      if (cell.length === 0) continue;
      html += `<tr><th scope="row" lang="${L}">${escapeHtml(region.name)}</th><td><ul>`;
      for (const element of cell) {
        html +=
          `<li id="element-${element.id}">${text(ctx, element.text)}` +
          `<p class="meta" lang="${L}">${escapeHtml(labels.t('endorsements', { count: element.endorsements }))}</p>` +
          (element.citations.length > 0
            ? `<p class="cites" lang="${L}">${label(ctx, 'cited')}</p><ul class="cites">${element.citations.map((c) => citation(ctx, c)).join('')}</ul>`
            : '') +
          `</li>`;
      }
      html += `</ul></td></tr>`;
    }
    html += `</tbody></table>`;
  }
  return `${html}</section>`;
}

function threadOpening(ctx: HtmlContext, thread: EditionThread): string {
  const { labels, frame } = ctx;
  const note = labels.note(thread.titleNote);
  return (
    `<article id="thread-${thread.id}"><h3 lang="${thread.title.value ? thread.title.lang : frame.lang}">${escapeHtml(labels.threadTitle(thread))}</h3>` +
    `<p class="meta" lang="${frame.lang}">${label(ctx, 'week', { number: thread.weekNumber })}${note ? ` · ${escapeHtml(note)}` : ''}</p>`
  );
}

function post(ctx: HtmlContext, p: EditionPost): string {
  const { labels, frame } = ctx;
  return (
    `<article class="post" id="post-${p.id}"><p class="byline" lang="${frame.lang}">${label(ctx, 'postBy', { author: labels.byline(p.byline), date: labels.date(p.createdAt) })}</p>` +
    `${text(ctx, p.text)}</article>`
  );
}

/** Streams the whole HTML edition into the sink; `onThread` reports each thread written. */
export async function writeHtmlEdition(
  db: Kysely<DB>,
  ctx: HtmlContext,
  sink: FileSink,
  onThread: (postsDone: number) => Promise<void>,
): Promise<void> {
  await sink.write(header(ctx));
  await sink.write(programme(ctx));
  await sink.write(matrix(ctx));
  const L = ctx.frame.lang;
  await sink.write(`<section id="discussions"><h2 lang="${L}">${label(ctx, 'discussions')}</h2>`);
  if (ctx.frame.threads.length === 0) await sink.write(`<p lang="${L}">${label(ctx, 'noThreads')}</p>`);
  let done = 0;
  for await (const { thread, posts } of threadsWithPosts(db, ctx.frame)) {
    await sink.write(threadOpening(ctx, thread));
    for (const p of posts) await sink.write(post(ctx, p));
    await sink.write(`</article>`);
    done += posts.length;
    await onThread(done);
  }
  await sink.write(`</section></main></body></html>\n`);
}
