// Localized labels for the states the API reports.
import type { ForumStatus, WeekState } from '../forums/forum-types.ts';
import type { ThreadSummary } from '../discussion/discussion-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function StatusBadge({ status }: { status: ForumStatus }) {
  const { t } = useI18n();
  return <span class={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}

export function WeekStateBadge({ state }: { state: WeekState }) {
  const { t } = useI18n();
  return <span class={`badge badge-${state}`}>{t(`weekState.${state}`)}</span>;
}

export function ThreadKindBadge({ kind }: { kind: ThreadSummary['kind'] }) {
  const { t } = useI18n();
  return <span class={`badge badge-kind-${kind}`}>{t(`threadKind.${kind}`)}</span>;
}

/** Pinned and locked, as words (not only icons), so every reader gets them. */
export function ThreadFlags({ pinned, locked }: { pinned: boolean; locked: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {pinned ? <span class="badge badge-flag">{t('threadFlags.pinned')}</span> : null}
      {locked ? <span class="badge badge-flag">{t('threadFlags.locked')}</span> : null}
    </>
  );
}
