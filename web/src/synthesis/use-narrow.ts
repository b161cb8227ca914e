// Whether the viewport is a phone's, by the same media query the stylesheet uses: the matrix is
// then drawn as a list, not a grid (both at once would repeat every element and its ids).
import { useEffect, useState } from 'preact/hooks';

export const NARROW_QUERY = '(max-width: 40rem)';

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(NARROW_QUERY);
    const listen = () => setNarrow(query.matches);
    listen();
    query.addEventListener('change', listen);
    return () => query.removeEventListener('change', listen);
  }, []);
  return narrow;
}
