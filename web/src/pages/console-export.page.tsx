// The console's export tab: the forum's programme as a download in the content/ layout, and
// the command that writes the same files on the server. The API decides who may download.
import { ConsoleFrame } from '../console/console-frame.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

export default function ConsoleExportPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="export" heading={t('consoleExport.title')}>
      <p>{t('consoleExport.intro')}</p>
      <p>
        <a class="button" href={`/api/forums/${encodeURIComponent(slug)}/export`} download>
          {t('consoleExport.download')}
        </a>
      </p>
      <p>{t('consoleExport.howTo')}</p>
      {/* Wrapped rather than scrolled, so the whole command shows on a phone. */}
      <pre translate={false} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        <code>npm run content:export -- {slug} &lt;folder&gt;</code>
      </pre>
    </ConsoleFrame>
  );
}
