// A thread's notification level for the reader: follow (hear of every post), mute (hear of
// nothing), or neither (hear only of replies and mentions). Starting or replying follows.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { FollowAnswer, FollowLevel } from '../notifications/types.ts';
import { LiveMessage } from './notice.tsx';

export function FollowButton({ threadId, postCount }: { threadId: number; postCount: number }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<FollowLevel | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read again after the reader posts: writing follows the thread.
  useEffect(() => {
    api<FollowAnswer>(`/api/threads/${threadId}/follow`).then(
      (answer) => setLevel(answer.level),
      () => setLevel(null),
    );
  }, [threadId, postCount]);
  if (level === null) return null;

  async function choose(next: FollowLevel) {
    setError(null);
    try {
      setLevel(
        (await api<FollowAnswer>(`/api/threads/${threadId}/follow`, { method: 'PUT', body: { level: next } })).level,
      );
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <div class="button-row follow-control" role="group" aria-label={t('notifications.follow.label')}>
      <span class="muted">{t(`notifications.follow.state_${level}`)}</span>
      {level !== 'following' ? (
        <button type="button" class="button-small" onClick={() => void choose('following')}>
          {t('notifications.follow.follow')}
        </button>
      ) : null}
      {level !== 'muted' ? (
        <button type="button" class="button-small" onClick={() => void choose('muted')}>
          {t('notifications.follow.mute')}
        </button>
      ) : null}
      {level !== 'none' ? (
        <button type="button" class="button-small" onClick={() => void choose('none')}>
          {t('notifications.follow.forget')}
        </button>
      ) : null}
      <LiveMessage message={error} />
    </div>
  );
}
