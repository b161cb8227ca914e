// What a Markdown text may be before it is rendered, measured on the source in one pass: the
// parser's work grows with length and faster than linearly with nesting (4,000 nested quotes
// block it for seconds, 30,000 exhaust its memory), so both are refused before it starts.

/** The longest text rendered: the API's limit for a post, a translation or a preview. */
export const MAX_MARKDOWN_LENGTH = 50_000;
/** Block quotes and lists nested deeper than this are refused. */
export const MAX_NESTING = 16;

const LIST_MARKER = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/y;
const THEMATIC_BREAK = /([-*_])(?:[ \t]*\1){2,}[ \t]*$/y;
const FENCE = /(`{3,}|~{3,})/y;

interface Fence {
  char: string;
  length: number;
}

/**
 * The deepest nesting of block quotes and lists on any line, counted up to `limit + 1`: the
 * markers that open containers on the line, plus its indentation (a nested list item is
 * indented at least two columns per level), which inside a fenced code block is only code.
 */
export function nestingDepth(markdown: string, limit = MAX_NESTING): number {
  let deepest = 0;
  let fence: Fence | undefined;
  for (const line of markdown.split(/\r\n|\n|\r/)) {
    let depth = 0;
    let i = 0;
    let columns = 0;
    for (; line[i] === ' ' || line[i] === '\t'; i++) columns += line[i] === '\t' ? 4 - (columns % 4) : 1;
    const indentDepth = Math.floor(columns / 2);
    while (depth <= limit) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (line[i] === '>') {
        depth++;
        i++;
        continue;
      }
      THEMATIC_BREAK.lastIndex = i;
      if (THEMATIC_BREAK.test(line)) break;
      LIST_MARKER.lastIndex = i;
      const marker = LIST_MARKER.exec(line);
      if (!marker) break;
      depth++;
      i += marker[0].length;
    }
    FENCE.lastIndex = i;
    const opening = FENCE.exec(line)?.[1];
    const inCode = fence !== undefined;
    if (opening && !fence) fence = { char: opening[0]!, length: opening.length };
    else if (
      opening &&
      fence &&
      opening[0] === fence.char &&
      opening.length >= fence.length &&
      line.slice(i + opening.length).trim() === ''
    )
      fence = undefined;
    deepest = Math.max(deepest, depth + (inCode ? 0 : indentDepth));
    if (deepest > limit) return deepest;
  }
  return deepest;
}
