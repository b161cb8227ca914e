// A link to a post (`…/threads/7?page=2#post-91`, as notifications give) shows that post once
// the page has loaded: scrolled into view and focused, so keyboard and screen readers start there.
import { useEffect } from 'preact/hooks';

export function useScrollToPost(loaded: boolean): void {
  useEffect(() => {
    if (!loaded || !/^#post-\d+$/.test(location.hash)) return;
    const element = document.getElementById(location.hash.slice(1));
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [loaded, typeof location === 'undefined' ? '' : location.hash]);
}
