// The matrix of accepted elements: regions as columns and themes as rows on a wide screen; on a
// phone, a list grouped by theme, then region. Empty places say so rather than stay blank.
import { useI18n } from '../i18n/i18n-context.tsx';
import { ElementCard } from './element-card.tsx';
import type { Choice, EndorsementAnswer, PolicyElement } from './synthesis-types.ts';
import { useNarrow } from './use-narrow.ts';

interface Props {
  slug: string;
  regions: Choice[];
  themes: Choice[];
  elements: PolicyElement[];
  onEndorsed(id: number, answer: EndorsementAnswer): void;
}

function inPlace(elements: PolicyElement[], region: string, theme: string): PolicyElement[] {
  return elements.filter((element) => element.region.key === region && element.theme.key === theme);
}

function Cell({ slug, elements, onEndorsed }: Pick<Props, 'slug' | 'elements' | 'onEndorsed'>) {
  const { t } = useI18n();
  if (!elements.length) return <p class="muted cell-empty">{t('synthesis.cellEmpty')}</p>;
  return (
    <>
      {elements.map((element) => (
        <ElementCard
          key={element.id}
          slug={slug}
          element={element}
          onEndorsed={(answer) => onEndorsed(element.id, answer)}
        />
      ))}
    </>
  );
}

export function SynthesisMatrix({ slug, regions, themes, elements, onEndorsed }: Props) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  if (!regions.length || !themes.length) return <p class="muted">{t('synthesis.noPlaces')}</p>;

  if (narrow) {
    return (
      <div class="matrix-list">
        {themes.map((theme) => (
          <section key={theme.key} aria-labelledby={`theme-${theme.key}`}>
            <h3 id={`theme-${theme.key}`}>{theme.name[lang]}</h3>
            {regions.map((region) => {
              const here = inPlace(elements, region.key, theme.key);
              return here.length ? (
                <section key={region.key} aria-labelledby={`theme-${theme.key}-${region.key}`}>
                  <h4 id={`theme-${theme.key}-${region.key}`}>{region.name[lang]}</h4>
                  <Cell slug={slug} elements={here} onEndorsed={onEndorsed} />
                </section>
              ) : null;
            })}
            {elements.some((element) => element.theme.key === theme.key) ? null : (
              <p class="muted cell-empty">{t('synthesis.themeEmpty')}</p>
            )}
          </section>
        ))}
      </div>
    );
  }

  return (
    <div class="matrix-scroll" tabIndex={0} role="region" aria-labelledby="matrix-caption">
      <table class="matrix">
        <caption id="matrix-caption">{t('synthesis.matrixCaption')}</caption>
        <thead>
          <tr>
            <td />
            {regions.map((region) => (
              <th key={region.key} scope="col">
                {region.name[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {themes.map((theme) => (
            <tr key={theme.key}>
              <th scope="row">{theme.name[lang]}</th>
              {regions.map((region) => (
                <td key={region.key} data-region={region.key} data-theme={theme.key}>
                  <Cell slug={slug} elements={inPlace(elements, region.key, theme.key)} onEndorsed={onEndorsed} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
