// One case study: its text by the reading rule (original, translation with its provenance and
// the original at hand, or pending), its author with the key-respondent badge, and its
// questions. Before publication its author and the organizers see it here too, with the
// review state; organizers decide on it here.
import { useEffect } from 'preact/hooks';
import type { Static } from 'typebox';
import { api } from '../api/client.ts';
import type { CaseStudyReadResponse } from '../../../server/case-studies/case-studies.schemas.ts';
import { caseStudyPaths } from '../case-studies/case-studies-api.ts';
import { AuthorLine, CaseStudyState, CaseStudyStatusBadge } from '../case-studies/case-study-bits.tsx';
import { CaseStudyAttachments } from '../case-studies/case-study-attachments.tsx';
import { QuestionsPanel } from '../case-studies/questions-panel.tsx';
import { ReviewPanel } from '../case-studies/review-panel.tsx';
import { LoadError, useFallbackTitle } from '../components/load-error.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { ProposeElementButton } from '../synthesis/propose-element.tsx';
import { OriginalTitle, shownTitle, TranslatedBody } from '../components/translated.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useForumInfo } from '../session/forum-info.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { NotFoundPage } from './not-found.page.tsx';

type Answer = Static<typeof CaseStudyReadResponse>;

function CaseStudyContent({ slug, id }: { slug: string; id: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error }, update, retry] = useApi<Answer>(caseStudyPaths.one(id));
  const fallbackTitle = useFallbackTitle(error);
  const timeZone = readerTimeZone(me);
  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  const organizer = useForumInfo(slug)?.myRoles.includes('organizer') ?? false;
  const published = data?.caseStudy.status === 'published';
  // Opened: it leaves the reader's "not opened yet" on their home page.
  useEffect(() => {
    if (me && published)
      api('/api/home/opened', { method: 'POST', body: { itemType: 'case_study', itemId: id } }).catch(() => {});
  }, [me?.id, id, published]);

  const caseStudy = data?.caseStudy;
  if (!caseStudy) {
    return (
      <>
        <PageHeading
          text={error?.status === 403 && error.code === 'week_not_open' ? t('week.notOpenTitle') : fallbackTitle}
        />
        {error ? (
          error.status === 403 ? (
            <Notice kind="warn">
              <p>{error.message}</p>
            </Notice>
          ) : (
            <LoadError error={error} retry={retry} />
          )
        ) : null}
      </>
    );
  }
  const title = shownTitle(caseStudy.title, caseStudy.titleTranslation);
  const insider = caseStudy.mine || organizer;
  return (
    <>
      <PageHeading text={title.value} lang={title.lang} />
      {caseStudy.titleTranslation ? (
        <p class="meta">
          <OriginalTitle title={caseStudy.title} translation={caseStudy.titleTranslation} long />
        </p>
      ) : null}
      <AuthorLine author={caseStudy.author} region={caseStudy.regionName} />
      <p class="meta">
        {caseStudy.theme ? (
          <span lang={caseStudy.lang}>{t('caseStudies.theme', { theme: caseStudy.theme })}</span>
        ) : null}
        <span>{t('caseStudies.writtenIn', { language: t(`languageNames.${caseStudy.lang}`) })}</span>
        {!published ? <CaseStudyStatusBadge status={caseStudy.status} /> : null}
      </p>
      <p>
        <a href={`${forumHref}/weeks/${caseStudy.weekNumber}`}>
          {t('caseStudies.backToWeek', { number: caseStudy.weekNumber })}
        </a>
        {organizer ? (
          <>
            {' '}
            · <a href={`${forumHref}/case-studies`}>{t('caseStudies.review.back')}</a>
          </>
        ) : null}
        {caseStudy.mine && caseStudy.permissions.canEdit ? (
          <>
            {' '}
            ·{' '}
            <a href={`${forumHref}/my-case-study`}>{t('caseStudies.editor.title', { number: caseStudy.weekNumber })}</a>
          </>
        ) : null}
      </p>
      {insider && !published ? <CaseStudyState caseStudy={caseStudy} timeZone={timeZone} /> : null}
      <article class="case-study" aria-labelledby="case-study-body-label">
        <h2 id="case-study-body-label" class="visually-hidden">
          {t('caseStudies.sectionTitle')}
        </h2>
        <TranslatedBody
          itemKey={`case_study:${caseStudy.id}`}
          original={{ lang: caseStudy.lang, html: caseStudy.html }}
          translation={caseStudy.translation}
          pending={caseStudy.translationPending}
          describedBy="case-study-body-label"
        />
      </article>
      {published && me ? (
        <div class="case-study-actions">
          <ProposeElementButton
            slug={slug}
            cited={{ type: 'case_study', id: caseStudy.id, label: caseStudy.title }}
            describedBy="case-study-body-label"
          />
        </div>
      ) : null}
      <CaseStudyAttachments attachments={data.attachments} />
      <ReviewPanel
        caseStudy={caseStudy}
        timeZone={timeZone}
        onChanged={(changed) => update((current) => ({ ...current, caseStudy: changed }))}
      />
      {published && caseStudy.threadId !== null ? (
        <QuestionsPanel slug={slug} caseStudy={caseStudy} threadId={caseStudy.threadId} />
      ) : null}
    </>
  );
}

export default function CaseStudyPage({ slug, id }: { slug: string; id: string }) {
  return /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? (
    <CaseStudyContent slug={slug} id={Number(id)} />
  ) : (
    <NotFoundPage />
  );
}
