// The sanitizing Markdown pipeline keeps formatting and removes every way to run script.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/content/markdown.ts';

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown', () => {
    expect(renderMarkdown('## Economía *social*\n\n- uno\n- dos\n\n~~no~~ [CCEDNet](https://ccednet-rcdec.ca)')).toBe(
      '<h2>Economía <em>social</em></h2>\n<ul>\n<li>uno</li>\n<li>dos</li>\n</ul>\n<p><del>no</del> <a href="https://ccednet-rcdec.ca">CCEDNet</a></p>',
    );
  });

  it('drops a raw <script> element', () => {
    expect(renderMarkdown('Hola\n\n<script>alert("x")</script>')).toBe('<p>Hola</p>');
  });

  it('drops an onerror attribute on raw HTML', () => {
    const html = renderMarkdown('<img src="x" onerror="alert(1)"> texto');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('alert');
  });

  it('drops javascript: URLs from links and images', () => {
    const html = renderMarkdown('[clic](javascript:alert(1)) ![x](javascript:alert(2)) [ok](JaVaScRiPt:alert(3))');
    expect(html).not.toMatch(/javascript/i);
    expect(html).toContain('<a>clic</a>');
  });
});
