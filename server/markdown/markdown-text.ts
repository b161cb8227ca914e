// Markdown to plain text, for the text part of emails: the remark tree walked to what a reader
// of plain text expects — emphasis without its asterisks, links as "text (url)", headings
// underlined, quotes and list items marked at the start of their lines. Raw HTML is dropped, as
// the HTML pipeline drops it. Synchronous: for our own short texts (email templates), not for
// contributors' posts, which go through the bounded worker pool.
import type { Nodes, Parents, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

export function markdownToText(markdown: string): string {
  const tree = parser.runSync(parser.parse(markdown)) as Root;
  return blocks(tree)
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Block children, separated by a blank line. */
function blocks(node: Parents): string {
  return node.children
    .map((child) => block(child))
    .filter((text) => text !== '')
    .join('\n\n');
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : rest) + line)
    .join('\n');
}

function block(node: Nodes): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node);
    case 'heading': {
      const text = inline(node);
      return `${text}\n${(node.depth === 1 ? '=' : '-').repeat(Math.max(3, [...text].length))}`;
    }
    case 'blockquote':
      return prefixLines(blocks(node), '> ', '> ').replace(/^> $/gm, '>');
    case 'list':
      return node.children
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '* ';
          const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
          const body = item.children
            .map((child) => block(child))
            .filter(Boolean)
            .join(item.spread ? '\n\n' : '\n');
          return prefixLines(check + body, marker, ' '.repeat(marker.length));
        })
        .join(node.spread ? '\n\n' : '\n');
    case 'code':
      return prefixLines(node.value, '    ', '    ');
    case 'thematicBreak':
      return '* * *';
    case 'table':
      return node.children.map((row) => row.children.map((cell) => inline(cell)).join(' | ')).join('\n');
    case 'html':
    case 'definition':
    case 'footnoteDefinition':
      return '';
    default:
      return inline(node);
  }
}

function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
      return '';
    case 'image':
      return node.alt ? `${node.alt} (${node.url})` : node.url;
    case 'link': {
      const text = node.children.map(inline).join('');
      const bare = node.url.replace(/^mailto:/, '');
      return text === '' ? node.url : text === node.url || text === bare ? text : `${text} (${node.url})`;
    }
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inline).join('') : '';
  }
}
