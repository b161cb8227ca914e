// "This week": where signed-in members land. One request (/api/home) gives, for each forum they
// belong to, the open week and the time left in it (shown in their zone), what is new since
// their last visit, what they have not opened, the questions waiting for them and their own
// unanswered ones, their saved drafts, and their applications and reconfirmations. Members of
// no forum see the list of forums instead.
import type { Static } from 'typebox';
import type { HomeForumSchema, HomeResponse } from '../../../server/home/home.schemas.ts';
import { DateTime } from '../components/date-range.tsx';
import { LoadError } from '../components/load-error.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { ForumListPage } from './linked-pages.ts';
import { PLACE, Sentence } from '../case-studies/sentence.tsx';
import '../case-studies/case-studies.css';

type Home = Static<typeof HomeResponse>;
type HomeForum = Static<typeof HomeForumSchema>;

const HOUR_MS = 3_600_000;

function TimeLeft({ closesAt, timeZone }: { closesAt: string; timeZone: string }) {
  const { t } = useI18n();
  const ms = Date.parse(closesAt) - Date.now();
  const days = Math.floor(ms / (24 * HOUR_MS));
  const left =
    days >= 1
      ? t('home.daysLeft', { count: days })
      : t('home.hoursLeft', { count: Math.max(1, Math.ceil(ms / HOUR_MS)) });
  return (
    <p>
      <Sentence text={t('home.timeLeft', { date: PLACE, left })}>
        <DateTime value={closesAt} timeZone={timeZone} style="dateTime" />
      </Sentence>
    </p>
  );
}

function draftHref(forumHref: string, draft: HomeForum['drafts'][number]): string {
  if (draft.key.startsWith('case-study:')) return `${forumHref}/my-case-study`;
  if (draft.threadId !== null) return `${forumHref}/threads/${draft.threadId}`;
  return `${forumHref}/weeks/${draft.weekNumber}`;
}

function draftLabel(
  t: (key: string, options?: Record<string, unknown>) => string,
  draft: HomeForum['drafts'][number],
): string {
  if (draft.key.startsWith('case-study:')) return t('home.draftCaseStudy', { number: draft.weekNumber });
  if (draft.key.startsWith('thread:week:')) return t('home.draftThread', { number: draft.weekNumber });
  return t('home.draftOther');
}

const caseStudyPath = (forumHref: string, id: number) => `${forumHref}/case-studies/${id}`;

/** Questions waiting for the reader and the reader's own unanswered ones: same rows, same links. */
function QuestionList({
  questions,
  forumHref,
  timeZone,
}: {
  questions: HomeForum['questionsWaiting'];
  forumHref: string;
  timeZone: string;
}) {
  return (
    <ul class="home-list">
      {questions.map((question) => (
        <li key={question.id}>
          <a href={`${caseStudyPath(forumHref, question.caseStudy.id)}#post-${question.id}`}>
            {question.person.displayName}
          </a>
          {' — '}
          <span lang={question.caseStudy.title.lang}>{question.caseStudy.title.value}</span>
          {' · '}
          <DateTime value={question.createdAt} timeZone={timeZone} style="weekTime" />
        </li>
      ))}
    </ul>
  );
}

function ForumHome({ forum, timeZone }: { forum: HomeForum; timeZone: string }) {
  const { t } = useI18n();
  const forumHref = `/forums/${encodeURIComponent(forum.slug)}`;
  const caseStudyHref = (id: number) => caseStudyPath(forumHref, id);
  const week = forum.openWeek;
  return (
    <section class="home-forum" aria-labelledby={`home-${forum.slug}`}>
      <h2 id={`home-${forum.slug}`}>
        <a href={forumHref} lang={forum.title.lang}>
          {forum.title.value}
        </a>
      </h2>
      {week ? (
        <>
          <h3>
            <a href={`${forumHref}/weeks/${week.number}`} lang={week.title.lang}>
              {week.title.value}
            </a>
          </h3>
          <p>
            <strong>{t('home.openWeek', { number: week.number })}</strong>
          </p>
          <TimeLeft closesAt={week.closesAt} timeZone={timeZone} />
        </>
      ) : (
        <>
          <p>{t('home.noOpenWeek')}</p>
          {forum.nextWeek ? (
            <p>
              <Sentence text={t('home.nextWeek', { number: forum.nextWeek.number, date: PLACE })}>
                <DateTime value={forum.nextWeek.opensAt} timeZone={timeZone} style="dateTime" />
              </Sentence>
            </p>
          ) : null}
        </>
      )}

      <h3>{t('home.sinceLastVisit')}</h3>
      {forum.newPosts || forum.newTranslations ? (
        <p class="meta">
          <span>{t('home.newPosts', { count: forum.newPosts })}</span>
          <span>{t('home.newTranslations', { count: forum.newTranslations })}</span>
        </p>
      ) : (
        <p class="muted">{t('home.nothingNew')}</p>
      )}

      {forum.questionsWaiting.length ? (
        <>
          <h3>
            <a href={`${forumHref}/questions/waiting`}>
              {t('home.waitingForYou')} ({forum.questionsWaiting.length})
            </a>
          </h3>
          <QuestionList questions={forum.questionsWaiting} forumHref={forumHref} timeZone={timeZone} />
        </>
      ) : null}

      {week ? (
        <>
          <h3>{t('home.toRead')}</h3>
          {forum.unopened.length ? (
            <ul class="home-list">
              {forum.unopened.map((item) => (
                <li key={`${item.type}-${item.id}`}>
                  {item.type === 'case_study' ? (
                    <>
                      <a href={caseStudyHref(item.id)} lang={item.title.lang}>
                        {item.title.value}
                      </a>{' '}
                      — {t('home.caseStudy', { name: item.author?.displayName ?? '' })}
                    </>
                  ) : (
                    <>
                      <a
                        href={`${forumHref}/weeks/${item.weekNumber}#reading-${item.slug ?? ''}`}
                        lang={item.title.lang}
                      >
                        {item.title.value}
                      </a>{' '}
                      — {t('home.reading')}
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('home.allRead')}</p>
          )}
        </>
      ) : null}

      {forum.myUnansweredQuestions.length ? (
        <>
          <h3>{t('home.yourQuestions')}</h3>
          <QuestionList questions={forum.myUnansweredQuestions} forumHref={forumHref} timeZone={timeZone} />
        </>
      ) : null}

      {forum.drafts.length ? (
        <>
          <h3>{t('home.drafts')}</h3>
          <ul class="home-list">
            {forum.drafts.map((draft) => (
              <li key={draft.key}>
                <a href={draftHref(forumHref, draft)}>{draftLabel(t, draft)}</a>
                {draft.title ? (
                  <>
                    {' '}
                    — <span lang={draft.lang}>{draft.title}</span>
                  </>
                ) : null}
                {' · '}
                <DateTime value={draft.updatedAt} timeZone={timeZone} style="weekTime" />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export default function HomePage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error }, , retry] = useApi<Home>('/api/home');
  const timeZone = readerTimeZone(me);
  if (data && data.forums.length === 0 && data.applications.length === 0 && data.reconfirmations.length === 0)
    return <ForumListPage />;
  return (
    <>
      <PageHeading text={t('home.title')} />
      <p>
        <a href="/forums">{t('home.allForums')}</a>
      </p>
      {error ? (
        <LoadError error={error} retry={retry} />
      ) : !data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : (
        <>
          {data.reconfirmations.map((item) => (
            <Notice key={item.forumSlug} kind="warn">
              <p>
                {t('home.reconfirm')} — <span lang={item.forumTitle.lang}>{item.forumTitle.value}</span>
              </p>
              <p>
                <a href="/reconfirm">{t('home.reconfirmLink')}</a>
              </p>
            </Notice>
          ))}
          {data.applications.length ? (
            <section aria-labelledby="home-applications">
              <h2 id="home-applications">{t('home.application')}</h2>
              <ul class="home-list">
                {data.applications.map((application) => (
                  <li key={application.forumSlug}>
                    <a href={`/forums/${encodeURIComponent(application.forumSlug)}`} lang={application.forumTitle.lang}>
                      {application.forumTitle.value}
                    </a>
                    {' — '}
                    {t(`cohort.status_${application.status}`)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {data.forums.map((forum) => (
            <ForumHome key={forum.slug} forum={forum} timeZone={timeZone} />
          ))}
        </>
      )}
    </>
  );
}
