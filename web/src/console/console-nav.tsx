// The organizer console's tabs: one link per console page of a forum, the current one marked.
// Every console page renders it under its heading; pages of other helpers link in by `current`.
import { useI18n } from '../i18n/i18n-context.tsx';

export type ConsoleTab =
  | 'settings'
  | 'lists'
  | 'schedule'
  | 'readings'
  | 'people'
  | 'applications'
  | 'moderation'
  | 'audit'
  | 'export'
  | 'synthesis'
  | 'proceedings'
  | 'analytics';

const TABS: { tab: ConsoleTab; path: string }[] = [
  { tab: 'settings', path: 'console' },
  { tab: 'lists', path: 'console/cohort' },
  { tab: 'schedule', path: 'console/schedule' },
  { tab: 'readings', path: 'console/readings' },
  { tab: 'people', path: 'console/people' },
  // Review lives with the applications it decides, outside console/, but is an organizer's tab all the same.
  { tab: 'applications', path: 'applications' },
  { tab: 'synthesis', path: 'console/synthesis' },
  { tab: 'moderation', path: 'console/moderation' },
  { tab: 'audit', path: 'console/audit' },
  { tab: 'export', path: 'console/export' },
  { tab: 'proceedings', path: 'console/proceedings' },
  { tab: 'analytics', path: 'console/analytics' },
];

/** The address of a console page of a forum. */
export function consolePath(slug: string, tab: ConsoleTab): string {
  const entry = TABS.find((candidate) => candidate.tab === tab)!;
  return `/forums/${encodeURIComponent(slug)}/${entry.path}`;
}

export function ConsoleNav({ slug, current }: { slug: string; current: ConsoleTab }) {
  const { t } = useI18n();
  return (
    <nav class="console-nav" aria-label={t('console.nav.label')}>
      <ul>
        <li>
          <a href={`/forums/${encodeURIComponent(slug)}`}>{t('console.nav.forum')}</a>
        </li>
        {TABS.map(({ tab }) => (
          <li key={tab}>
            <a href={consolePath(slug, tab)} aria-current={tab === current ? 'page' : undefined}>
              {t(`console.nav.${tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
