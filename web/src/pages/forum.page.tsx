// A forum's landing page: what it is, how to take part, and its weeks. Days are the forum's own
// calendar days, the same for every reader; a week's opening moment is in the reader's zone.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Forum, JoinAnswer, Role, WeekSummary } from '../forums/forum-types.ts';
import { StatusBadge, WeekStateBadge } from '../components/badges.tsx';
import { LangHtml, LangText } from '../components/content.tsx';
import { CalendarDate, CalendarRange, DateTime } from '../components/date-range.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { TranslationLinks } from '../components/translation-links.tsx';
import { CohortPanel } from '../cohort/cohort-panel.tsx';
import { useForum } from '../hooks/use-forum.ts';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone, rememberForumTimeZone } from '../time/time-zone.ts';
import { zoneName } from '../time/zone-names.ts';
import { PublishedProceedings } from '../proceedings/published-proceedings.tsx';
import { scrollableRegion } from '../components/scrollable-region.ts';

function Membership({ forum, onJoined }: { forum: Forum; onJoined(roles: Role[]): void }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!me) return <SignInPrompt message={t(forum.openEnrolment ? 'forum.signInToJoin' : 'forum.signInToRead')} />;

  async function join() {
    setBusy(true);
    setError(null);
    try {
      const { myRoles } = await api<JoinAnswer>(`/api/forums/${encodeURIComponent(forum.slug)}/join`, {
        method: 'POST',
      });
      setJoined(true);
      onJoined(myRoles);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const isMember = forum.myRoles.length > 0;
  return (
    <section aria-label={t('forum.membership')}>
      {isMember ? (
        <p>
          {t('forum.yourRoles', {
            roles: formatList(
              forum.myRoles.map((role) => t(`roles.${role}`)),
              lang,
            ),
          })}
        </p>
      ) : forum.openEnrolment ? (
        <p>
          <button type="button" onClick={() => void join()} disabled={busy}>
            {busy ? t('forum.joining') : t('forum.join')}
          </button>
        </p>
      ) : (
        <p>{t('forum.enrolmentClosed')}</p>
      )}
      <LiveMessage kind="ok" message={joined ? t('forum.joined') : null} />
      <LiveMessage message={error} />
    </section>
  );
}

function WeekRow({ week, forum, timeZone }: { week: WeekSummary; forum: Forum; timeZone: string }) {
  const { t } = useI18n();
  const linked = week.state !== 'upcoming' || forum.myRoles.includes('organizer');
  const title = <LangText text={week.title} />;
  return (
    <tr class={week.state === 'open' ? 'current' : undefined} aria-current={week.state === 'open' ? 'date' : undefined}>
      <td>{week.number}</td>
      <td>
        {linked ? <a href={`/forums/${encodeURIComponent(forum.slug)}/weeks/${week.number}`}>{title}</a> : title}{' '}
        <WeekStateBadge state={week.state} />
      </td>
      <td>
        <CalendarRange startsOn={week.startsOn} endsOn={week.endsOn} style="weekDay" stacked />
        {week.state === 'upcoming' ? (
          <span class="muted week-opens">
            {t('forum.weekOpens')} <DateTime value={week.opensAt} timeZone={timeZone} style="weekTime" />
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function Schedule({ forum, timeZone }: { forum: Forum; timeZone: string }) {
  const { t, lang } = useI18n();
  if (!forum.weeks.length) return null;
  return (
    <section aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">{t('forum.schedule')}</h2>
      <div class="table-wrap" {...scrollableRegion(t('forum.schedule'))}>
        <table>
          <caption>
            {t('forum.scheduleDays', { forumTimeZone: zoneName(forum.timeZone, lang).label })}
            {/* Opening times are shown only for weeks still to open. */}
            {forum.weeks.some((week) => week.state === 'upcoming')
              ? ` ${t('forum.scheduleOpenings', { timeZone: zoneName(timeZone, lang).label })}`
              : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('forum.columns.week')}</th>
              <th scope="col">{t('forum.columns.title')}</th>
              <th scope="col">{t('forum.columns.dates')}</th>
            </tr>
          </thead>
          <tbody>
            {forum.weeks.map((week) => (
              <WeekRow key={week.number} week={week} forum={forum} timeZone={timeZone} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ForumPage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { forum, error, retry, update } = useForum(slug);
  const timeZone = readerTimeZone(me);

  if (!forum) return <PageNotLoaded error={error} retry={retry} />;
  rememberForumTimeZone(forum.timeZone);

  return (
    <>
      <PageHeading text={forum.title.value} lang={forum.title.lang} />
      <p class="meta">
        <StatusBadge status={forum.status} />
        <CalendarRange startsOn={forum.startsOn} endsOn={forum.endsOn} style="date" />
      </p>
      {forum.myRoles.includes('organizer') || me?.isAdmin ? (
        <p>
          <a href={`/forums/${encodeURIComponent(forum.slug)}/console`}>{t('console.link')}</a>
        </p>
      ) : null}
      {forum.status === 'closed' ? <Notice>{t('forum.archived')}</Notice> : null}
      <p class="lead" lang={forum.summary.lang}>
        {forum.summary.value}
      </p>
      <p class="muted">
        {t('forum.languages', {
          languages: formatList(
            forum.languages.map((l) => t(`languageNames.${l}`)),
            lang,
          ),
        })}
      </p>
      {forum.status === 'recruiting' ? (
        <p>
          {t('forum.applicationDeadline')} <CalendarDate value={forum.applicationDeadlineOn} style="date" />
        </p>
      ) : null}
      <Membership forum={forum} onJoined={(myRoles) => update((d) => ({ forum: { ...d.forum, myRoles } }))} />
      <CohortPanel forum={forum} />
      <TranslationLinks slug={forum.slug} roles={forum.myRoles} />
      <p>
        <a href={`/forums/${encodeURIComponent(forum.slug)}/synthesis`}>{t('synthesis.link')}</a>
      </p>
      <PublishedProceedings slug={forum.slug} />
      {forum.call.html.trim() ? (
        <section aria-labelledby="call-heading">
          <h2 id="call-heading">{t('forum.call')}</h2>
          <LangHtml html={forum.call} />
        </section>
      ) : null}
      <Schedule forum={forum} timeZone={timeZone} />
    </>
  );
}
