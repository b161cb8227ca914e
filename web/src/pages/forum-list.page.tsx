// The home page: every forum the reader can see, newest programme first as the API orders them.
import type { ForumSummary } from '../api/types.ts';
import { StatusBadge } from '../components/badges.tsx';
import { LangText } from '../components/content.tsx';
import { DateRange, DateTime } from '../components/date-range.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';

function ForumCard({ forum, timeZone }: { forum: ForumSummary; timeZone: string }) {
  const { t, lang } = useI18n();
  return (
    <li class="card">
      <h2>
        <a href={`/forums/${encodeURIComponent(forum.slug)}`}>
          <LangText text={forum.title} />
        </a>
      </h2>
      <p class="meta">
        <StatusBadge status={forum.status} />
        <DateRange start={forum.startsAt} end={forum.endsAt} timeZone={timeZone} style="date" />
      </p>
      <p lang={forum.summary.lang}>{forum.summary.value}</p>
      {forum.status === 'recruiting' ? (
        <p>
          {t('forum.applicationDeadline')} <DateTime value={forum.applicationDeadline} timeZone={timeZone} style="dateTime" />
        </p>
      ) : null}
      {forum.myRoles.length ? (
        <p class="muted">{t('forum.yourRoles', { roles: formatList(forum.myRoles.map((role) => t(`roles.${role}`)), lang) })}</p>
      ) : null}
    </li>
  );
}

export function ForumListPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error }, , retry] = useApi<{ forums: ForumSummary[] }>('/api/forums');
  const timeZone = readerTimeZone(me);

  return (
    <>
      <PageHeading text={t('forumList.title')} />
      <p class="lead">{t('forumList.intro')}</p>
      {error ? (
        <LoadError error={error} retry={retry} />
      ) : !data ? (
        <p>{t('app.loading')}</p>
      ) : data.forums.length === 0 ? (
        <p>{t('forumList.empty')}</p>
      ) : (
        <ul class="card-list">
          {data.forums.map((forum) => (
            <ForumCard key={forum.slug} forum={forum} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </>
  );
}
