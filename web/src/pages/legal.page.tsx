// The terms of use and the privacy notice, in the reader's language, with the version a person
// accepts at registration.
import { LangHtml } from '../components/content.tsx';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { formatCalendarDate } from '../time/calendar-date.ts';
import type { LegalTextView } from '../../../server/privacy/privacy.schemas.ts';

export default function LegalPage({ document }: { document: string }) {
  const { t, lang } = useI18n();
  const known = document === 'privacy' ? 'privacy' : 'terms';
  const [{ data, error }, , retry] = useApi<LegalTextView>(`/api/legal/${known}?lang=${lang}`);
  const other = known === 'terms' ? 'privacy' : 'terms';
  return (
    <>
      <PageHeading text={t(`legal.${known}`)} />
      {data ? (
        <>
          <p class="muted">{t('legal.version', { date: formatCalendarDate(data.version, lang, 'date') })}</p>
          <LangHtml html={{ lang: data.lang, html: data.html }} />
        </>
      ) : (
        <SectionNotLoaded error={error} retry={retry} />
      )}
      <p>
        {t('legal.other')} <a href={`/legal/${other}`}>{t(`legal.${other}`)}</a>
      </p>
    </>
  );
}
