// The console's review of the synthesis: proposals waiting for a decision, each with what it
// cites, then the accepted elements, which stay editable and mergeable. It follows the forum
// live, so two organizers reviewing at once see each other's decisions.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LangHtml } from '../components/content.tsx';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { ConsoleFrame } from '../console/console-frame.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { ElementReview } from '../synthesis/element-review.tsx';
import { SynthesisLive } from '../synthesis/synthesis-live.tsx';
import {
  synthesisApi,
  synthesisPath,
  type ElementAnswer,
  type PolicyElement,
  type Proposals,
  type Synthesis,
} from '../synthesis/synthesis-types.ts';
import '../synthesis/synthesis.css';

export default function ConsoleSynthesisPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="synthesis" heading={t('synthesis.review.title')}>
      <Review slug={slug} />
    </ConsoleFrame>
  );
}

function Review({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const timeZone = readerTimeZone(me);
  const [places, , placesRetry, placesRefresh] = useApi<Synthesis>(synthesisApi(slug));
  const [proposals, , retry, refresh] = useApi<Proposals>(`${synthesisApi(slug)}/proposals`);
  const [message, setMessage] = useState<string | null>(null);

  const reload = () => {
    void refresh();
    void placesRefresh();
  };
  if (!places.data || !proposals.data) {
    const error = places.error ?? proposals.error;
    return error ? (
      <SectionNotLoaded
        error={error}
        retry={() => {
          placesRetry();
          retry();
        }}
      />
    ) : (
      <p class="muted">{t('app.loading')}</p>
    );
  }
  const all = proposals.data.elements;
  const waiting = all.filter((element) => element.status === 'proposed');
  const accepted = all.filter((element) => element.status === 'accepted');
  const declined = all.filter((element) => element.status === 'declined');
  const review = (element: PolicyElement) => (
    <li key={element.id}>
      <ElementReview
        slug={slug}
        element={element}
        targets={[...waiting, ...accepted].filter((other) => other.id !== element.id)}
        regions={places.data!.regions}
        themes={places.data!.themes}
        wordLimit={places.data!.statementWordLimit}
        timeZone={timeZone}
        onDone={(text) => {
          setMessage(text);
          reload();
        }}
      />
    </li>
  );
  return (
    <>
      <SynthesisLive slug={slug} onChanged={reload} />
      <p>
        <a href={synthesisPath(slug)}>{t('synthesis.review.seeMatrix')}</a>
      </p>
      <LiveMessage kind="ok" message={message} />
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t('synthesis.review.waiting', { count: waiting.length })}</h2>
        {waiting.length ? (
          <ul class="review-list">{waiting.map(review)}</ul>
        ) : (
          <p class="muted">{t('synthesis.review.noneWaiting')}</p>
        )}
      </section>
      <section aria-labelledby="accepted-heading">
        <h2 id="accepted-heading">{t('synthesis.review.acceptedTitle', { count: accepted.length })}</h2>
        {accepted.length ? (
          <ul class="review-list">{accepted.map(review)}</ul>
        ) : (
          <p class="muted">{t('synthesis.review.noneAccepted')}</p>
        )}
      </section>
      {declined.length ? (
        <section aria-labelledby="declined-heading">
          <h2 id="declined-heading">{t('synthesis.review.declinedTitle', { count: declined.length })}</h2>
          <ul class="review-list">
            {declined.map((element) => (
              <li key={element.id} class="element-card">
                <div id={`declined-${element.id}-text`}>
                  <LangHtml html={{ lang: element.lang, html: element.html }} class="element-text" />
                </div>
                {element.declineReason ? (
                  <p class="decline-reason">
                    {t('synthesis.mine.declinedBecause')} <span>{element.declineReason}</span>
                  </p>
                ) : null}
                {element.may.decide ? (
                  <ReopenButton
                    element={element}
                    onDone={(text) => {
                      setMessage(text);
                      reload();
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A decline made in error, or a proposal worth another look: back among those waiting. */
function ReopenButton({ element, onDone }: { element: PolicyElement; onDone(message: string): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textId = `declined-${element.id}-text`;
  async function reopen() {
    setBusy(true);
    setError(null);
    try {
      await api<ElementAnswer>(`/api/synthesis/elements/${element.id}/reopen`, { method: 'POST' });
      onDone(t('synthesis.review.reopened'));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        class="button-quiet button-small"
        disabled={busy}
        aria-describedby={textId}
        onClick={() => void reopen()}
      >
        {t('synthesis.review.reopen')}
      </button>
      <LiveMessage message={error} />
    </>
  );
}
