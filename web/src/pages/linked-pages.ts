// Pages that other pages show or preload, loaded on first use (lazy-page.ts): the list of forums,
// which "this week" shows to members of no forum, and the thread page, which a week's thread list
// starts fetching when the reader points at a thread. Apart from the app's registry (lazy-pages.ts),
// which imports the pages that import these.
import { lazyPage } from './lazy-page.ts';

export const ForumListPage = lazyPage<object>(() =>
  import('./forum-list.page.tsx').then((m) => ({ default: m.ForumListPage })),
);
export const ThreadPage = lazyPage(() => import('./thread.page.tsx'), ['thread', 'synthesis']);
