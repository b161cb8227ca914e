// A hit's excerpt: its Markdown reduced to the words a reader sees, and ts_headline's marked
// output split into plain and marked parts, so the page renders text and never the database's HTML.
const START = '\u0002';
const STOP = '\u0003';

/** The text as read, without Markdown's marks or any control character (the headline's markers included). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function excerptParts(headline: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  for (const [index, piece] of headline.split(START).entries()) {
    const [marked, rest] = index === 0 ? [null, piece] : splitOnce(piece);
    if (marked) parts.push({ text: marked, mark: true });
    if (rest) parts.push({ text: rest, mark: false });
  }
  return parts;
}

function splitOnce(piece: string): [string, string] {
  const at = piece.indexOf(STOP);
  return at === -1 ? [piece, ''] : [piece.slice(0, at), piece.slice(at + 1)];
}
