// Inviting someone by email from the people console, to any role the console gives, through the
// cohort's invitations: a single-use link that expires, or immediate membership for an address
// that has an account.
import type { InviteAnswer } from '../cohort/cohort-types.ts';
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { LanguageOptions } from '../components/fields.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ROLES, type ForumRole, type PeopleList } from './types.ts';

export function InviteForm({
  slug,
  weeks,
  onInvited,
}: {
  slug: string;
  weeks: PeopleList['weeks'];
  onInvited(): void;
}) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ForumRole>('participant');
  const [week, setWeek] = useState(String(weeks[0]?.number ?? 1));
  const [mailLang, setMailLang] = useState<Lang>(lang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answer = await api<InviteAnswer>(`/api/forums/${encodeURIComponent(slug)}/invitations`, {
        method: 'POST',
        body: {
          email: email.trim(),
          role,
          lang: mailLang,
          ...(role === 'key_respondent' ? { week: Number(week) } : {}),
        },
      });
      setDone(t(answer.status === 'added' ? 'people.invite.added' : 'people.invite.sent', { email: email.trim() }));
      setEmail('');
      onInvited();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card invite-form" onSubmit={(event) => void submit(event)}>
      <p class="hint">{t('people.invite.intro')}</p>
      <div class="field">
        <label for="invite-email">{t('people.invite.email')}</label>
        <input
          id="invite-email"
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
      </div>
      <div class="console-row">
        <div class="field">
          <label for="invite-role">{t('people.invite.role')}</label>
          <select id="invite-role" value={role} onChange={(event) => setRole(event.currentTarget.value as typeof role)}>
            {ROLES.map((each) => (
              <option key={each} value={each}>
                {t(`roles.${each}`)}
              </option>
            ))}
          </select>
        </div>
        {role === 'key_respondent' ? (
          <div class="field">
            <label for="invite-week">{t('people.invite.week')}</label>
            <select id="invite-week" value={week} onChange={(event) => setWeek(event.currentTarget.value)}>
              {weeks.map((w) => (
                <option key={w.number} value={String(w.number)}>
                  {t('people.week', { number: w.number })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="invite-lang">{t('people.invite.lang')}</label>
          <select
            id="invite-lang"
            value={mailLang}
            onChange={(event) => setMailLang(event.currentTarget.value as Lang)}
          >
            <LanguageOptions />
          </select>
        </div>
      </div>
      <p class="hint">{t('people.invite.rolesHint')}</p>
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {t('people.invite.send')}
        </button>
      </p>
      <LiveMessage kind="ok" message={done} />
      <LiveMessage message={error} />
    </form>
  );
}
