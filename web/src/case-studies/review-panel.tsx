// The organizers' decision on a submitted case study: a comment sent back with "ask for
// changes", or approval (published at its week's opening, or at once if the week is open).
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatInstant } from '../time/format.ts';
import { moveCaseStudy, requestChanges } from './case-studies-api.ts';
import type { CaseStudy } from './types.ts';

export function ReviewPanel({
  caseStudy,
  timeZone,
  onChanged,
}: {
  caseStudy: CaseStudy;
  timeZone: string;
  onChanged(caseStudy: CaseStudy): void;
}) {
  const { t, lang } = useI18n();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { canApprove, canReview } = caseStudy.permissions;
  // After a decision the panel stays to say what was done, without the form.
  if (!canReview && !message) return null;

  async function decide(action: 'approve' | 'request-changes') {
    if (action === 'request-changes' && !comment.trim()) {
      setMessage({ kind: 'error', text: t('caseStudies.review.commentMissing') });
      document.getElementById('review-comment')?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const changed = (
        action === 'approve'
          ? await moveCaseStudy(caseStudy.id, 'approve')
          : await requestChanges(caseStudy.id, comment.trim())
      ).caseStudy;
      onChanged(changed);
      setComment('');
      setMessage({
        kind: 'ok',
        text:
          action === 'request-changes'
            ? t('caseStudies.review.changesRequestedMsg', { name: caseStudy.author.displayName })
            : changed.status === 'published'
              ? t('caseStudies.review.publishedMsg')
              : t('caseStudies.review.approvedMsg', {
                  number: changed.weekNumber,
                  date: formatInstant(changed.weekOpensAt, lang, timeZone, 'dateTime'),
                }),
      });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('caseStudies.review.decision')}</h2>
      {!canReview ? (
        <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void decide('request-changes');
          }}
          noValidate
        >
          <div class="field">
            <label for="review-comment">{t('caseStudies.review.comment')}</label>
            <textarea
              id="review-comment"
              name="comment"
              rows={4}
              value={comment}
              maxLength={4000}
              aria-describedby="review-comment-hint"
              onInput={(event) => setComment(event.currentTarget.value)}
            />
            <span id="review-comment-hint" class="hint">
              {t('caseStudies.review.commentHint')}
            </span>
          </div>
          <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} />
          <p class="button-row">
            <button type="submit" class="button-quiet" disabled={busy}>
              {busy ? t('caseStudies.review.working') : t('caseStudies.review.requestChanges')}
            </button>
            {canApprove ? (
              <button type="button" disabled={busy} onClick={() => void decide('approve')}>
                {t('caseStudies.review.approve')}
              </button>
            ) : null}
          </p>
        </form>
      )}
    </section>
  );
}
