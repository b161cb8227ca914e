// One member in the people console: name, contact, roles and status, and the organizer's
// actions on them — change roles (a key respondent with their week), suspend or lift a
// suspension, remove — each opened in the card, with an optional reason for the audit log.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ROLES, type ForumRole, type PeopleList, type Person, type PersonAnswer } from './types.ts';

type Panel = 'roles' | 'suspend' | 'unsuspend' | 'remove' | null;

interface Props {
  slug: string;
  person: Person;
  weeks: PeopleList['weeks'];
  onChanged(person: Person | null, message: string): void;
}

function RolesForm({
  person,
  weeks,
  busy,
  onSave,
  onCancel,
}: {
  person: Person;
  weeks: PeopleList['weeks'];
  busy: boolean;
  onSave(roles: ForumRole[], week: number | undefined, reason: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<ForumRole[]>(person.roles);
  const [week, setWeek] = useState(String(person.week ?? weeks[0]?.number ?? ''));
  const [reason, setReason] = useState('');
  const id = `roles-${person.id}`;
  const toggle = (role: ForumRole, on: boolean) =>
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));
  return (
    <form
      class="person-panel"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(roles, roles.includes('key_respondent') ? Number(week) : undefined, reason);
      }}
    >
      <fieldset class="field">
        <legend>{t('people.rolesLegend', { name: person.displayName })}</legend>
        {ROLES.map((role) => (
          <label key={role} class="checkbox">
            <input
              type="checkbox"
              name={`${id}-${role}`}
              checked={roles.includes(role)}
              onChange={(event) => toggle(role, event.currentTarget.checked)}
            />{' '}
            {t(`roles.${role}`)}
          </label>
        ))}
      </fieldset>
      {roles.includes('key_respondent') ? (
        <div class="field">
          <label for={`${id}-week`}>{t('people.weekLabel')}</label>
          <select id={`${id}-week`} value={week} onChange={(event) => setWeek(event.currentTarget.value)}>
            {weeks.map((w) => (
              <option key={w.number} value={String(w.number)}>
                {t('people.weekOption', { number: w.number, taken: w.keyRespondents })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for={`${id}-reason`}>{t('people.reasonLabel')}</label>
        <input
          id={`${id}-reason`}
          type="text"
          maxLength={500}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </div>
      <p class="button-row">
        <button type="submit" disabled={busy || roles.length === 0}>
          {t('people.save')}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </p>
    </form>
  );
}

function ConfirmForm({
  id,
  hint,
  submit,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  hint: string;
  submit: string;
  busy: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <form
      class="person-panel"
      onSubmit={(event) => {
        event.preventDefault();
        onConfirm(reason);
      }}
    >
      <p class="hint">{hint}</p>
      <div class="field">
        <label for={id}>{t('people.reasonLabel')}</label>
        <input
          id={id}
          type="text"
          maxLength={500}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
      </div>
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </p>
    </form>
  );
}

export function PersonCard({ slug, person, weeks, onChanged }: Props) {
  const { t, lang } = useI18n();
  const [panel, setPanel] = useState<Panel>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/forums/${encodeURIComponent(slug)}/people/${person.id}`;
  const name = person.displayName;

  async function run(request: () => Promise<Person | null>, message: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const changed = await request();
      setPanel(null);
      onChanged(changed, message);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  const reasonBody = (reason: string) => (reason.trim() ? { reason: reason.trim() } : {});

  return (
    <li class="card person" data-testid="person">
      <h3 class="person-name">
        {name} {person.status === 'suspended' ? <span class="badge badge-overdue">{t('people.suspended')}</span> : null}
      </h3>
      <p class="meta muted">
        <span>{person.email}</span>
        {person.organisation ? <span>{person.organisation}</span> : null}
        {person.region ? <span lang={lang}>{person.region.name[lang]}</span> : null}
      </p>
      <p class="meta">
        <span>
          {formatList(
            person.roles.map((role) => t(`roles.${role}`)),
            lang,
          )}
        </span>
        {person.week !== null ? <span class="badge">{t('people.week', { number: person.week })}</span> : null}
      </p>
      {person.suspensionReason ? <p class="muted">{t('people.reason', { reason: person.suspensionReason })}</p> : null}
      {panel === null ? (
        <p class="button-row">
          {person.status === 'active' ? (
            <>
              <button
                type="button"
                class="button-small"
                aria-label={t('people.changeRolesOf', { name })}
                onClick={() => setPanel('roles')}
              >
                {t('people.changeRoles')}
              </button>
              {person.roles.includes('organizer') ? null : (
                <button
                  type="button"
                  class="button-small button-quiet"
                  aria-label={t('people.suspendName', { name })}
                  onClick={() => setPanel('suspend')}
                >
                  {t('people.suspend')}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              class="button-small"
              aria-label={t('people.unsuspendName', { name })}
              onClick={() => setPanel('unsuspend')}
            >
              {t('people.unsuspend')}
            </button>
          )}
          <button
            type="button"
            class="button-small button-quiet"
            aria-label={t('people.removeName', { name })}
            onClick={() => setPanel('remove')}
          >
            {t('people.remove')}
          </button>
        </p>
      ) : null}
      {panel === 'roles' ? (
        <RolesForm
          person={person}
          weeks={weeks}
          busy={busy}
          onCancel={() => setPanel(null)}
          onSave={(roles, week, reason) =>
            void run(
              async () =>
                (
                  await api<PersonAnswer>(`${base}/roles`, {
                    method: 'PUT',
                    body: { roles, ...(week === undefined ? {} : { week }), ...reasonBody(reason) },
                  })
                ).person,
              t('people.saved', { name }),
            )
          }
        />
      ) : null}
      {panel === 'suspend' || panel === 'unsuspend' ? (
        <ConfirmForm
          id={`${panel}-${person.id}`}
          busy={busy}
          onCancel={() => setPanel(null)}
          hint={panel === 'suspend' ? t('people.suspendHint') : t('people.unsuspendName', { name })}
          submit={panel === 'suspend' ? t('people.suspendName', { name }) : t('people.unsuspend')}
          onConfirm={(reason) =>
            void run(
              async () =>
                (await api<PersonAnswer>(`${base}/${panel}`, { method: 'POST', body: reasonBody(reason) })).person,
              t(panel === 'suspend' ? 'people.suspendedDone' : 'people.unsuspendedDone', { name }),
            )
          }
        />
      ) : null}
      {panel === 'remove' ? (
        <ConfirmForm
          id={`remove-${person.id}`}
          busy={busy}
          onCancel={() => setPanel(null)}
          hint={t('people.removeHint')}
          submit={t('people.removeName', { name })}
          onConfirm={(reason) =>
            void run(
              async () => {
                await api(`${base}/remove`, { method: 'POST', body: reasonBody(reason) });
                return null;
              },
              t('people.removedDone', { name }),
            )
          }
        />
      ) : null}
      <LiveMessage message={error} />
    </li>
  );
}
