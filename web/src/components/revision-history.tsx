// A post's earlier versions, newest first, each in its own language.
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Revision, RevisionList } from '../discussion/discussion-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LangHtml } from './content.tsx';
import { DateTime } from './date-range.tsx';
import { Notice } from './notice.tsx';

export function RevisionHistory({ id, postId, timeZone }: { id: string; postId: number; timeZone: string }) {
  const { t } = useI18n();
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api<RevisionList>(`/api/posts/${postId}/revisions`, { signal: controller.signal }).then(
      (answer) => setRevisions(answer.revisions),
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(failure));
      },
    );
    return () => controller.abort();
  }, [postId, attempt]);

  return (
    <section id={id} class="revisions" aria-label={t('post.historyTitle')} tabIndex={-1}>
      <h3 class="revisions-title">{t('post.historyTitle')}</h3>
      {error ? (
        <Notice kind="error">
          <p>{error}</p>
          <p>
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('app.retry')}
            </button>
          </p>
        </Notice>
      ) : !revisions ? (
        <p class="muted">{t('app.loading')}</p>
      ) : (
        <ol class="revision-list">
          {revisions.map((revision) => (
            <li key={revision.revision}>
              <p class="meta">
                <strong>{t('post.revision', { number: revision.revision })}</strong>
                <span>{revision.editorName}</span>
                <DateTime value={revision.createdAt} timeZone={timeZone} style="dateTime" />
              </p>
              <LangHtml html={{ lang: revision.lang, html: revision.html }} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
