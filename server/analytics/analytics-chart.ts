// Posts per week by language as stacked bars, drawn as SVG text on the server: no chart library
// in the bundle, and the page gets it with its figures. Every text is escaped here, since the
// page inserts the markup as it is.
import type { Lang } from '../db/schema.ts';
import { translatorFor } from '../i18n/i18n.ts';

export interface ChartWeek {
  number: number;
  byLanguage: { lang: Lang; posts: number }[];
}

// Distinguishable for the common colour-vision deficiencies (Okabe–Ito), each with a 3:1 contrast on white.
const COLOURS: Record<Lang, string> = { en: '#0072B2', es: '#D55E00', fr: '#007A5E' };
const WIDTH = 640;
const HEIGHT = 320;
const PLOT = { left: 56, right: 150, top: 40, bottom: 56 };

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A round step giving about five gridlines up to `max`. */
function tickStep(max: number): number {
  if (max <= 5) return 1;
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough)!;
  return step;
}

export function postsChartSvg(weeks: ChartWeek[], languages: Lang[], readerLang: Lang): string {
  const t = translatorFor(readerLang);
  const number = new Intl.NumberFormat(readerLang);
  const totals = weeks.map((week) => week.byLanguage.reduce((sum, entry) => sum + entry.posts, 0));
  const step = tickStep(Math.max(1, ...totals));
  const top = Math.max(step, Math.ceil(Math.max(1, ...totals) / step) * step);
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (value: number) => PLOT.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, weeks.length);
  const barWidth = Math.min(48, slot * 0.6);
  const title = t('server:analytics.chart.title');
  const name = (lang: Lang) => t(`server:analytics.languages.${lang}`);
  const summary = weeks
    .map((week, index) =>
      t('server:analytics.chart.weekSummary', {
        number: week.number,
        total: number.format(totals[index]!),
        parts: week.byLanguage
          .filter((entry) => entry.posts > 0)
          .map((entry) => t('server:analytics.chart.inLanguage', { count: entry.posts, language: name(entry.lang) }))
          .join(', '),
      }),
    )
    .join(' ');
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" class="analytics-chart" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(summary || t('server:analytics.chart.empty'))}</desc>`,
  );
  for (let value = 0; value <= top; value += step) {
    const at = y(value).toFixed(1);
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${at}" y2="${at}" stroke="#d0d0d0" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${at}" text-anchor="end" dominant-baseline="middle" fill="#333">${escapeXml(number.format(value))}</text>`,
    );
  }
  weeks.forEach((week, index) => {
    const x = PLOT.left + slot * index + (slot - barWidth) / 2;
    let base = 0;
    for (const lang of languages) {
      const posts = week.byLanguage.find((entry) => entry.lang === lang)?.posts ?? 0;
      if (posts === 0) continue;
      const label = t('server:analytics.chart.barLabel', {
        number: week.number,
        count: posts,
        language: name(lang),
      });
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(base + posts).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + posts)).toFixed(1)}" fill="${COLOURS[lang]}"><title>${escapeXml(label)}</title></rect>`,
      );
      base += posts;
    }
    parts.push(
      `<text x="${(x + barWidth / 2).toFixed(1)}" y="${PLOT.top + plotHeight + 18}" text-anchor="middle" fill="#333">${escapeXml(number.format(week.number))}</text>`,
    );
  });
  parts.push(
    `<line x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}" stroke="#333"/>`,
    `<text x="${PLOT.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle" fill="#333">${escapeXml(t('server:analytics.chart.xAxis'))}</text>`,
    `<text transform="translate(16 ${PLOT.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#333">${escapeXml(t('server:analytics.chart.yAxis'))}</text>`,
    `<text x="${PLOT.left + plotWidth / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold" fill="#111">${escapeXml(title)}</text>`,
  );
  const legendX = WIDTH - PLOT.right + 16;
  parts.push(`<g class="legend">`);
  languages.forEach((lang, index) => {
    const legendY = PLOT.top + index * 22;
    parts.push(
      `<rect x="${legendX}" y="${legendY}" width="14" height="14" fill="${COLOURS[lang]}"/>`,
      `<text x="${legendX + 20}" y="${legendY + 7}" dominant-baseline="middle" fill="#333">${escapeXml(name(lang))}</text>`,
    );
  });
  parts.push('</g></svg>');
  return parts.join('');
}
