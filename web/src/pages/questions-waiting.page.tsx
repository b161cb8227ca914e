// "Questions waiting for you": a key respondent's unanswered questions, oldest first, each
// answered right here (the reply becomes its answer) or opened in its case study.
import type { Static } from 'typebox';
import { useState } from 'preact/hooks';
import type { QuestionListResponse } from '../../../server/questions/questions.schemas.ts';
import { caseStudyPaths } from '../case-studies/case-studies-api.ts';
import { QuestionQueue } from '../case-studies/question-queue.tsx';
import { LoadError } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';

type List = Static<typeof QuestionListResponse>;

function Waiting({ slug, userId }: { slug: string; userId: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error }, , retry, refresh] = useApi<List>(caseStudyPaths.waiting(slug));
  const [message, setMessage] = useState<string | null>(null);
  const timeZone = readerTimeZone(me);
  const now = Date.now();
  return (
    <>
      <PageHeading text={t('questions.waiting.title')} />
      <p>
        <a href={`/forums/${encodeURIComponent(slug)}`}>{t('week.backToForum')}</a>
      </p>
      {data ? <p class="lead">{t('questions.waiting.intro', { hours: data.targetHours })}</p> : null}
      <LiveMessage kind="ok" message={message} />
      {error ? (
        <LoadError error={error} retry={retry} />
      ) : !data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : data.questions.length === 0 ? (
        <p>{t('questions.waiting.none')}</p>
      ) : (
        <QuestionQueue
          slug={slug}
          items={data.questions}
          userId={userId}
          timeZone={timeZone}
          onChanged={(text) => {
            setMessage(text);
            void refresh();
          }}
          notes={(item) =>
            Date.parse(item.dueAt) < now ? (
              <span class="badge badge-overdue">{t('questions.waiting.overdue', { hours: data.targetHours })}</span>
            ) : null
          }
        />
      )}
    </>
  );
}

export default function QuestionsWaitingPage({ slug }: { slug: string }) {
  const { me } = useSession();
  return me ? <Waiting slug={slug} userId={me.id} /> : <SignInPrompt />;
}
