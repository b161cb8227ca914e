// A page loaded on first use, to keep the first load small, with the areas of strings it shows
// beyond the core (i18n/string-areas.ts), fetched beside it. On a dropped connection the chunk is
// asked for again a few times; if it still does not arrive, a page says so.
import type { ComponentType } from 'preact';
import lazy from 'preact-iso/lazy';
import { loadStringAreas } from '../i18n/i18n.ts';
import type { StringArea } from '../i18n/string-areas.ts';
import { ChunkFailedPage } from './chunk-failed.page.tsx';

function retrying<T>(load: () => Promise<T>, attemptsLeft: number, delayMs: number): Promise<T> {
  return load().catch((error: unknown) => {
    if (attemptsLeft <= 1) throw error;
    return new Promise<T>((resolve) =>
      setTimeout(() => resolve(retrying(load, attemptsLeft - 1, delayMs * 2)), delayMs),
    );
  });
}

export function lazyPage<P>(load: () => Promise<{ default: ComponentType<P> }>, areas: StringArea[] = []) {
  const loadWithStrings = () => Promise.all([load(), loadStringAreas(areas)]).then(([page]) => page);
  return lazy(() => retrying(loadWithStrings, 4, 1000).catch(() => ({ default: ChunkFailedPage as ComponentType<P> })));
}
