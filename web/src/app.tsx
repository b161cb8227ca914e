// The app's frame: routing, language and session around a header and the current page.
import { LocationProvider, Route, Router } from 'preact-iso/router';
import type { Me } from '../../server/auth/auth.schemas.ts';
import { SiteHeader } from './components/site-header.tsx';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';
import { ForumListPage, ThreadPage } from './pages/linked-pages.ts';
import {
  ForumPage,
  SearchPage,
  SignInPage,
  WeekPage,
  GlossaryPage,
  ProfilePage,
  AccountDeletedPage,
  LegalPage,
  RegisterPage,
  TranslateEditorPage,
  TranslateQueuePage,
  TranslationDashboardPage,
  NotificationsPage,
  NotificationPreferencesPage,
  UnsubscribePage,
  OutboxPage,
  VerifyEmailPage,
  ForgotPasswordPage,
  ResetPasswordPage,
  ConsoleExportPage,
  ConsoleProceedingsPage,
  ConsoleAnalyticsPage,
  ConsoleListsPage,
  ConsoleSettingsPage,
  ConsoleSchedulePage,
  ConsoleNewForumPage,
  ConsolePeoplePage,
  ConsoleModerationPage,
  ConsoleAuditPage,
  MyReportsPage,
  ConsoleReadingsPage,
  ReadingPage,
  ApplyPage,
  ApplicationsPage,
  DirectoryPage,
  InvitationPage,
  ReconfirmPage,
  HomePage,
  CaseStudyEditorPage,
  CaseStudyPage,
  CaseStudyReviewPage,
  QuestionsWaitingPage,
  QuestionsOverduePage,
  SynthesisPage,
  ConsoleSynthesisPage,
} from './pages/lazy-pages.ts';
import { SessionProvider, useSession } from './session/session-context.tsx';

/** Signed-in members land on "this week"; visitors on the list of forums. */
function FrontPage() {
  const { me } = useSession();
  return me ? <HomePage /> : <ForumListPage />;
}

export function App({ initialMe }: { initialMe: Me | null }) {
  return (
    <LocationProvider>
      <I18nProvider>
        <SessionProvider initialMe={initialMe}>
          <SiteHeader />
          <main id="main" class="container" tabIndex={-1}>
            <Router>
              <Route path="/" component={FrontPage} />
              <Route path="/forums" component={ForumListPage} />
              <Route path="/search" component={SearchPage} />
              <Route path="/forums/:slug/my-case-study" component={CaseStudyEditorPage} />
              <Route path="/forums/:slug/case-studies" component={CaseStudyReviewPage} />
              <Route path="/forums/:slug/case-studies/:id" component={CaseStudyPage} />
              <Route path="/forums/:slug/questions/waiting" component={QuestionsWaitingPage} />
              <Route path="/forums/:slug/questions/overdue" component={QuestionsOverduePage} />
              <Route path="/forums/:slug" component={ForumPage} />
              <Route path="/forums/:slug/weeks/:number" component={WeekPage} />
              <Route path="/forums/:slug/weeks/:number/readings/:readingSlug" component={ReadingPage} />
              <Route path="/forums/:slug/apply" component={ApplyPage} />
              <Route path="/forums/:slug/applications" component={ApplicationsPage} />
              <Route path="/forums/:slug/directory" component={DirectoryPage} />
              <Route path="/forums/:slug/invitations/:token" component={InvitationPage} />
              <Route path="/reconfirm" component={ReconfirmPage} />
              <Route path="/forums/:slug/threads/:id" component={ThreadPage} />
              <Route path="/forums/:slug/translate" component={TranslateQueuePage} />
              <Route path="/forums/:slug/translate/:taskId" component={TranslateEditorPage} />
              <Route path="/forums/:slug/glossary" component={GlossaryPage} />
              <Route path="/forums/:slug/console" component={ConsoleSettingsPage} />
              <Route path="/forums/:slug/console/schedule" component={ConsoleSchedulePage} />
              <Route path="/forums/:slug/console/cohort" component={ConsoleListsPage} />
              <Route path="/forums/:slug/console/export" component={ConsoleExportPage} />
              <Route path="/forums/:slug/console/proceedings" component={ConsoleProceedingsPage} />
              <Route path="/forums/:slug/console/analytics" component={ConsoleAnalyticsPage} />
              <Route path="/forums/:slug/console/people" component={ConsolePeoplePage} />
              <Route path="/forums/:slug/console/moderation" component={ConsoleModerationPage} />
              <Route path="/forums/:slug/console/audit" component={ConsoleAuditPage} />
              <Route path="/forums/:slug/synthesis" component={SynthesisPage} />
              <Route path="/forums/:slug/console/synthesis" component={ConsoleSynthesisPage} />
              <Route path="/console/:slug/synthesis" component={ConsoleSynthesisPage} />
              <Route path="/forums/:slug/my-reports" component={MyReportsPage} />
              <Route path="/forums/:slug/console/readings" component={ConsoleReadingsPage} />
              <Route path="/forums/:slug/translation-dashboard" component={TranslationDashboardPage} />
              <Route path="/sign-in" component={SignInPage} />
              <Route path="/register" component={RegisterPage} />
              <Route path="/verify-email" component={VerifyEmailPage} />
              <Route path="/forgot-password" component={ForgotPasswordPage} />
              <Route path="/reset-password" component={ResetPasswordPage} />
              <Route path="/profile" component={ProfilePage} />
              <Route path="/account-deleted" component={AccountDeletedPage} />
              <Route path="/legal/:document" component={LegalPage} />
              <Route path="/notifications" component={NotificationsPage} />
              <Route path="/notifications/preferences" component={NotificationPreferencesPage} />
              <Route path="/unsubscribe/:token" component={UnsubscribePage} />
              <Route path="/admin/outbox" component={OutboxPage} />
              <Route path="/admin/forums/new" component={ConsoleNewForumPage} />
              <Route default component={NotFoundPage} />
            </Router>
          </main>
        </SessionProvider>
      </I18nProvider>
    </LocationProvider>
  );
}
