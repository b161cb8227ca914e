// Shown when part of the app could not be downloaded (a dropped connection).
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

export function ChunkFailedPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('errors.title')} />
      <Notice kind="error">
        <p>{t('errors.network')}</p>
        <p>
          <button type="button" onClick={() => location.reload()}>
            {t('app.reload')}
          </button>
        </p>
      </Notice>
    </>
  );
}
