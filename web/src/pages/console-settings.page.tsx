// The console's first tab: the forum's settings, for its organizers and site admins.
import { useApi } from '../hooks/use-api.ts';
import { SectionNotLoaded } from '../components/load-error.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ConsoleFrame } from '../console/console-frame.tsx';
import type { ForumSettingsAnswer } from '../console/console-types.ts';
import { SettingsForm } from '../console/settings-form.tsx';

function Settings({ slug }: { slug: string }) {
  const [state, update, retry] = useApi<ForumSettingsAnswer>(`/api/forums/${encodeURIComponent(slug)}/settings`);
  if (!state.data) return <SectionNotLoaded error={state.error} retry={retry} />;
  return (
    <SettingsForm
      key={state.data.settings.slug}
      initial={state.data.settings}
      onSaved={(settings) => update(() => ({ settings }))}
    />
  );
}

export default function ConsoleSettingsPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <ConsoleFrame slug={slug} current="settings" heading={t('console.settings.heading')}>
      <Settings slug={slug} />
    </ConsoleFrame>
  );
}
