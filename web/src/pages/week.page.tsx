// One week of a forum: its summary (in the language the API chose for the reader, or the
// translation the queue published, with its original at hand), its readings as a short table
// of contents linking to each reading's page, then the week's discussion, which no long text
// pushes out of sight. A summary's translation published while the page is open appears at once.
import type { WeekAnswer, WeekReading } from '../weeks/week-types.ts';
import { StayInTouch } from '../cohort/cohort-panel.tsx';
import { WeekStateBadge } from '../components/badges.tsx';
import { CalendarRange } from '../components/date-range.tsx';
import { LoadError, useFallbackTitle } from '../components/load-error.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TranslatedBody } from '../components/translated.tsx';
import { TranslationLinks } from '../components/translation-links.tsx';
import { WeekDiscussion } from '../components/week-discussion.tsx';
import { WeekCaseStudies } from '../case-studies/week-case-studies.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { loadForumInfo, useForumInfo } from '../session/forum-info.ts';
import { useSession } from '../session/session-context.tsx';
import { formatInstant } from '../time/format.ts';
import { readerTimeZone } from '../time/time-zone.ts';
import { zoneInWords } from '../time/zone-names.ts';
import { useEffect, useState } from 'preact/hooks';
import { NotFoundPage } from './not-found.page.tsx';
import '../readings/readings.css';

/**
 * One line of the week's table of contents: the title in the version the reader gets, the
 * original's language and the number of attachments, linking to the reading's own page.
 */
function ReadingEntry({ reading, weekHref }: { reading: WeekReading; weekHref: string }) {
  const { t } = useI18n();
  return (
    <li class="reading-entry">
      <a href={`${weekHref}/readings/${reading.slug}`} lang={reading.title.lang}>
        {reading.title.value}
      </a>
      <span class="meta">
        <span>{t('week.readingOriginal', { language: t(`languageNames.${reading.originalLang}`) })}</span>
        {reading.attachmentCount ? (
          <span>{t('week.readingAttachments', { count: reading.attachmentCount })}</span>
        ) : null}
      </span>
    </li>
  );
}

function WeekContent({ slug, number }: { slug: string; number: string }) {
  const { t } = useI18n();
  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  const [{ data, error }, , retry, refresh] = useApi<WeekAnswer>(`/api${forumHref}/weeks/${number}`);
  const fallbackTitle = useFallbackTitle(error);
  const info = useForumInfo(slug, data !== null);
  const backLink = (
    <p>
      <a href={forumHref}>{t('week.backToForum')}</a>
    </p>
  );

  const week = data?.week;
  if (!week) {
    // A week that has not opened, or a forum for members only: the server's message says why and when.
    const refused = error?.status === 403;
    return (
      <>
        <PageHeading
          text={
            refused ? t(error.code === 'week_not_open' ? 'week.notOpenTitle' : 'week.membersOnlyTitle') : fallbackTitle
          }
        />
        {refused ? (
          <Notice kind="warn">
            <p>{error.message}</p>
          </Notice>
        ) : error ? (
          <LoadError error={error} retry={retry} />
        ) : null}
        {error ? backLink : null}
      </>
    );
  }

  return (
    <>
      <PageHeading text={week.title.value} lang={week.title.lang} />
      <p class="meta">
        <span>{t('week.number', { number: week.number })}</span>
        <CalendarRange startsOn={week.startsOn} endsOn={week.endsOn} style="date" />
        <WeekStateBadge state={week.state} />
      </p>
      {backLink}
      <TranslationLinks slug={slug} roles={info?.myRoles} />
      {week.summary.html.trim() ? (
        <TranslatedBody
          itemKey={`week:${week.number}`}
          original={week.summary}
          translation={week.summaryTranslation}
          pending={week.summaryTranslationPending}
        />
      ) : null}
      {/* Key respondents' case studies come first, before the readings. */}
      <WeekCaseStudies
        slug={slug}
        weekNumber={week.number}
        caseStudies={week.caseStudies}
        roles={info?.myRoles}
        onChanged={() => void refresh()}
      />
      <section aria-labelledby="readings-heading">
        <h2 id="readings-heading">{t('week.readings')}</h2>
        {week.readings.length ? (
          <>
            <p class="muted">{t('week.readingCount', { count: week.readings.length })}</p>
            <ol class="reading-toc" aria-label={t('week.readingsLabel')}>
              {week.readings.map((reading) => (
                <ReadingEntry key={reading.slug} reading={reading} weekHref={`${forumHref}/weeks/${week.number}`} />
              ))}
            </ol>
          </>
        ) : (
          <p>{t('week.noReadings')}</p>
        )}
      </section>
      {info && info.myRoles.length > 0 && week.number === info.lastWeek ? <StayInTouch slug={slug} /> : null}
      <WeekDiscussion
        slug={slug}
        week={week}
        onWeekTextTranslated={(itemType, itemId) => {
          if (itemType === 'week' || week.readings.some((reading) => reading.id === itemId)) void refresh();
        }}
      />
    </>
  );
}

/**
 * Whether to ask for the week at all: the forum's own answer says which weeks this reader may
 * read, so a week that has not opened for them is announced here rather than requested and
 * refused (a 403 in the browser's console). Unknown (the forum did not load): ask, and the
 * server decides.
 */
function useNotOpenYet(slug: string, number: number): string | null | undefined {
  const { me } = useSession();
  const userId = me?.id ?? null;
  // undefined while the forum's answer is awaited; null when the week is open to this reader.
  const [opensAt, setOpensAt] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    void loadForumInfo(userId, slug).then((info) => {
      const week = info?.weeks.find((candidate) => candidate.number === number);
      if (active) setOpensAt(week && !week.canRead && Date.parse(week.opensAt) > Date.now() ? week.opensAt : null);
    });
    return () => {
      active = false;
    };
  }, [userId, slug, number]);
  return opensAt;
}

function WeekGate({ slug, number }: { slug: string; number: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const opensAt = useNotOpenYet(slug, Number(number));
  if (opensAt === undefined) return <PageHeading text={t('app.loading')} />;
  if (opensAt === null) return <WeekContent slug={slug} number={number} />;
  const zone = readerTimeZone(me ?? null);
  return (
    <>
      <PageHeading text={t('week.notOpenTitle')} />
      <Notice kind="warn">
        <p>
          {t('week.opensOn', {
            number: Number(number),
            when: formatInstant(opensAt, lang, zone, 'dateTime'),
            zone: zoneInWords(zone, lang),
          })}
        </p>
      </Notice>
      <p>
        <a href={`/forums/${encodeURIComponent(slug)}`}>{t('week.backToForum')}</a>
      </p>
    </>
  );
}

export function WeekPage({ slug, number }: { slug: string; number: string }) {
  return /^[1-9]\d{0,1}$/.test(number) ? <WeekGate slug={slug} number={number} /> : <NotFoundPage />;
}
