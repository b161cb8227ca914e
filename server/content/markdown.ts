// Markdown to safe HTML: remark → rehype → rehype-sanitize. Raw HTML in the source is dropped
// (remark-rehype does not pass it through) and the sanitizer removes event handlers and
// `javascript:` URLs that Markdown itself could produce.
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
