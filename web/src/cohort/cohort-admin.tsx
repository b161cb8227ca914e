// Organizers' cohort tools beside the review list: add or invite by email and follow (or revoke)
// the invitations sent, ask to reconfirm and follow the answers (with a reminder), the CSV
// exports, and the call's limits and deadline.
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';
import { useSession } from '../session/session-context.tsx';
import { formatInstant } from '../time/format.ts';
import { readerTimeZone } from '../time/time-zone.ts';
import type {
  ApplicationList,
  InviteAnswer,
  OwnApplication,
  ReconfirmationSent,
  ReconfirmationStatus,
  RemindAnswer,
  SentInvitations,
} from './cohort-types.ts';

/** The call's settings this panel edits, as the applicant's own view of the call gives them. */
type CallSettings = Pick<OwnApplication['call'], 'descriptionWordLimit' | 'deadlineOn'>;
/** The seat limits, as the review list gives them. */
type Seats = Pick<ApplicationList['seats'], 'limit' | 'perWeek'>;
const EXPORTS = ['members', 'key-respondents', 'applications', 'contacts'] as const;

function useAction() {
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  async function run(action: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await action() });
    } catch (failure) {
      setMessage({ kind: 'error', text: errorMessage(failure) });
    }
  }
  return { run, live: <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} /> };
}

function Invite({ base, weeks, onSent }: { base: string; weeks: number[]; onSent(): void }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'participant' | 'key_respondent'>('participant');
  const [week, setWeek] = useState(weeks[0] ?? 1);
  const [inviteLang, setInviteLang] = useState<Lang>(lang);
  const { run, live } = useAction();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          const result = await api<InviteAnswer>(`${base}/invitations`, {
            method: 'POST',
            body: { email: email.trim(), role, lang: inviteLang, ...(role === 'key_respondent' ? { week } : {}) },
          });
          setEmail('');
          onSent();
          return t(`cohort.invited_${result.status}`);
        });
      }}
    >
      <h3>{t('cohort.invite')}</h3>
      <label class="inline-field">
        {t('fields.email')}{' '}
        <input type="email" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
      </label>{' '}
      <label class="inline-field">
        {t('cohort.inviteRole')}{' '}
        <select value={role} onChange={(event) => setRole(event.currentTarget.value as typeof role)}>
          <option value="participant">{t('cohort.kind_participant')}</option>
          <option value="key_respondent">{t('cohort.badge_key_respondent')}</option>
        </select>
      </label>{' '}
      {role === 'key_respondent' ? (
        <select
          aria-label={t('cohort.fitsWeek')}
          value={String(week)}
          onChange={(event) => setWeek(Number(event.currentTarget.value))}
        >
          {weeks.map((n) => (
            <option key={n} value={n}>
              {t('cohort.weekOption', { number: n })}
            </option>
          ))}
        </select>
      ) : null}{' '}
      <select
        aria-label={t('cohort.inviteLang')}
        value={inviteLang}
        onChange={(event) => setInviteLang(event.currentTarget.value as Lang)}
      >
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {ENDONYMS[l]}
          </option>
        ))}
      </select>{' '}
      <button type="submit">{t('cohort.send')}</button>
      {live}
    </form>
  );
}

function SentInvitations({
  base,
  state,
  refresh,
}: {
  base: string;
  state: { data: SentInvitations | null };
  refresh(): Promise<void>;
}) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { run, live } = useAction();
  const invitations = state.data?.invitations ?? [];
  const when = (iso: string) => formatInstant(iso, lang, readerTimeZone(me), 'dateTime');
  return (
    <div>
      <h3>{t('cohort.sentInvitations')}</h3>
      {invitations.length === 0 ? (
        <p>{t('cohort.sentInvitationsEmpty')}</p>
      ) : (
        <table class="sent-invitations">
          <thead>
            <tr>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('cohort.inviteRole')}</th>
              <th scope="col">{t('cohort.invitationWeek')}</th>
              <th scope="col">{t('cohort.invitationSent')}</th>
              <th scope="col">{t('cohort.invitationExpires')}</th>
              <th scope="col">{t('cohort.invitationStatus')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id} data-invitation={invitation.id}>
                <td>{invitation.email}</td>
                <td>
                  {t(
                    invitation.role === 'key_respondent'
                      ? 'cohort.badge_key_respondent'
                      : invitation.role === 'participant'
                        ? 'cohort.kind_participant'
                        : `roles.${invitation.role}`,
                  )}
                </td>
                <td>{invitation.week ?? ''}</td>
                <td>{when(invitation.sentAt)}</td>
                <td>{when(invitation.expiresAt)}</td>
                <td data-status={invitation.status}>{t(`cohort.invitation_${invitation.status}`)}</td>
                <td>
                  {invitation.status === 'pending' ? (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t('cohort.revokeInvitation', { email: invitation.email })}
                      onClick={() =>
                        void run(async () => {
                          await api(`${base}/sent-invitations/${invitation.id}/revoke`, { method: 'POST' });
                          await refresh();
                          return t('cohort.invitationRevoked');
                        })
                      }
                    >
                      {t('cohort.revoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {live}
    </div>
  );
}

function Reconfirmation({ base }: { base: string }) {
  const { t } = useI18n();
  const [state, , , refresh] = useApi<ReconfirmationStatus>(`${base}/reconfirmations`);
  const [message, setMessage] = useState('');
  const { run, live } = useAction();
  const status = state.data;
  return (
    <div>
      <h3>{t('cohort.reconfirmAsk')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const result = await api<ReconfirmationSent>(`${base}/reconfirmations`, {
              method: 'POST',
              body: { message },
            });
            await refresh();
            return t('cohort.reconfirmSent', { count: result.recipients });
          });
        }}
      >
        <label for="reconfirm-message">{t('cohort.reconfirmMessage')}</label>
        <textarea
          id="reconfirm-message"
          rows={2}
          value={message}
          onInput={(event) => setMessage(event.currentTarget.value)}
        />
        <button type="submit">{t('cohort.send')}</button>
      </form>
      {status?.request ? (
        <>
          <p role="status">{t('cohort.reconfirmStatus', status.counts)}</p>
          <ul>
            {status.people.map((p) => (
              <li key={p.userId}>
                {p.displayName}: {t(`cohort.answer_${p.answer ?? 'none'}`)}
              </li>
            ))}
          </ul>
          {status.counts.unanswered ? (
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void run(async () => {
                  const result = await api<RemindAnswer>(`${base}/reconfirmations/${status.request!.id}/remind`, {
                    method: 'POST',
                  });
                  await refresh();
                  return t('cohort.reminded', { count: result.reminded });
                })
              }
            >
              {t('cohort.remind')}
            </button>
          ) : null}
        </>
      ) : null}
      {live}
    </div>
  );
}

function Limits({ base, seats, call, onSaved }: { base: string; seats: Seats; call: CallSettings; onSaved(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState({
    keyRespondentLimit: seats.limit,
    keyRespondentsPerWeek: seats.perWeek,
    descriptionWordLimit: call.descriptionWordLimit,
    applicationDeadlineOn: call.deadlineOn,
  });
  const { run, live } = useAction();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          // The forum's settings hold these (the console's settings page edits them too): one rule for the deadline.
          await api(`${base}/settings`, { method: 'PATCH', body: values });
          onSaved();
          return t('cohort.saved');
        });
      }}
    >
      <h3>{t('cohort.settings')}</h3>
      {(['keyRespondentLimit', 'keyRespondentsPerWeek'] as const).map((key) => (
        <label key={key} class="inline-field">
          {t(`cohort.${key}`)}{' '}
          <input
            type="number"
            min={0}
            max={1000}
            value={values[key]}
            onInput={(event) => setValues({ ...values, [key]: Number(event.currentTarget.value) })}
          />{' '}
        </label>
      ))}
      <label class="inline-field">
        {t('cohort.descriptionWordLimit')}{' '}
        <input
          type="number"
          min={10}
          max={1000}
          value={values.descriptionWordLimit}
          onInput={(event) => setValues({ ...values, descriptionWordLimit: Number(event.currentTarget.value) })}
        />{' '}
      </label>
      <label class="inline-field">
        {t('cohort.applicationDeadlineOn')}{' '}
        <input
          type="date"
          required
          value={values.applicationDeadlineOn}
          onInput={(event) => setValues({ ...values, applicationDeadlineOn: event.currentTarget.value })}
        />{' '}
      </label>
      <button type="submit">{t('cohort.save')}</button>
      {live}
    </form>
  );
}

export function CohortAdmin({
  slug,
  weeks,
  seats,
  call,
  onSaved,
}: {
  slug: string;
  weeks: number[];
  seats: Seats;
  call: CallSettings | null;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const base = `/api/forums/${encodeURIComponent(slug)}`;
  const [sent, , , refreshSent] = useApi<SentInvitations>(`${base}/sent-invitations`);
  return (
    <section aria-labelledby="cohort-admin" class="cohort-admin">
      <h2 id="cohort-admin">{t('cohort.admin')}</h2>
      <p>
        {t('cohort.exports')}{' '}
        {EXPORTS.map((kind) => (
          <a key={kind} href={`${base}/exports/${kind}`} download>
            {t(`cohort.export_${kind}`)}{' '}
          </a>
        ))}
      </p>
      {call ? <Limits base={base} seats={seats} call={call} onSaved={onSaved} /> : null}
      <Invite base={base} weeks={weeks} onSent={() => void refreshSent()} />
      <SentInvitations base={base} state={sent} refresh={refreshSent} />
      <Reconfirmation base={base} />
    </section>
  );
}
