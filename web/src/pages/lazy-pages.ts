// Pages loaded on first use, to keep the first load small. On a dropped connection the chunk
// is asked for again a few times; if it still does not arrive, a page says so.
import type { ComponentType } from 'preact';
import lazy from 'preact-iso/lazy';
import { ChunkFailedPage } from './chunk-failed.page.tsx';

function retrying<T>(load: () => Promise<T>, attemptsLeft: number, delayMs: number): Promise<T> {
  return load().catch((error: unknown) => {
    if (attemptsLeft <= 1) throw error;
    return new Promise<T>((resolve) => setTimeout(() => resolve(retrying(load, attemptsLeft - 1, delayMs * 2)), delayMs));
  });
}

function lazyPage<P>(load: () => Promise<{ default: ComponentType<P> }>) {
  return lazy(() => retrying(load, 4, 1000).catch(() => ({ default: ChunkFailedPage as ComponentType<P> })));
}

export const ThreadPage = lazyPage(() => import('./thread.page.tsx'));
export const TranslateQueuePage = lazyPage(() => import('./translate-queue.page.tsx'));
export const TranslateEditorPage = lazyPage(() => import('./translate-editor.page.tsx'));
export const GlossaryPage = lazyPage(() => import('./glossary.page.tsx'));
export const TranslationDashboardPage = lazyPage(() => import('./translation-dashboard.page.tsx'));
