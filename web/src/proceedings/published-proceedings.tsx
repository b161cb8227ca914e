// The forum page's list of its published proceedings, one line per language edition with its
// files; nothing when none is published or the reader may not read them (the API decides).
import type { Static } from 'typebox';
import type { PublishedResponse } from '../../../server/proceedings/proceedings.schemas.ts';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { fileSize } from './file-size.ts';

type Published = Static<typeof PublishedResponse>;

export function PublishedProceedings({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const [state] = useApi<Published>(`/api/forums/${encodeURIComponent(slug)}/proceedings/published`);
  const editions = state.data?.editions ?? [];
  if (editions.length === 0) return null;
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
  return (
    <section aria-labelledby="proceedings-heading">
      <h2 id="proceedings-heading">{t('proceedings.heading')}</h2>
      <ul>
        {editions.map((edition) => (
          <li key={edition.lang}>
            {t('proceedings.edition', {
              language: t(`languageNames.${edition.lang}`),
              date: day.format(new Date(edition.publishedAt)),
            })}{' '}
            <span class="inline-list">
              {edition.files.map((file) => (
                <span key={file.format}>
                  <a href={file.url} hreflang={edition.lang}>
                    {t(`proceedings.format.${file.format}`)}
                  </a>{' '}
                  <span class="muted">({fileSize(file.sizeBytes, lang)})</span>{' '}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
