// The home page: every forum the reader can see, newest programme first as the API orders them.
import type { ForumList, ForumSummary } from '../forums/forum-types.ts';
import { StatusBadge } from '../components/badges.tsx';
import { LangText } from '../components/content.tsx';
import { CalendarDate, CalendarRange } from '../components/date-range.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { rememberForumTimeZone } from '../time/time-zone.ts';

/** A forum's days are its own calendar's, the same for every reader wherever they are. */
function ForumCard({ forum }: { forum: ForumSummary }) {
  const { t, lang } = useI18n();
  rememberForumTimeZone(forum.timeZone);
  return (
    <li class="card">
      <h2>
        <a href={`/forums/${encodeURIComponent(forum.slug)}`}>
          <LangText text={forum.title} />
        </a>
      </h2>
      <p class="meta">
        <StatusBadge status={forum.status} />
        <CalendarRange startsOn={forum.startsOn} endsOn={forum.endsOn} style="date" />
      </p>
      <p lang={forum.summary.lang}>{forum.summary.value}</p>
      {forum.status === 'recruiting' ? (
        <p>
          {t('forum.applicationDeadline')} <CalendarDate value={forum.applicationDeadlineOn} style="date" />
        </p>
      ) : null}
      {forum.myRoles.length ? (
        <p class="muted">
          {t('forum.yourRoles', {
            roles: formatList(
              forum.myRoles.map((role) => t(`roles.${role}`)),
              lang,
            ),
          })}
        </p>
      ) : null}
    </li>
  );
}

export function ForumListPage() {
  const { t } = useI18n();
  const [{ data, error }, , retry] = useApi<ForumList>('/api/forums');

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
            <ForumCard key={forum.slug} forum={forum} />
          ))}
        </ul>
      )}
    </>
  );
}
