// The console's cohort tab: the forum's regions, applicants' sectors and the call's
// prerequisites, each named in English, Spanish and French, and key-respondent seats by week
// and region. The API decides who may change them.
import { ConsoleFrame } from '../console/console-frame.tsx';
import { ListEditor } from '../console/list-editor.tsx';
import { SeatLimitsForm } from '../console/seat-limits-form.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

export default function ConsoleListsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="lists" heading={t('console.lists.title')}>
      <p>{t('console.lists.intro')}</p>
      <ListEditor slug={slug} list="regions" />
      <ListEditor slug={slug} list="sectors" />
      <ListEditor slug={slug} list="prerequisites" />
      <ListEditor slug={slug} list="themes" />
      <SeatLimitsForm slug={slug} />
    </ConsoleFrame>
  );
}
