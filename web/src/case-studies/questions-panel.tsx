// A published case study's questions: the counts, a filter to the unanswered ones, each question
// with its answer, and the composer that asks the key respondent a new one. Follows the case
// study's thread live, so a new question, an answer or a mark shows without a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { Composer } from '../components/composer.tsx';
import { LoadError } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { threadHref } from '../components/thread-list.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useLive } from '../hooks/use-live.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { caseStudyPaths } from './case-studies-api.ts';
import { QuestionCountsLine } from './case-study-bits.tsx';
import { QuestionView } from './questions.tsx';
import type { AskAnswer, CaseStudy, CaseStudyQuestions, QuestionPost } from './types.ts';

const REFRESH_DELAY_MS = 400;

export function QuestionsPanel({
  slug,
  caseStudy,
  threadId,
}: {
  slug: string;
  caseStudy: CaseStudy;
  threadId: number;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const [filter, setFilter] = useState<'all' | 'unanswered'>('all');
  const [{ data, error }, , retry, refresh] = useApi<CaseStudyQuestions>(
    caseStudyPaths.questions(caseStudy.id, filter),
  );
  const [message, setMessage] = useState<string | null>(null);
  const timeZone = readerTimeZone(me);
  const name = caseStudy.author.displayName;

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void refresh();
    }, REFRESH_DELAY_MS);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // Questions, answers, marks and translations in the case study's thread, from the event the list was read at.
  useLive(
    data ? { forum: slug, thread: threadId } : null,
    {
      onEvent: () => refreshSoon(),
      onReady: (resumed) => {
        if (!resumed) refreshSoon();
      },
    },
    data?.lastEventId ?? null,
  );

  const changed = (text: string) => {
    setMessage(text);
    void refresh();
  };

  return (
    <section class="questions" aria-labelledby="questions-heading">
      <h2 id="questions-heading">{t('questions.title')}</h2>
      {data ? (
        <p class="meta">
          <QuestionCountsLine counts={data.counts} />
        </p>
      ) : null}
      <fieldset class="question-filter">
        <legend>{t('questions.filterLabel')}</legend>
        {(['all', 'unanswered'] as const).map((value) => (
          <label key={value} class="checkbox">
            <input
              type="radio"
              name="question-filter"
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
            />
            <span>{t(value === 'all' ? 'questions.filterAll' : 'questions.filterUnanswered')}</span>
          </label>
        ))}
      </fieldset>
      <LiveMessage kind="ok" message={message} />
      {error ? <LoadError error={error} retry={retry} /> : null}
      {data ? (
        data.questions.length ? (
          <ul class="question-list">
            {data.questions.map(({ post, answer }) => (
              <QuestionView
                key={post.id}
                question={post}
                answer={answer}
                userId={me?.id ?? null}
                timeZone={timeZone}
                onChanged={changed}
              />
            ))}
          </ul>
        ) : (
          <p>{t(filter === 'all' ? 'questions.none' : 'questions.noneUnanswered')}</p>
        )
      ) : !error ? (
        <p class="muted">{t('app.loading')}</p>
      ) : null}
      <p>
        <a href={threadHref(slug, threadId)}>{t('caseStudies.discussionLink')}</a>
      </p>

      <section class="ask" aria-labelledby="ask-heading">
        <h2 id="ask-heading">{t('caseStudies.ask', { name })}</h2>
        {!me ? (
          <SignInPrompt message={t('questions.signInToAsk')} />
        ) : data && data.askBlockedBy === null ? (
          <>
            <p class="hint" id="ask-hint">
              {t('questions.askHint', { name, number: caseStudy.weekNumber })}
            </p>
            <Composer<QuestionPost>
              id="ask"
              userId={me.id}
              draftKey={`reply:thread:${threadId}`}
              label={t('questions.askLabel', { name })}
              submitLabel={t('questions.send')}
              sendClearsServerDraft
              send={async (text, idempotencyKey) =>
                (
                  await api<AskAnswer>(`/api/case-studies/${caseStudy.id}/questions`, {
                    method: 'POST',
                    body: {
                      bodyMd: text.bodyMd,
                      lang: text.lang,
                      idempotencyKey,
                      draftKey: `reply:thread:${threadId}`,
                      addressedTo: caseStudy.author.id,
                    },
                  })
                ).post
              }
              onSent={() => changed(t('questions.sent', { name }))}
            />
          </>
        ) : data ? (
          <Notice>
            <p>{t('questions.askClosed')}</p>
          </Notice>
        ) : null}
      </section>
    </section>
  );
}
