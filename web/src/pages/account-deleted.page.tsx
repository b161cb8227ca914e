// Where a person lands, signed out, once their account is deleted.
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

export default function AccountDeletedPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading text={t('profile.deleted.title')} />
      <p>{t('profile.deleted.body')}</p>
      <p>
        <a href="/">{t('profile.deleted.home')}</a>
      </p>
    </>
  );
}
