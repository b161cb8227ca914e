// The reader's own proposals, newest first, each with where it stands in words: waiting for the
// organizers, in the matrix, merged into another element, or declined with the organizers' reason.
import { useEffect } from 'preact/hooks';
import { LangHtml } from '../components/content.tsx';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { CitationList } from './element-card.tsx';
import { synthesisApi, type Proposals } from './synthesis-types.ts';

export function MyProposals({ slug, userId, version }: { slug: string; userId: number; version: number }) {
  const { t, lang } = useI18n();
  const [state, , retry, refresh] = useApi<Proposals>(`${synthesisApi(slug)}/proposals`);
  useEffect(() => {
    if (version) void refresh();
  }, [version]);
  // Organizers receive every proposal of the forum here; this section is about the reader's own.
  const mine = state.data?.elements.filter((element) => element.proposers.some((p) => p.id === userId)) ?? [];
  return (
    <section id="my-proposals" aria-labelledby="my-proposals-heading" tabIndex={-1}>
      <h2 id="my-proposals-heading">{t('synthesis.mine.title')}</h2>
      {!state.data ? (
        state.error ? (
          <SectionNotLoaded error={state.error} retry={retry} />
        ) : (
          <p class="muted">{t('app.loading')}</p>
        )
      ) : !mine.length ? (
        <p class="muted">{t('synthesis.mine.empty')}</p>
      ) : (
        <ul class="my-proposals">
          {mine.map((element) => (
            <li key={element.id} class="element-card">
              <p class="meta">
                <span class={`badge badge-element-${element.status}`}>{t(`synthesis.status.${element.status}`)}</span>{' '}
                {t('synthesis.place', { region: element.region.name[lang], theme: element.theme.name[lang] })}
              </p>
              <LangHtml html={{ lang: element.lang, html: element.html }} class="element-text" />
              {element.status === 'declined' && element.declineReason ? (
                <p class="decline-reason">
                  {t('synthesis.mine.declinedBecause')} <span>{element.declineReason}</span>
                </p>
              ) : null}
              {element.status === 'merged' ? <p class="muted">{t('synthesis.mine.mergedNote')}</p> : null}
              <CitationList slug={slug} citations={element.citations} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
