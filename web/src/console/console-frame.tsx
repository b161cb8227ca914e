// The frame of every console page: the forum's name, the page's heading, the console's tabs, and
// a plain refusal for anyone who is not an organizer of the forum (the API refuses them too).
import type { ComponentChildren } from 'preact';
import { PageNotLoaded } from '../components/load-error.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useForum } from '../hooks/use-forum.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { ConsoleNav, type ConsoleTab } from './console-nav.tsx';
import './console.css';

export function ConsoleFrame({
  slug,
  current,
  heading,
  children,
}: {
  slug: string;
  current: ConsoleTab;
  heading: string;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const { forum, error, retry } = useForum(slug);
  if (!forum) return <PageNotLoaded error={error} retry={retry} />;
  const organizer = Boolean(me?.isAdmin) || forum.myRoles.includes('organizer');
  return (
    <>
      <p class="muted console-forum" lang={forum.title.lang}>
        {forum.title.value}
      </p>
      <PageHeading text={heading} />
      {organizer ? (
        <>
          <ConsoleNav slug={slug} current={current} />
          {children}
        </>
      ) : (
        <Notice kind="error">
          <p>{t('console.organizersOnly')}</p>
        </Notice>
      )}
    </>
  );
}
