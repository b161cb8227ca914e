// Two regions side by side, theme by theme (the model forum's week 4 asks for "the key
// similarities and differences of the two regions"). The pair is kept in the address (?compare=a,b).
import { useEffect, useState } from 'preact/hooks';
import { useApi } from '../hooks/use-api.ts';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ElementCard } from './element-card.tsx';
import { useNarrow } from './use-narrow.ts';
import { synthesisApi, type Choice, type Comparison, type PolicyElement } from './synthesis-types.ts';

interface Props {
  slug: string;
  regions: Choice[];
  pair: [string, string] | null;
  week: string;
  /** Bumped by the page on a live change, to read the comparison again. */
  version: number;
  onPick(pair: [string, string] | null): void;
}

export function RegionComparison({ slug, regions, pair, week, version, onPick }: Props) {
  const { t, lang } = useI18n();
  const [a, setA] = useState(pair?.[0] ?? regions[0]?.key ?? '');
  const [b, setB] = useState(pair?.[1] ?? regions[1]?.key ?? regions[0]?.key ?? '');
  return (
    <section class="comparison" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('synthesis.compare.title')}</h2>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          onPick([a, b]);
        }}
      >
        <div class="field">
          <label for="compare-a">{t('synthesis.compare.first')}</label>
          <select id="compare-a" value={a} onChange={(event) => setA(event.currentTarget.value)}>
            {regions.map((region) => (
              <option key={region.key} value={region.key}>
                {region.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="compare-b">{t('synthesis.compare.second')}</label>
          <select id="compare-b" value={b} onChange={(event) => setB(event.currentTarget.value)}>
            {regions.map((region) => (
              <option key={region.key} value={region.key}>
                {region.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <p class="button-row">
          <button type="submit">{t('synthesis.compare.show')}</button>
          {pair ? (
            <button type="button" class="button-quiet" onClick={() => onPick(null)}>
              {t('synthesis.compare.close')}
            </button>
          ) : null}
        </p>
      </form>
      {pair ? <ComparisonTable slug={slug} pair={pair} week={week} version={version} /> : null}
    </section>
  );
}

function ComparisonTable({
  slug,
  pair,
  week,
  version,
}: {
  slug: string;
  pair: [string, string];
  week: string;
  version: number;
}) {
  const { t, lang } = useI18n();
  const params = new URLSearchParams({ a: pair[0], b: pair[1] });
  if (week) params.set('week', week);
  const narrow = useNarrow();
  const [state, update, retry, refresh] = useApi<Comparison>(`${synthesisApi(slug)}/compare?${params}`);
  useEffect(() => {
    if (version) void refresh();
  }, [version]);
  if (!state.data)
    return state.error ? (
      <SectionNotLoaded error={state.error} retry={retry} />
    ) : (
      <p class="muted">{t('app.loading')}</p>
    );
  const data = state.data;
  const endorse = (id: number, answer: { endorsementCount: number; endorsedByMe: boolean }) =>
    update((current) => ({
      ...current,
      rows: current.rows.map((row) => ({
        ...row,
        a: row.a.map((e) => (e.id === id ? { ...e, ...answer } : e)),
        b: row.b.map((e) => (e.id === id ? { ...e, ...answer } : e)),
      })),
    }));
  const side = (elements: PolicyElement[]) =>
    elements.length ? (
      elements.map((element) => (
        <ElementCard
          key={element.id}
          slug={slug}
          element={element}
          onEndorsed={(answer) => endorse(element.id, answer)}
        />
      ))
    ) : (
      <p class="muted cell-empty">{t('synthesis.cellEmpty')}</p>
    );
  if (narrow) {
    return (
      <div class="matrix-list comparison-list">
        <p class="muted">{t('synthesis.compare.caption', { a: data.a.name[lang], b: data.b.name[lang] })}</p>
        {data.rows.map((row) => (
          <section key={row.theme.key} aria-labelledby={`compare-${row.theme.key}`}>
            <h3 id={`compare-${row.theme.key}`}>{row.theme.name[lang]}</h3>
            <h4>{data.a.name[lang]}</h4>
            {side(row.a)}
            <h4>{data.b.name[lang]}</h4>
            {side(row.b)}
          </section>
        ))}
      </div>
    );
  }
  return (
    <div class="matrix-scroll" tabIndex={0} role="region" aria-labelledby="comparison-caption">
      <table class="matrix comparison-table">
        <caption id="comparison-caption">
          {t('synthesis.compare.caption', { a: data.a.name[lang], b: data.b.name[lang] })}
        </caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{data.a.name[lang]}</th>
            <th scope="col">{data.b.name[lang]}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.theme.key}>
              <th scope="row">{row.theme.name[lang]}</th>
              <td>{side(row.a)}</td>
              <td>{side(row.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
