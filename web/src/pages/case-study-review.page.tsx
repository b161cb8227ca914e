// The organizers' list of case studies by state, submitted ones first by default; each opens
// on its own page, where they read it and decide (case-studies/review-panel.tsx).
import { useLocation } from 'preact-iso/router';
import type { Static } from 'typebox';
import type { CaseStudyListResponse } from '../../../server/case-studies/case-studies.schemas.ts';
import { caseStudyPaths } from '../case-studies/case-studies-api.ts';
import { AuthorLine, CaseStudyStatusBadge } from '../case-studies/case-study-bits.tsx';
import type { CaseStudyStatus } from '../case-studies/types.ts';
import { caseStudyHref } from '../case-studies/week-case-studies.tsx';
import { DateTime } from '../components/date-range.tsx';
import { LoadError } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';

type List = Static<typeof CaseStudyListResponse>;
const STATES: (CaseStudyStatus | '')[] = ['submitted', 'changes_requested', 'approved', 'published', 'draft', ''];

export default function CaseStudyReviewPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { query, route, path } = useLocation();
  const status = (STATES as string[]).includes(query.status ?? 'submitted')
    ? (query.status ?? 'submitted')
    : 'submitted';
  const [{ data, error }, , retry] = useApi<List>(caseStudyPaths.review(slug, status));
  const timeZone = readerTimeZone(me);

  return (
    <>
      <PageHeading text={t('caseStudies.review.title')} />
      <p>
        <a href={`/forums/${encodeURIComponent(slug)}`}>{t('week.backToForum')}</a>
      </p>
      <p class="lead">{t('caseStudies.review.intro')}</p>
      <p>
        <a href={`/forums/${encodeURIComponent(slug)}/questions/overdue`}>{t('questions.overdue.link')}</a>
      </p>
      <div class="field field-inline">
        <label for="review-status">{t('caseStudies.review.filter')}</label>
        <select
          id="review-status"
          value={status}
          onChange={(event) => route(`${path}?status=${event.currentTarget.value}`)}
        >
          {STATES.map((state) => (
            <option key={state} value={state}>
              {state ? t(`caseStudies.status.${state}`) : t('caseStudies.review.all')}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <LoadError error={error} retry={retry} />
      ) : !data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : data.caseStudies.length === 0 ? (
        <p>{t('caseStudies.review.empty')}</p>
      ) : (
        <ul class="card-list">
          {data.caseStudies.map((caseStudy) => (
            <li key={caseStudy.id} class="card case-study-card">
              <h2>
                <a href={caseStudyHref(slug, caseStudy.id)} lang={caseStudy.title.lang}>
                  {caseStudy.title.value}
                </a>
              </h2>
              <AuthorLine author={caseStudy.author} region={caseStudy.regionName} />
              <p class="meta">
                <CaseStudyStatusBadge status={caseStudy.status} />
                <span>{t('caseStudies.review.week', { number: caseStudy.weekNumber })}</span>
                <span>{t('caseStudies.review.words', { count: caseStudy.wordCount })}</span>
                <span>{t('caseStudies.review.revision', { revision: caseStudy.revision })}</span>
                {caseStudy.submittedAt ? (
                  <span>
                    <DateTime value={caseStudy.submittedAt} timeZone={timeZone} style="dateTime" />
                  </span>
                ) : null}
              </p>
              <p>
                <a href={caseStudyHref(slug, caseStudy.id)}>{t('caseStudies.review.open')}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
