// A forum's synthesis: the accepted policy elements as a region × theme matrix (a list on a
// phone), filtered by week and theme, two regions compared side by side, and the reader's own
// proposals with where they stand. It follows the forum live and reads itself again on a change.
import { useLocation } from 'preact-iso/router';
import { useEffect, useState } from 'preact/hooks';
import { PageNotLoaded, SectionNotLoaded } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useForum } from '../hooks/use-forum.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { MyProposals } from '../synthesis/my-proposals.tsx';
import { RegionComparison } from '../synthesis/region-comparison.tsx';
import { SynthesisLive } from '../synthesis/synthesis-live.tsx';
import { SynthesisMatrix } from '../synthesis/synthesis-matrix.tsx';
import { synthesisApi, type Synthesis } from '../synthesis/synthesis-types.ts';
import '../synthesis/synthesis.css';

export default function SynthesisPage({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { query, route, path } = useLocation();
  const { forum, error: forumError, retry: forumRetry } = useForum(slug);
  const week = /^\d{1,2}$/.test(query.week ?? '') ? query.week! : '';
  const theme = /^[a-z0-9][a-z0-9_-]{0,59}$/.test(query.theme ?? '') ? query.theme! : '';
  const compare = (query.compare ?? '').split(',');
  const pair: [string, string] | null =
    compare.length === 2 && compare[0] && compare[1] ? [compare[0], compare[1]] : null;
  const params = new URLSearchParams();
  if (week) params.set('week', week);
  if (theme) params.set('theme', theme);
  const [state, update, retry, refresh] = useApi<Synthesis>(`${synthesisApi(slug)}${params.size ? `?${params}` : ''}`);
  const [version, setVersion] = useState(0);
  // The theme filter narrows the matrix; the page keeps every theme's name for the filter itself.
  const [allThemes, setAllThemes] = useState<Synthesis['themes']>([]);
  useEffect(() => {
    if (state.data && !theme) setAllThemes(state.data.themes);
  }, [state.data, theme]);

  const setQuery = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, ...changes })) if (value) next.set(key, value);
    route(`${path}${next.size ? `?${next}` : ''}`, true);
  };

  if (!forum) return <PageNotLoaded error={forumError} retry={forumRetry} />;
  const organizer = Boolean(me?.isAdmin) || forum.myRoles.includes('organizer');
  const data = state.data;
  const themesForFilter = allThemes.length ? allThemes : (data?.themes ?? []);
  return (
    <>
      <p class="muted console-forum">
        <a href={`/forums/${encodeURIComponent(slug)}`} lang={forum.title.lang}>
          {forum.title.value}
        </a>
      </p>
      <PageHeading text={t('synthesis.title')} />
      <p class="lead">{t('synthesis.intro')}</p>
      {data && organizer && data.waitingCount > 0 ? (
        <p>
          <a href={`/forums/${encodeURIComponent(slug)}/console/synthesis`}>
            {t('synthesis.waitingForReview', { count: data.waitingCount })}
          </a>
        </p>
      ) : null}
      {!data ? (
        state.error ? (
          <SectionNotLoaded error={state.error} retry={retry} />
        ) : (
          <p class="muted">{t('app.loading')}</p>
        )
      ) : (
        <>
          <SynthesisLive
            slug={slug}
            onChanged={() => {
              void refresh();
              setVersion((n) => n + 1);
            }}
          />
          <section aria-labelledby="matrix-heading">
            <h2 id="matrix-heading">{t('synthesis.matrixTitle')}</h2>
            <form class="filters" onSubmit={(event) => event.preventDefault()}>
              <div class="field">
                <label for="filter-week">{t('synthesis.filterWeek')}</label>
                <select
                  id="filter-week"
                  value={week}
                  onChange={(event) => setQuery({ week: event.currentTarget.value || null })}
                >
                  <option value="">{t('synthesis.allWeeks')}</option>
                  {data.weeks.map((w) => (
                    <option key={w.number} value={String(w.number)} lang={w.title.lang}>
                      {t('synthesis.weekOption', { number: w.number, title: w.title.value })}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="filter-theme">{t('synthesis.filterTheme')}</label>
                <select
                  id="filter-theme"
                  value={theme}
                  onChange={(event) => setQuery({ theme: event.currentTarget.value || null })}
                >
                  <option value="">{t('synthesis.allThemes')}</option>
                  {themesForFilter.map((choice) => (
                    <option key={choice.key} value={choice.key}>
                      {choice.name[lang]}
                    </option>
                  ))}
                </select>
              </div>
            </form>
            <p class="muted" role="status">
              {t('synthesis.elementCount', { count: data.elements.length })}
            </p>
            <SynthesisMatrix
              slug={slug}
              regions={data.regions}
              themes={theme ? data.themes.filter((choice) => choice.key === theme) : data.themes}
              elements={data.elements}
              onEndorsed={(id, answer) =>
                update((current) => ({
                  ...current,
                  elements: current.elements.map((element) =>
                    element.id === id ? { ...element, ...answer } : element,
                  ),
                }))
              }
            />
          </section>
          {data.regions.length >= 2 ? (
            <RegionComparison
              slug={slug}
              regions={data.regions}
              pair={pair}
              week={week}
              version={version}
              onPick={(next) => setQuery({ compare: next ? next.join(',') : null })}
            />
          ) : null}
          {/* Members' own proposals; a public archive's other readers have none. */}
          {me && forum.myRoles.length > 0 ? <MyProposals slug={slug} userId={me.id} version={version} /> : null}
        </>
      )}
    </>
  );
}
