// The app's frame: routing, language and session around a header and the current page.
import { LocationProvider, Route, Router } from 'preact-iso/router';
import type { Me } from './api/types.ts';
import { SiteHeader } from './components/site-header.tsx';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { ForumListPage } from './pages/forum-list.page.tsx';
import { ForumPage } from './pages/forum.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';
import { ProfilePage } from './pages/profile.page.tsx';
import { GlossaryPage, ThreadPage, TranslateEditorPage, TranslateQueuePage, TranslationDashboardPage } from './pages/lazy-pages.ts';
import { RegisterPage } from './pages/register.page.tsx';
import { SignInPage } from './pages/sign-in.page.tsx';
import { WeekPage } from './pages/week.page.tsx';
import { SessionProvider } from './session/session-context.tsx';

export function App({ initialMe }: { initialMe: Me | null }) {
  return (
    <LocationProvider>
      <I18nProvider>
        <SessionProvider initialMe={initialMe}>
          <SiteHeader />
          <main id="main" class="container" tabIndex={-1}>
            <Router>
              <Route path="/" component={ForumListPage} />
              <Route path="/forums/:slug" component={ForumPage} />
              <Route path="/forums/:slug/weeks/:number" component={WeekPage} />
              <Route path="/forums/:slug/threads/:id" component={ThreadPage} />
              <Route path="/forums/:slug/translate" component={TranslateQueuePage} />
              <Route path="/forums/:slug/translate/:taskId" component={TranslateEditorPage} />
              <Route path="/forums/:slug/glossary" component={GlossaryPage} />
              <Route path="/forums/:slug/translation-dashboard" component={TranslationDashboardPage} />
              <Route path="/sign-in" component={SignInPage} />
              <Route path="/register" component={RegisterPage} />
              <Route path="/profile" component={ProfilePage} />
              <Route default component={NotFoundPage} />
            </Router>
          </main>
        </SessionProvider>
      </I18nProvider>
    </LocationProvider>
  );
}
