// Shown by every editor built on useComposer when the server holds a newer copy of the draft
// (written in another tab or on another device): the writer picks which copy to keep.
import type { Composer } from '../hooks/use-composer.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { DateTime } from './date-range.tsx';
import { Notice } from './notice.tsx';

export function OtherCopyNotice({
  composer,
  timeZone,
}: {
  composer: Pick<Composer, 'otherCopy' | 'takeOtherCopy' | 'keepThisCopy'>;
  timeZone: string;
}) {
  const { t } = useI18n();
  if (!composer.otherCopy) return null;
  return (
    <Notice kind="warn">
      <p>
        {t('composer.otherCopy')} <DateTime value={composer.otherCopy.updatedAt} timeZone={timeZone} style="dateTime" />
      </p>
      <p class="button-row">
        <button type="button" onClick={composer.takeOtherCopy}>
          {t('composer.takeOtherCopy')}
        </button>
        <button type="button" class="button-quiet" onClick={composer.keepThisCopy}>
          {t('composer.keepThisCopy')}
        </button>
      </p>
    </Notice>
  );
}
