// The elements with their citations as tables for partners who continue the dialogue. CSV is
// RFC 4180 (CRLF line ends, fields quoted when they hold a quote, comma or line break), UTF-8
// with a byte-order mark: without it the spreadsheet most partners open it in reads UTF-8 as
// Windows-1252 and turns "participación" into "participaciÃ³n"; RFC 4180 leaves the charset to
// the media type, and common parsers (csv-parse's `bom`, Python's utf-8-sig, R) skip the mark.
// One row per element and citation, so each table stays flat; an element without a citation
// it may show keeps one row with the citation columns empty.
import type { EditionFrame } from './edition-content.ts';
import type { EditionLabels } from './edition-labels.ts';
import type { FileSink } from './edition-store.ts';

function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(values: (string | number)[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

function names(frame: EditionFrame) {
  return {
    region: new Map(frame.regions.map((r) => [r.id, r])),
    theme: new Map(frame.themes.map((t) => [t.id, t])),
  };
}

function citedIn(labels: EditionLabels, c: EditionFrame['elements'][number]['citations'][number]): string {
  return c.where?.value || (c.type === 'post' ? labels.t('untitledThread', { number: c.weekNumber }) : '');
}

export async function writeCsvEdition(ctx: { frame: EditionFrame; labels: EditionLabels }, sink: FileSink) {
  const { frame, labels } = ctx;
  const { region, theme } = names(frame);
  const h = (key: string) => labels.t(`csv.${key}`);
  await sink.write('\uFEFF');
  await sink.write(
    row([
      h('element'),
      h('region'),
      h('theme'),
      h('week'),
      h('statement'),
      h('language'),
      h('note'),
      h('endorsements'),
      h('citedKind'),
      h('citedAuthor'),
      h('citedIn'),
      h('citedAnchor'),
    ]),
  );
  for (const e of frame.elements) {
    const base = [
      e.id,
      region.get(e.regionId)?.name ?? '',
      theme.get(e.themeId)?.name ?? '',
      e.weekNumber,
      e.text.md.trim(),
      labels.language(e.text.lang),
      labels.note(e.text.note) ?? '',
      e.endorsements,
    ];
    if (e.citations.length === 0) await sink.write(row([...base, '', '', '', '']));
    for (const c of e.citations)
      await sink.write(
        row([
          ...base,
          h(c.type === 'post' ? 'post' : 'caseStudy'),
          labels.byline(c.byline),
          citedIn(labels, c),
          c.anchor ? `#${c.anchor}` : '',
        ]),
      );
  }
}

/** JSON: the same elements, with stable keys for regions and themes, one element written at a time. */
export async function writeJsonEdition(ctx: { frame: EditionFrame; labels: EditionLabels }, sink: FileSink) {
  const { frame, labels } = ctx;
  const { region, theme } = names(frame);
  const head = {
    forum: { slug: frame.forum.slug, title: frame.forum.title.value },
    lang: frame.lang,
    generatedAt: frame.generatedAt.toISOString(),
    regions: frame.regions.map((r) => ({ key: r.key, name: r.name })),
    themes: frame.themes.map((t) => ({ key: t.key, name: t.name })),
  };
  const opening = JSON.stringify(head);
  await sink.write(`${opening.slice(0, -1)},"elements":[`);
  let first = true;
  for (const e of frame.elements) {
    const element = {
      id: e.id,
      region: region.get(e.regionId)?.key ?? null,
      theme: theme.get(e.themeId)?.key ?? null,
      week: e.weekNumber,
      text: { lang: e.text.lang, markdown: e.text.md, note: labels.note(e.text.note) },
      endorsements: e.endorsements,
      citations: e.citations.map((c) => ({
        type: c.type,
        id: c.itemId,
        week: c.weekNumber,
        author: labels.byline(c.byline),
        anonymous: c.byline.kind === 'anonymous',
        in: citedIn(labels, c) || null,
        anchor: c.anchor,
      })),
    };
    await sink.write(`${first ? '' : ','}${JSON.stringify(element)}`);
    first = false;
  }
  await sink.write(']}\n');
}
