// A list of questions to key respondents gathered from several case studies ("waiting for you",
// "past the target"): each one answerable in place, with a link to it in its case study and the
// page's own notes beside that link.
import type { Static } from 'typebox';
import type { ComponentChildren } from 'preact';
import type { QuestionListResponse } from '../../../server/questions/questions.schemas.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { QuestionView } from './questions.tsx';
import { PLACE, Sentence } from './sentence.tsx';
import { caseStudyHref } from './week-case-studies.tsx';

export type QuestionQueueItem = Static<typeof QuestionListResponse>['questions'][number];

export function QuestionQueue({
  slug,
  items,
  userId,
  timeZone,
  onChanged,
  notes,
}: {
  slug: string;
  items: QuestionQueueItem[];
  userId: number;
  timeZone: string;
  onChanged: (message: string) => void;
  /** What the page adds about each question after the link to it (overdue badge, addressee…). */
  notes: (item: QuestionQueueItem) => ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <ul class="question-list">
      {items.map((item) => (
        <QuestionView
          key={item.post.id}
          question={item.post}
          answer={null}
          userId={userId}
          timeZone={timeZone}
          headingLevel="h2"
          onChanged={onChanged}
          context={
            <p class="meta">
              <a href={`${caseStudyHref(slug, item.caseStudy.id)}#post-${item.post.id}`}>
                <Sentence text={t('questions.waiting.about', { title: PLACE })}>
                  <span lang={item.caseStudy.title.lang}>{item.caseStudy.title.value}</span>
                </Sentence>
              </a>
              {notes(item)}
            </p>
          }
        />
      ))}
    </ul>
  );
}
