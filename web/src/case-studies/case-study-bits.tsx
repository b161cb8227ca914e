// Small pieces every case-study screen shows: the state as words, the region's name, the
// key-respondent badge, the answered / unanswered counts and the live word count against the
// forum's guidance (soft: it says how far off, and never blocks).
import type { Lang } from '../i18n/languages.ts';
import { DateTime } from '../components/date-range.tsx';
import { Notice } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { countWords } from '../text/word-count.ts';
import type { CaseStudy, CaseStudyAuthor, CaseStudyStatus, QuestionCounts, WordGuidance } from './types.ts';
import './case-studies.css';

export function CaseStudyStatusBadge({ status }: { status: CaseStudyStatus }) {
  const { t } = useI18n();
  return <span class={`badge badge-case-${status}`}>{t(`caseStudies.status.${status}`)}</span>;
}

export function KeyRespondentBadge() {
  const { t } = useI18n();
  return <span class="badge badge-key-respondent">{t('caseStudies.keyRespondent')}</span>;
}

/** "by Ana Quispe · Red de cooperativas · Hispanic America · Key respondent": the region the case study is about, in the reader's language. */
export function AuthorLine({
  author,
  region,
  lang,
}: {
  author: CaseStudyAuthor;
  region: Record<Lang, string> | null;
  lang?: Lang;
}) {
  const { t, lang: readerLang } = useI18n();
  return (
    <p class="meta case-study-author">
      <span>{t('caseStudies.by', { name: author.displayName })}</span>
      {author.organisation ? <span lang={lang}>{author.organisation}</span> : null}
      {region ? <span>{region[readerLang]}</span> : null}
      <KeyRespondentBadge />
    </p>
  );
}

export function QuestionCountsLine({ counts }: { counts: QuestionCounts }) {
  const { t } = useI18n();
  return (
    <span class="question-counts">
      <span class="badge badge-answered">{t('caseStudies.questionsAnswered', { count: counts.answered })}</span>{' '}
      <span class={counts.unanswered ? 'badge badge-unanswered' : 'badge'}>
        {t('caseStudies.questionsUnanswered', { count: counts.unanswered })}
      </span>
    </span>
  );
}

export function WordGuide({ id, text, guidance }: { id: string; text: string; guidance: WordGuidance }) {
  const { t } = useI18n();
  const count = countWords(text);
  const key = count < guidance.min ? 'wordsShort' : count > guidance.max ? 'wordsLong' : 'wordsWithin';
  return (
    <span id={id} class={`word-count word-guide-${key}`} aria-live="polite">
      {t(`caseStudies.editor.${key}`, { count, min: guidance.min, max: guidance.max })}
    </span>
  );
}

/** What the state means for the author, with the date it depends on in their zone. */
export function CaseStudyState({ caseStudy, timeZone }: { caseStudy: CaseStudy; timeZone: string }) {
  const { t } = useI18n();
  const status = caseStudy.status;
  const date =
    status === 'submitted'
      ? caseStudy.submittedAt
      : status === 'approved'
        ? caseStudy.weekOpensAt
        : status === 'published'
          ? caseStudy.publishedAt
          : null;
  const [before, after] = t(`caseStudies.editor.help.${status}`, {
    number: caseStudy.weekNumber,
    date: '\u0000',
  }).split('\u0000');
  return (
    <div class="case-study-state" role="status">
      <p class="meta">
        <CaseStudyStatusBadge status={status} />
      </p>
      <p>
        {before}
        {after !== undefined && date ? <DateTime value={date} timeZone={timeZone} style="dateTime" /> : null}
        {after}
      </p>
      {status === 'changes_requested' && caseStudy.reviewComment ? (
        <Notice kind="warn">
          <p>
            <strong>{t('caseStudies.editor.organizerComment')}</strong>
          </p>
          <p class="review-comment">{caseStudy.reviewComment}</p>
        </Notice>
      ) : null}
    </div>
  );
}
