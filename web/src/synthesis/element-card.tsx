// One accepted policy element as readers see it: its statement by the reading rule (with who
// translated it and the original one click away), who proposed it, how many members endorse it
// with the reader's own endorsement as a toggle, and the items it cites as links into their threads.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { threadHref } from '../components/thread-list.tsx';
import { TranslatedBody } from '../components/translated.tsx';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Citation, EndorsementAnswer, PolicyElement } from './synthesis-types.ts';

export function citationHref(slug: string, citation: Citation): string {
  if (citation.type === 'case_study') return `/forums/${encodeURIComponent(slug)}/case-studies/${citation.id}`;
  if (citation.threadId === null) return `/forums/${encodeURIComponent(slug)}/weeks/${citation.weekNumber}`;
  const thread = threadHref(slug, citation.threadId);
  // The anchor PostItem gives each post (postElementId), written here so the matrix need not load the thread's code.
  return citation.postId === null ? thread : `${thread}#post-${citation.postId}`;
}

export function CitationList({
  slug,
  citations,
  labelledBy,
}: {
  slug: string;
  citations: Citation[];
  labelledBy?: string;
}) {
  const { t } = useI18n();
  if (!citations.length) return null;
  return (
    <ul
      class="element-citations"
      aria-label={labelledBy ? undefined : t('synthesis.citations')}
      aria-labelledby={labelledBy}
    >
      {citations.map((citation) => (
        <li key={`${citation.type}:${citation.id}`}>
          <a href={citationHref(slug, citation)}>
            <span lang={citation.excerpt.lang}>{citation.excerpt.value}</span>
          </a>{' '}
          <span class="muted">
            {t(
              citation.type === 'case_study'
                ? 'synthesis.citedCaseStudy'
                : citation.isAnswer
                  ? 'synthesis.citedAnswer'
                  : 'synthesis.citedPost',
              {
                name: citation.author.displayName,
                number: citation.weekNumber,
              },
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function EndorseToggle({
  element,
  onChanged,
}: {
  element: PolicyElement;
  onChanged(answer: EndorsementAnswer): void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = (
    <span class="endorsement-count">{t('synthesis.endorsements', { count: element.endorsementCount })}</span>
  );
  if (!element.may.endorse && !element.endorsedByMe) return count;
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<EndorsementAnswer>(`/api/synthesis/elements/${element.id}/endorsement`, {
        method: element.endorsedByMe ? 'DELETE' : 'PUT',
      });
      onChanged(answer);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {count}{' '}
      <button
        type="button"
        class="button-quiet button-small"
        aria-pressed={element.endorsedByMe}
        aria-describedby={`element-${element.id}-text`}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {t('synthesis.endorse')}
      </button>
      <LiveMessage message={error} />
    </>
  );
}

export function ElementCard({
  slug,
  element,
  showPlace = false,
  onEndorsed,
}: {
  slug: string;
  element: PolicyElement;
  /** Outside the grid (the phone's list, "my proposals") the region and theme are said in words. */
  showPlace?: boolean;
  onEndorsed(answer: EndorsementAnswer): void;
}) {
  const { t, lang } = useI18n();
  const textId = `element-${element.id}-text`;
  return (
    <article class="element-card" aria-labelledby={textId}>
      <div id={textId}>
        <TranslatedBody
          itemKey={`policy_element:${element.id}`}
          original={{ lang: element.lang, html: element.html }}
          translation={element.translation}
          pending={element.translationPending}
          class="element-text"
          describedBy={textId}
        />
      </div>
      {showPlace ? (
        <p class="meta">
          {t('synthesis.place', { region: element.region.name[lang], theme: element.theme.name[lang] })}
        </p>
      ) : null}
      <p class="meta">
        {t('synthesis.proposedBy', {
          names: formatList(
            element.proposers.map((p) => p.displayName),
            lang,
          ),
        })}
      </p>
      <p class="element-endorse">
        <EndorseToggle element={element} onChanged={onEndorsed} />
      </p>
      <CitationList slug={slug} citations={element.citations} />
    </article>
  );
}
