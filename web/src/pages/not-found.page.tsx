// Any address the app does not know.
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('notFound.home')}</a>
      </p>
    </>
  );
}
