// A wide table scrolls sideways inside its wrapper on a phone. Keyboard users must be able to
// reach that scroller to scroll it, and screen readers to name it (axe: scrollable-region-focusable).
export function scrollableRegion(label: string) {
  return { tabIndex: 0, role: 'region', 'aria-label': label } as const;
}
