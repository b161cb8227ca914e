// Localized labels for the states the API reports.
import type { ForumStatus, WeekState } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function StatusBadge({ status }: { status: ForumStatus }) {
  const { t } = useI18n();
  return <span class={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}

export function WeekStateBadge({ state }: { state: WeekState }) {
  const { t } = useI18n();
  return <span class={`badge badge-${state}`}>{t(`weekState.${state}`)}</span>;
}
