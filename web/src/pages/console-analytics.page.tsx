// The console's analytics: per week and for the whole forum, posts by language and by the
// authors' regions, active members, and the share of translations and key respondents' answers
// that came on time; above the table, the server's chart of posts per week by language.
import { ConsoleFrame } from '../console/console-frame.tsx';
import { CalendarRange } from '../components/date-range.tsx';
import { LoadError } from '../components/load-error.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Analytics, AnalyticsFigures } from '../analytics/analytics-types.ts';
import { scrollableRegion } from '../components/scrollable-region.ts';

function Cells({ figures, data }: { figures: AnalyticsFigures; data: Analytics }) {
  const { t, lang } = useI18n();
  const count = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const share = (value: AnalyticsFigures['translations']) =>
    value.share === null
      ? t('console.analytics.noneDue')
      : t('console.analytics.share', {
          percent: percent.format(value.share),
          onTime: count.format(value.onTime),
          due: count.format(value.due),
        });
  return (
    <>
      <td>{count.format(figures.posts)}</td>
      {data.languages.map((code) => (
        <td key={code}>{count.format(figures.byLanguage.find((entry) => entry.lang === code)?.posts ?? 0)}</td>
      ))}
      {figures.byRegion.map((entry) => (
        <td key={String(entry.regionId)}>{count.format(entry.posts)}</td>
      ))}
      <td>{count.format(figures.activeMembers)}</td>
      <td>{share(figures.translations)}</td>
      <td>{share(figures.questions)}</td>
    </>
  );
}

function Report({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [{ data, error }, , retry] = useApi<Analytics>(`/api/forums/${encodeURIComponent(slug)}/analytics`);
  if (error) return <LoadError error={error} retry={retry} />;
  if (!data) return <p class="muted">{t('app.loading')}</p>;
  const regionName = (regionId: number | null) => {
    const region = data.regions.find((candidate) => candidate.id === regionId);
    return region ? <span lang={region.name.lang}>{region.name.value}</span> : t('console.analytics.noRegion');
  };
  return (
    <>
      {/* The server escapes every text in the chart; the table below gives the same figures. */}
      <figure class="analytics-chart" dangerouslySetInnerHTML={{ __html: data.chartSvg }} />
      <div class="table-wrap" {...scrollableRegion(t('console.analytics.caption'))}>
        <table class="analytics-table">
          <caption>{t('console.analytics.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.analytics.week')}</th>
              <th scope="col">{t('console.analytics.posts')}</th>
              {data.languages.map((code) => (
                <th scope="col" key={code}>
                  {t('console.analytics.inLanguage', { language: t(`languageNames.${code}`) })}
                </th>
              ))}
              {data.totals.byRegion.map((entry) => (
                <th scope="col" key={String(entry.regionId)}>
                  {regionName(entry.regionId)}
                </th>
              ))}
              <th scope="col">{t('console.analytics.activeMembers')}</th>
              <th scope="col">{t('console.analytics.translationsOnTime')}</th>
              <th scope="col">{t('console.analytics.questionsOnTime')}</th>
            </tr>
          </thead>
          <tbody>
            {data.weeks.map((week) => (
              <tr key={week.number}>
                <th scope="row">
                  {t('console.analytics.weekNumber', { number: week.number })}{' '}
                  <span lang={week.title.lang}>{week.title.value}</span>
                  <br />
                  <CalendarRange startsOn={week.startsOn} endsOn={week.endsOn} style="date" />
                </th>
                <Cells figures={week} data={data} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('console.analytics.total')}</th>
              <Cells figures={data.totals} data={data} />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

export default function ConsoleAnalyticsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="analytics" heading={t('console.analytics.title')}>
      <p>{t('console.analytics.intro')}</p>
      <Report slug={slug} />
    </ConsoleFrame>
  );
}
