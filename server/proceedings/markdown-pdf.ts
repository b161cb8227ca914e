// Markdown to what the PDF writer draws: remark's tree walked to blocks (paragraphs, headings,
// list items, quotes, code, table rows) of inline runs with their emphasis and links. Raw HTML is
// dropped, as the HTML pipeline drops it; images become their alternative text (an edition
// embeds no remote files).
import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

export interface Run {
  text: string;
  bold?: boolean;
  italics?: boolean;
  link?: string;
}

export interface Block {
  kind: 'paragraph' | 'heading' | 'code';
  runs: Run[];
  /** Left indent in points (lists, quotes). */
  indent: number;
  /** Put before the first line: a bullet or a number. */
  marker?: string;
  quote?: boolean;
}

function inlines(nodes: PhrasingContent[], style: Omit<Run, 'text'> = {}): Run[] {
  return nodes.flatMap((node): Run[] => {
    switch (node.type) {
      case 'text':
        return [{ ...style, text: node.value }];
      case 'strong':
        return inlines(node.children, { ...style, bold: true });
      case 'emphasis':
        return inlines(node.children, { ...style, italics: true });
      case 'delete':
        return inlines(node.children, style);
      case 'inlineCode':
        return [{ ...style, text: node.value }];
      case 'break':
        return [{ ...style, text: '\n' }];
      case 'link':
        // Only web and mail links: a PDF reader opens them outside the document.
        return inlines(node.children, /^(https?:|mailto:)/i.test(node.url) ? { ...style, link: node.url } : style);
      case 'image':
        return node.alt ? [{ ...style, text: `[${node.alt}]` }] : [];
      case 'footnoteReference':
        return [{ ...style, text: `[${node.identifier}]` }];
      default:
        return [];
    }
  });
}

function blocks(node: Parents, indent: number, quote: boolean): Block[] {
  return node.children.flatMap((child) => block(child as Nodes, indent, quote));
}

function block(node: Nodes, indent: number, quote: boolean): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', runs: inlines(node.children), indent, quote }];
    case 'heading':
      return [{ kind: 'heading', runs: inlines(node.children, { bold: true }), indent, quote }];
    case 'blockquote':
      return blocks(node, indent + 14, true);
    case 'list':
      return node.children.flatMap((item, index) => {
        const inner = blocks(item, indent + 14, quote);
        const marker = node.ordered ? `${(node.start ?? 1) + index}.` : '•';
        return inner.map((b, i) => (i === 0 ? { ...b, marker } : b));
      });
    case 'code':
      return [{ kind: 'code', runs: [{ text: node.value }], indent: indent + 8, quote }];
    case 'table':
      return node.children.map((row, index) => ({
        kind: 'paragraph' as const,
        runs: row.children.flatMap((cell, i) => [
          ...(i > 0 ? [{ text: ' | ' }] : []),
          ...inlines(cell.children, index === 0 ? { bold: true } : {}),
        ]),
        indent,
        quote,
      }));
    case 'footnoteDefinition':
      return blocks(node, indent, quote);
    default:
      return [];
  }
}

export function markdownToBlocks(markdown: string): Block[] {
  const tree = parser.runSync(parser.parse(markdown)) as Root;
  return blocks(tree, 0, false).filter((b) => b.runs.some((r) => r.text.trim() !== ''));
}
