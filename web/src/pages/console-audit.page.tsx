// The console's audit log: every organizer action in the forum (who, what, when, on what, why),
// newest first, filtered by action and by actor, a page at a time. Organizers and admins only.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { ConsoleFrame } from '../console/console-frame.tsx';
import { DateTime } from '../components/date-range.tsx';
import { LoadError } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { auditActionText, auditTargetParts } from '../moderation/audit-labels.ts';
import { formatInstant } from '../time/format.ts';
import type { AuditPage } from '../moderation/types.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import '../moderation/moderation.css';

function Log({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t, lang } = useI18n();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const query = new URLSearchParams({ ...(action ? { action } : {}), ...(actor ? { actor } : {}) });
  const path = `/api/forums/${encodeURIComponent(slug)}/audit-log`;
  const [{ data, error }, update, retry] = useApi<AuditPage>(`${path}${query.size ? `?${query}` : ''}`);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const label = (code: string) => auditActionText(t, code);
  /** The target in words, its name (a title in its own language) set in its sentence. */
  const target = (entry: AuditPage['entries'][number]) => {
    const parts = auditTargetParts(t, entry, (iso) => formatInstant(iso, lang, timeZone, 'dateTime'), entry.targetAt);
    if ('text' in parts) return parts.text;
    return (
      <>
        {parts.before}
        <span lang={entry.targetLang ?? undefined}>{entry.targetName}</span>
        {parts.after}
      </>
    );
  };

  async function older() {
    if (!data?.nextBefore || busy) return;
    setBusy(true);
    setMoreError(null);
    try {
      const next = await api<AuditPage>(
        `${path}?${new URLSearchParams({ ...Object.fromEntries(query), before: String(data.nextBefore) })}`,
      );
      update((current) => ({
        ...current,
        entries: [...current.entries, ...next.entries],
        nextBefore: next.nextBefore,
      }));
    } catch (failure) {
      setMoreError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="audit-entries">
      <h2 id="audit-entries" class="visually-hidden">
        {t('moderation.audit.title')}
      </h2>
      <form
        class="console-row filters"
        aria-label={t('moderation.audit.filter')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div class="field">
          <label for="audit-action">{t('moderation.audit.action')}</label>
          <select id="audit-action" value={action} onChange={(event) => setAction(event.currentTarget.value)}>
            <option value="">{t('moderation.audit.anyAction')}</option>
            {(data?.actions ?? (action ? [action] : [])).map((code) => (
              <option key={code} value={code}>
                {label(code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-actor">{t('moderation.audit.actor')}</label>
          <select id="audit-actor" value={actor} onChange={(event) => setActor(event.currentTarget.value)}>
            <option value="">{t('moderation.audit.anyActor')}</option>
            {(data?.actors ?? []).map((person) => (
              <option key={person.id} value={String(person.id)}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data && data.entries.length === 0 ? <p>{t('moderation.audit.none')}</p> : null}
      {data && data.entries.length ? (
        <ol class="card-list audit-list">
          {data.entries.map((entry) => (
            <li key={entry.id} class="card audit-entry" data-testid="audit-entry">
              <p class="meta">
                <strong>{label(entry.action)}</strong>
              </p>
              <p class="meta muted">
                <span>{t('moderation.audit.by', { name: entry.actorName })}</span>
                <DateTime value={entry.createdAt} timeZone={timeZone} style="dateTime" />
                <span>{entry.targetHref ? <a href={entry.targetHref}>{target(entry)}</a> : target(entry)}</span>
              </p>
              {entry.reason ? <p>{t('moderation.audit.reasonText', { reason: entry.reason })}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {data?.nextBefore ? (
        <p>
          <button type="button" class="button-quiet" disabled={busy} onClick={() => void older()}>
            {t('moderation.audit.older')}
          </button>
        </p>
      ) : null}
      <LiveMessage message={moreError} />
    </section>
  );
}

export default function ConsoleAuditPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <ConsoleFrame slug={slug} current="audit" heading={t('moderation.audit.title')}>
      <>
        <p>{t('moderation.audit.intro')}</p>
        <Log slug={slug} timeZone={readerTimeZone(me ?? null)} />
      </>
    </ConsoleFrame>
  );
}
