// A question to a key respondent and its answer, each by the reading rule, with what the reader
// may do: the key respondent answers it (their reply becomes the answer), the asker marks it
// answered, either takes the mark back. Used on the case study and on "questions waiting for you".
import type { PostAnswer } from '../discussion/discussion-types.ts';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { Composer } from '../components/composer.tsx';
import { DateTime } from '../components/date-range.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { TranslatedBody } from '../components/translated.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { QuestionPost } from './types.ts';

type Post = QuestionPost;

function PostText({ post, headingId }: { post: Post; headingId: string }) {
  if (post.html === null) return <p class="muted hidden-note">—</p>;
  return (
    <TranslatedBody
      itemKey={`post:${post.id}`}
      original={{ lang: post.lang, html: post.html }}
      translation={post.translation}
      pending={post.translationPending}
      describedBy={headingId}
      class="post-body"
    />
  );
}

/** The key respondent's reply to a question: a reply to its post, marked as its answer by the server. */
export function AnswerComposer({
  question,
  userId,
  autoFocus,
  onAnswered,
  onCancel,
}: {
  question: Post;
  userId: number;
  autoFocus?: boolean;
  onAnswered(answer: Post): void;
  onCancel?(): void;
}) {
  const { t } = useI18n();
  const draftKey = `reply:post:${question.id}`;
  return (
    <Composer<Post>
      id={`answer-${question.id}`}
      userId={userId}
      draftKey={draftKey}
      label={t('questions.yourAnswer', { name: question.author.displayName })}
      submitLabel={t('questions.sendAnswer')}
      sendClearsServerDraft
      autoFocus={autoFocus}
      onCancel={onCancel}
      send={async (text, idempotencyKey) =>
        (
          await api<PostAnswer>(`/api/threads/${question.threadId}/posts`, {
            method: 'POST',
            body: { parentId: question.id, bodyMd: text.bodyMd, lang: text.lang, idempotencyKey, draftKey },
          })
        ).post
      }
      onSent={onAnswered}
    />
  );
}

interface Props {
  question: Post;
  answer: Post | null;
  userId: number | null;
  timeZone: string;
  /** A question or an answer was sent or marked: the list is read again. */
  onChanged(message: string): void;
  /** Shown above the question: which case study it is about (on "waiting for you"). */
  context?: ComponentChildren;
  headingLevel?: 'h3' | 'h2';
}

export function QuestionView({ question, answer, userId, timeZone, onChanged, context, headingLevel = 'h3' }: Props) {
  const { t } = useI18n();
  const [answering, setAnswering] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mark = question.question;
  const answered = Boolean(mark?.answeredAt);
  const isAddressee = userId !== null && mark?.addressedTo.id === userId;
  const isAsker = userId !== null && question.author.id === userId;
  const headingId = `question-${question.id}-heading`;
  const Heading = headingLevel;

  async function setMark(on: boolean) {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/posts/${question.id}/answer`, on ? { method: 'POST', body: {} } : { method: 'DELETE' });
      onChanged(t(on ? 'questions.markedAnswered' : 'questions.markedUnanswered'));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      class={answered ? 'question answered' : 'question'}
      id={`post-${question.id}`}
      data-answered={answered ? 'true' : 'false'}
    >
      {context}
      <Heading id={headingId} class="post-header">
        <span class="post-author">{t('questions.askedBy', { name: question.author.displayName })}</span>
        <DateTime value={question.createdAt} timeZone={timeZone} style="dateTime" />
        <span class={answered ? 'badge badge-answered' : 'badge badge-unanswered'}>
          {t(answered ? 'questions.answered' : 'questions.unanswered')}
        </span>
      </Heading>
      <PostText post={question} headingId={headingId} />
      {answer ? (
        <div class="answer" id={`post-${answer.id}`}>
          <p class="post-header">
            <span class="post-author">{t('questions.answerBy', { name: answer.author.displayName })}</span>
            <DateTime value={answer.createdAt} timeZone={timeZone} style="dateTime" />
          </p>
          <PostText post={answer} headingId={headingId} />
        </div>
      ) : null}
      <div class="post-actions">
        {isAddressee && !answered && !answering ? (
          <button type="button" class="button-small" onClick={() => setAnswering(true)}>
            {t('questions.answerThis')}
          </button>
        ) : null}
        {/* The key respondent may have answered in the discussion rather than here. */}
        {(isAsker || isAddressee) && !answered ? (
          <button type="button" class="button-quiet button-small" disabled={busy} onClick={() => void setMark(true)}>
            {t('questions.markAnswered')}
          </button>
        ) : null}
        {(isAsker || isAddressee) && answered ? (
          <button type="button" class="button-quiet button-small" disabled={busy} onClick={() => void setMark(false)}>
            {t('questions.unmark')}
          </button>
        ) : null}
      </div>
      <LiveMessage message={error} />
      {answering && userId !== null ? (
        <AnswerComposer
          question={question}
          userId={userId}
          autoFocus
          onCancel={() => setAnswering(false)}
          onAnswered={() => {
            setAnswering(false);
            onChanged(t('questions.answerSent'));
          }}
        />
      ) : null}
    </li>
  );
}
