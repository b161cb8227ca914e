// In the console's people page: how many current members chose each way their words may be
// published, and how many have not answered (the proceedings leave those out).
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { ConsentCounts } from './consent-types.ts';

const ROWS = ['named', 'anonymous', 'none', 'unanswered'] as const;

export function ConsentSummary({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [{ data }] = useApi<ConsentCounts>(`/api/forums/${encodeURIComponent(slug)}/consent/counts`);
  if (!data) return null;
  return (
    <section aria-labelledby="consent-counts">
      <h2 id="consent-counts">{t('consent.countsTitle')}</h2>
      <dl class="consent-counts">
        {ROWS.map((row) => (
          <div key={row}>
            <dt>{t(`consent.count_${row}`)}</dt>
            <dd>{data[row]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
