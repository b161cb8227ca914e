// A week's case studies, first on its page: each with its author, organisation, region, the
// key-respondent badge, how the reader gets it (original, translation and by whom, or pending)
// and its questions' counts. A case study released when the week opens, while the page is
// open, appears without a reload: the week's live stream says so and the week is read again.
import { useEffect, useRef } from 'preact/hooks';
import type { Role } from '../forums/forum-types.ts';
import { useProvenance } from '../components/translated.tsx';
import { useLive } from '../hooks/use-live.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { LiveEvent } from '../live/live-connection.ts';
import { AuthorLine, QuestionCountsLine } from './case-study-bits.tsx';
import type { WeekCaseStudy } from './types.ts';

const REFRESH_DELAY_MS = 400;
const CASE_STUDY_EVENTS = new Set([
  'case_study.published',
  'case_study.edited',
  'question.answered',
  'question.reopened',
]);

export function caseStudyHref(slug: string, id: number): string {
  return `/forums/${encodeURIComponent(slug)}/case-studies/${id}`;
}

function ReadingRule({ caseStudy }: { caseStudy: WeekCaseStudy }) {
  const { t } = useI18n();
  const provenance = useProvenance();
  if (caseStudy.translation)
    return <span class="translated-note">{provenance(caseStudy.lang, caseStudy.translation.translator)}</span>;
  return (
    <>
      <span>{t('caseStudies.writtenIn', { language: t(`languageNames.${caseStudy.lang}`) })}</span>
      {caseStudy.translationPending ? <span class="translation-pending">{t('translation.pending')}</span> : null}
    </>
  );
}

function CaseStudyCard({ slug, caseStudy }: { slug: string; caseStudy: WeekCaseStudy }) {
  const { t } = useI18n();
  const title = caseStudy.titleTranslation ?? caseStudy.title;
  const href = caseStudyHref(slug, caseStudy.id);
  return (
    <li class="card case-study-card" id={`case-study-${caseStudy.id}`}>
      <h3>
        <a href={href} lang={title.lang}>
          {title.value}
        </a>
      </h3>
      <AuthorLine author={caseStudy.author} region={caseStudy.regionName} />
      <p class="meta">
        {caseStudy.theme ? (
          <span lang={caseStudy.lang}>{t('caseStudies.theme', { theme: caseStudy.theme })}</span>
        ) : null}
        <ReadingRule caseStudy={caseStudy} />
      </p>
      <p class="meta">
        <QuestionCountsLine counts={caseStudy.questions} />
        {caseStudy.attachmentCount ? (
          <span>{t('caseStudies.attachments.count', { count: caseStudy.attachmentCount })}</span>
        ) : null}
      </p>
      <p class="button-row">
        <a href={href}>{t('caseStudies.read')}</a>
        <a href={`${href}#ask-heading`}>{t('caseStudies.ask', { name: caseStudy.author.displayName })}</a>
      </p>
    </li>
  );
}

interface Props {
  slug: string;
  weekNumber: number;
  caseStudies: WeekCaseStudy[];
  roles: readonly Role[] | undefined;
  /** Something of the week's case studies changed: read the week again. */
  onChanged(): void;
}

export function WeekCaseStudies({ slug, weekNumber, caseStudies, roles, onChanged }: Props) {
  const { t } = useI18n();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(onChanged);
  latest.current = onChanged;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const threads = new Set(caseStudies.map((caseStudy) => caseStudy.threadId));

  function onEvent(event: LiveEvent) {
    const name = event.event as string;
    const translated = event.payload as { itemType?: string; itemId?: number };
    const inCaseStudy =
      (threads.has(event.threadId) && event.event === 'post.created') ||
      (event.event === 'translation.published' &&
        (translated.itemType === 'case_study' ||
          (translated.itemType === 'thread_title' && threads.has(translated.itemId ?? 0))));
    if (!CASE_STUDY_EVENTS.has(name) && !inCaseStudy) return;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, REFRESH_DELAY_MS);
  }
  useLive({ forum: slug, week: weekNumber }, { onEvent });

  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  const links = (
    <>
      {roles?.includes('key_respondent') ? (
        <>
          <a href={`${forumHref}/my-case-study`}>{t('caseStudies.editor.choose')}</a>
          <a href={`${forumHref}/questions/waiting`}>{t('questions.waiting.title')}</a>
        </>
      ) : null}
      {roles?.includes('organizer') ? <a href={`${forumHref}/case-studies`}>{t('caseStudies.review.link')}</a> : null}
    </>
  );
  if (!caseStudies.length) {
    return roles?.includes('key_respondent') || roles?.includes('organizer') ? <p class="button-row">{links}</p> : null;
  }
  return (
    <section class="case-studies" aria-labelledby="case-studies-heading">
      <h2 id="case-studies-heading">{t('caseStudies.sectionTitle')}</h2>
      <p class="muted">{t('caseStudies.sectionIntro')}</p>
      <ul class="card-list">
        {caseStudies.map((caseStudy) => (
          <CaseStudyCard key={caseStudy.id} slug={slug} caseStudy={caseStudy} />
        ))}
      </ul>
      <p class="button-row">{links}</p>
    </section>
  );
}
