// Pages loaded on first use, to keep the first load small, each with the areas of strings it
// shows beyond the core (i18n/string-areas.ts), fetched beside it. On a dropped connection the
// chunk is asked for again a few times; if it still does not arrive, a page says so.
import type { ComponentType } from 'preact';
import lazy from 'preact-iso/lazy';
import { loadStringAreas } from '../i18n/i18n.ts';
import type { StringArea } from '../i18n/string-areas.ts';
import { ChunkFailedPage } from './chunk-failed.page.tsx';

function retrying<T>(load: () => Promise<T>, attemptsLeft: number, delayMs: number): Promise<T> {
  return load().catch((error: unknown) => {
    if (attemptsLeft <= 1) throw error;
    return new Promise<T>((resolve) => setTimeout(() => resolve(retrying(load, attemptsLeft - 1, delayMs * 2)), delayMs));
  });
}

function lazyPage<P>(load: () => Promise<{ default: ComponentType<P> }>, areas: StringArea[] = []) {
  const loadWithStrings = () => Promise.all([load(), loadStringAreas(areas)]).then(([page]) => page);
  return lazy(() => retrying(loadWithStrings, 4, 1000).catch(() => ({ default: ChunkFailedPage as ComponentType<P> })));
}

// Every page is its own chunk: a reader's first load carries the shell and the page they open, not the others.
export const ForumListPage = lazyPage<object>(() => import('./forum-list.page.tsx').then((m) => ({ default: m.ForumListPage })));
export const ForumPage = lazyPage<{ slug: string }>(() => import('./forum.page.tsx').then((m) => ({ default: m.ForumPage })));
export const WeekPage = lazyPage<{ slug: string; number: string }>(() => import('./week.page.tsx').then((m) => ({ default: m.WeekPage })));
export const SignInPage = lazyPage<object>(() => import('./sign-in.page.tsx').then((m) => ({ default: m.SignInPage })));
export const ThreadPage = lazyPage(() => import('./thread.page.tsx'), ['thread']);
export const TranslateQueuePage = lazyPage(() => import('./translate-queue.page.tsx'), ['translation']);
export const TranslateEditorPage = lazyPage(() => import('./translate-editor.page.tsx'), ['translation']);
export const GlossaryPage = lazyPage(() => import('./glossary.page.tsx'), ['translation']);
export const TranslationDashboardPage = lazyPage(() => import('./translation-dashboard.page.tsx'), ['translation']);
export const VerifyEmailPage = lazyPage(() => import('./verify-email.page.tsx'), ['account']);
export const NotificationsPage = lazyPage(() => import('./notifications.page.tsx'), ['notifications']);
export const NotificationPreferencesPage = lazyPage(() => import('./notification-preferences.page.tsx'), ['notifications']);
export const UnsubscribePage = lazyPage(() => import('./unsubscribe.page.tsx'), ['notifications']);
export const OutboxPage = lazyPage(() => import('./outbox.page.tsx'), ['notifications']);
export const ApplyPage = lazyPage(() => import('./apply.page.tsx'));
export const ApplicationsPage = lazyPage(() => import('./applications.page.tsx'));
export const DirectoryPage = lazyPage(() => import('./directory.page.tsx'));
export const InvitationPage = lazyPage(() => import('./invitation.page.tsx'));
export const ReconfirmPage = lazyPage(() => import('./reconfirm.page.tsx'));
// The account forms carry the time-zone picker, which no other page needs.
export const RegisterPage = lazyPage<object>(() => import('./register.page.tsx').then((m) => ({ default: m.RegisterPage })), ['account']);
export const ProfilePage = lazyPage<object>(() => import('./profile.page.tsx').then((m) => ({ default: m.ProfilePage })), ['account']);
