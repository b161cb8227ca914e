// Checks of a page for browser journeys: axe's serious and critical findings (through
// @axe-core/playwright), and two of axe-core's rules run in the page itself: `heading-order`
// (a heading is at most one level deeper than the one before it) and `label-content-name-mismatch` (a control named by aria-label contains its visible text, so
// speech users can say what they see).
// @see https://dequeuniversity.com/rules/axe/4.10/heading-order
// @see https://dequeuniversity.com/rules/axe/4.10/label-content-name-mismatch
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export function pageProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const shown = (element: Element) => {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      return (element as HTMLElement).offsetParent !== null || style.position === 'fixed';
    };
    let previous = 0;
    let previousText = '';
    for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')) {
      if (!shown(heading) || heading.closest('[aria-hidden=true]')) continue;
      const level = heading.getAttribute('aria-level')
        ? Number(heading.getAttribute('aria-level'))
        : Number(heading.tagName.slice(1));
      const text = heading.textContent?.trim() ?? '';
      if (previous && level > previous + 1)
        problems.push(`heading-order: h${level} “${text}” after h${previous} “${previousText}”`);
      previous = level;
      previousText = text;
    }
    // Text a sighted person sees: not hidden, not clipped to nothing (the visually-hidden class).
    const visibleText = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
      if (!(node instanceof HTMLElement)) return '';
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden') return '';
      if (style.position === 'absolute' && (node.offsetWidth <= 1 || node.offsetHeight <= 1)) return '';
      return [...node.childNodes].map(visibleText).join(' ');
    };
    const words = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    for (const control of document.querySelectorAll(
      'a[aria-label], button[aria-label], [role=link][aria-label], [role=button][aria-label], [role=tab][aria-label], [role=menuitem][aria-label]',
    )) {
      if (!shown(control)) continue;
      const name = words(control.getAttribute('aria-label') ?? '');
      const seen = words(visibleText(control));
      if (seen && !name.includes(seen))
        problems.push(
          `label-content-name-mismatch: “${control.getAttribute('aria-label')}” does not contain “${visibleText(control).trim()}”`,
        );
    }
    return problems;
  });
}

/** axe's serious and critical findings on the page, each as "rule: targets". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
