// The app's pages, each loaded on first use (lazy-page.ts) and its own chunk: a reader's first load
// carries the shell and the page they open, not the others. Only the app's routes import this file;
// the pages that other pages show or preload are in linked-pages.ts, so those pages need not import
// back the registry that loads them.
import { lazyPage } from './lazy-page.ts';

export const ForumPage = lazyPage<{ slug: string }>(() =>
  import('./forum.page.tsx').then((m) => ({ default: m.ForumPage })),
);
export const WeekPage = lazyPage<{ slug: string; number: string }>(
  () => import('./week.page.tsx').then((m) => ({ default: m.WeekPage })),
  ['caseStudies'],
);
export const SignInPage = lazyPage<object>(() => import('./sign-in.page.tsx').then((m) => ({ default: m.SignInPage })));
export const TranslateQueuePage = lazyPage(() => import('./translate-queue.page.tsx'), ['translation']);
export const TranslateEditorPage = lazyPage(() => import('./translate-editor.page.tsx'), ['translation']);
export const GlossaryPage = lazyPage(() => import('./glossary.page.tsx'), ['translation']);
export const TranslationDashboardPage = lazyPage(() => import('./translation-dashboard.page.tsx'), ['translation']);
export const VerifyEmailPage = lazyPage(() => import('./verify-email.page.tsx'), ['account']);
export const ForgotPasswordPage = lazyPage(() => import('./forgot-password.page.tsx'), ['account']);
export const ResetPasswordPage = lazyPage(() => import('./reset-password.page.tsx'), ['account']);
export const AccountDeletedPage = lazyPage(() => import('./account-deleted.page.tsx'), ['account']);
export const LegalPage = lazyPage<{ document: string }>(() => import('./legal.page.tsx'));
// The console's settings and schedule carry the time-zone picker (account) and the Markdown preview (translation strings).
export const ConsoleSettingsPage = lazyPage(
  () => import('./console-settings.page.tsx'),
  ['console', 'account', 'translation'],
);
export const ConsoleSchedulePage = lazyPage(() => import('./console-schedule.page.tsx'), ['console', 'translation']);
export const ConsoleNewForumPage = lazyPage(
  () => import('./console-new-forum.page.tsx'),
  ['console', 'account', 'translation'],
);
export const ConsoleListsPage = lazyPage(() => import('./console-lists.page.tsx'), ['console']);
export const ConsoleExportPage = lazyPage(() => import('./console-export.page.tsx'), ['console']);
export const ConsoleProceedingsPage = lazyPage(() => import('./console-proceedings.page.tsx'), ['console']);
export const ConsoleAnalyticsPage = lazyPage(() => import('./console-analytics.page.tsx'), ['console']);
export const ConsolePeoplePage = lazyPage(() => import('./console-people.page.tsx'), ['console', 'people']);
export const ConsoleModerationPage = lazyPage(() => import('./console-moderation.page.tsx'), ['console', 'moderation']);
export const ConsoleAuditPage = lazyPage(() => import('./console-audit.page.tsx'), ['console', 'moderation']);
// The forum's synthesis and its review in the console; posts and case studies propose with the synthesis strings.
export const SynthesisPage = lazyPage(() => import('./synthesis.page.tsx'), ['synthesis']);
export const ConsoleSynthesisPage = lazyPage(() => import('./console-synthesis.page.tsx'), ['console', 'synthesis']);
export const MyReportsPage = lazyPage(() => import('./my-reports.page.tsx'), ['moderation']);
// A reading's page; the console's readings tab also carries the Markdown preview (translation strings).
export const ReadingPage = lazyPage(() => import('./reading.page.tsx'), ['readings']);
export const ConsoleReadingsPage = lazyPage(
  () => import('./console-readings.page.tsx'),
  ['console', 'readings', 'translation'],
);
export const NotificationsPage = lazyPage(() => import('./notifications.page.tsx'), ['notifications']);
export const NotificationPreferencesPage = lazyPage(
  () => import('./notification-preferences.page.tsx'),
  ['notifications'],
);
export const UnsubscribePage = lazyPage(() => import('./unsubscribe.page.tsx'), ['notifications']);
export const OutboxPage = lazyPage(() => import('./outbox.page.tsx'), ['notifications']);
export const ApplyPage = lazyPage(() => import('./apply.page.tsx'));
export const ApplicationsPage = lazyPage(() => import('./applications.page.tsx'), ['console']);
export const DirectoryPage = lazyPage(() => import('./directory.page.tsx'));
export const InvitationPage = lazyPage(() => import('./invitation.page.tsx'));
export const ReconfirmPage = lazyPage(() => import('./reconfirm.page.tsx'));
// Key respondents' case studies and questions, and the members' "this week" home.
export const HomePage = lazyPage<object>(() => import('./home.page.tsx'), ['home']);
export const CaseStudyEditorPage = lazyPage(
  () => import('./case-study-editor.page.tsx'),
  ['caseStudies', 'translation'],
);
export const CaseStudyPage = lazyPage(() => import('./case-study.page.tsx'), ['caseStudies', 'synthesis']);
export const CaseStudyReviewPage = lazyPage(() => import('./case-study-review.page.tsx'), ['caseStudies']);
export const QuestionsWaitingPage = lazyPage(() => import('./questions-waiting.page.tsx'), ['caseStudies']);
export const QuestionsOverduePage = lazyPage(() => import('./questions-overdue.page.tsx'), ['caseStudies']);
// The account forms carry the time-zone picker, which no other page needs.
export const RegisterPage = lazyPage<object>(
  () => import('./register.page.tsx').then((m) => ({ default: m.RegisterPage })),
  ['account'],
);
export const ProfilePage = lazyPage<object>(
  () => import('./profile.page.tsx').then((m) => ({ default: m.ProfilePage })),
  ['account'],
);
// Search results; the header's box is in the core strings (search.box).
export const SearchPage = lazyPage(() => import('./search.page.tsx'), ['search']);
