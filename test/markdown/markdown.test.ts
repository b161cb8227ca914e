// The sanitizing Markdown pipeline, as requests reach it (in a render worker), keeps formatting
// and removes every way to run script.
import { describe, expect, it } from 'vitest';
import { renderMarkdown as render } from '../../server/markdown/markdown.ts';

const renderMarkdown = (markdown: string) => render(markdown, { field: 'bodyMd' });

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown', async () => {
    expect(
      await renderMarkdown('## Economía *social*\n\n- uno\n- dos\n\n~~no~~ [CCEDNet](https://ccednet-rcdec.ca)'),
    ).toBe(
      '<h2>Economía <em>social</em></h2>\n<ul>\n<li>uno</li>\n<li>dos</li>\n</ul>\n<p><del>no</del> <a href="https://ccednet-rcdec.ca">CCEDNet</a></p>',
    );
  });

  it('drops a raw <script> element', async () => {
    expect(await renderMarkdown('Hola\n\n<script>alert("x")</script>')).toBe('<p>Hola</p>');
  });

  it('drops an onerror attribute on raw HTML', async () => {
    const html = await renderMarkdown('<img src="x" onerror="alert(1)"> texto');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('alert');
  });

  it('drops javascript: URLs from links and images', async () => {
    const html = await renderMarkdown(
      '[clic](javascript:alert(1)) ![x](javascript:alert(2)) [ok](JaVaScRiPt:alert(3))',
    );
    expect(html).not.toMatch(/javascript/i);
    expect(html).toContain('<a>clic</a>');
  });
});
