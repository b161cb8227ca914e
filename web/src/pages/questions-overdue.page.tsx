// "Questions past the target": the organizers' list of questions to key respondents still
// unanswered after the forum's target, oldest first, each with whom it waits on and for how long,
// and a link to it in its case study (where the key respondent answers; organizers only follow up).
import type { Static } from 'typebox';
import { useState } from 'preact/hooks';
import type { QuestionListResponse } from '../../../server/questions/questions.schemas.ts';
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

const HOUR_MS = 3_600_000;

/** How long a question has waited, in whole days once past one, else in hours. */
function Waited({ since, now }: { since: string; now: number }) {
  const { t } = useI18n();
  const hours = Math.max(1, Math.floor((now - Date.parse(since)) / HOUR_MS));
  const text =
    hours >= 24
      ? t('questions.overdue.waitedDays', { count: Math.floor(hours / 24) })
      : t('questions.overdue.waitedHours', { count: hours });
  return <span class="badge badge-overdue">{text}</span>;
}

function Overdue({ slug, userId }: { slug: string; userId: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [{ data, error }, , retry, refresh] = useApi<List>(`/api/forums/${encodeURIComponent(slug)}/questions/overdue`);
  const [message, setMessage] = useState<string | null>(null);
  const timeZone = readerTimeZone(me);
  const now = Date.now();
  return (
    <>
      <PageHeading text={t('questions.overdue.title')} />
      <p>
        <a href={`/forums/${encodeURIComponent(slug)}`}>{t('week.backToForum')}</a>
        {' · '}
        <a href={`/forums/${encodeURIComponent(slug)}/case-studies`}>{t('caseStudies.review.title')}</a>
      </p>
      {data ? <p class="lead">{t('questions.overdue.intro', { hours: data.targetHours })}</p> : null}
      <LiveMessage kind="ok" message={message} />
      {error ? (
        <LoadError error={error} retry={retry} />
      ) : !data ? (
        <p class="muted">{t('app.loading')}</p>
      ) : data.questions.length === 0 ? (
        <p>{t('questions.overdue.none')}</p>
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
          notes={(item) => (
            <>
              {item.post.question?.addressedTo.displayName ? (
                <span>{t('questions.overdue.to', { name: item.post.question.addressedTo.displayName })}</span>
              ) : null}
              <Waited since={item.post.createdAt} now={now} />
            </>
          )}
        />
      )}
    </>
  );
}

export default function QuestionsOverduePage({ slug }: { slug: string }) {
  const { me } = useSession();
  return me ? <Overdue slug={slug} userId={me.id} /> : <SignInPrompt />;
}
