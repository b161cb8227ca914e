// Markdown to safe HTML: remark → rehype → rehype-sanitize. Raw HTML in the source is dropped
// (remark-rehype does not pass it through) and the sanitizer removes event handlers and
// `javascript:` URLs that Markdown itself could produce. Synchronous and unbounded: requests
// reach it through renderMarkdown (markdown.ts), which bounds the text and runs it in a worker.
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

export function markdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}
