// A site admin creates a forum (a draft) and appoints its first organizers by the emails of
// their accounts; the organizers then fill it in from the console.
import type { NewForumAnswer } from '../console/console-types.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TimeZonePicker } from '../components/time-zone-picker.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';
import { useSession } from '../session/session-context.tsx';
import { browserTimeZone } from '../time/time-zone.ts';
import { zoneName } from '../time/zone-names.ts';
import { consolePath } from '../console/console-nav.tsx';
import { dayOrderProblem } from '../console/form-checks.ts';
import { useFormSubmit } from '../console/form-submit.ts';
import { MarkdownField } from '../console/markdown-field.tsx';
import '../console/console.css';

export default function ConsoleNewForumPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { route } = useLocation();
  const [slug, setSlug] = useState('');
  const [textLang, setTextLang] = useState<Lang>(lang);
  const [languages, setLanguages] = useState<Lang[]>([...LANGS]);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [callMd, setCallMd] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [deadlineOn, setDeadlineOn] = useState('');
  const [emails, setEmails] = useState(me?.email ?? '');
  const { busy, error, invalid, submit } = useFormSubmit();

  if (!me?.isAdmin)
    return (
      <>
        <PageHeading text={t('console.newForum.heading')} />
        <Notice kind="error">
          <p>{t('console.newForum.adminsOnly')}</p>
        </Notice>
      </>
    );

  async function create(event: Event) {
    event.preventDefault();
    const checks = {
      form: event.currentTarget as HTMLFormElement,
      check: () => dayOrderProblem(t, { startsOn, endsOn, applicationDeadlineOn: deadlineOn }),
    };
    await submit(async () => {
      const result = await api<NewForumAnswer>('/api/forums', {
        method: 'POST',
        body: {
          slug,
          timeZone,
          languages,
          startsOn,
          endsOn,
          applicationDeadlineOn: deadlineOn,
          text: { lang: textLang, title, summary, callMd },
          organizerEmails: emails.split(/[\s,;]+/).filter(Boolean),
        },
      });
      route(consolePath(result.forum.slug, 'settings'));
    }, checks);
  }

  return (
    <>
      <PageHeading text={t('console.newForum.heading')} />
      <p>{t('console.newForum.intro')}</p>
      <form class="console-form" onSubmit={(event) => void create(event)} noValidate>
        <div class="field">
          <label for="slug">{t('console.newForum.slug')}</label>
          <input
            id="slug"
            type="text"
            required
            autoComplete="off"
            spellcheck={false}
            value={slug}
            aria-invalid={invalid('slug')}
            aria-describedby="slug-hint"
            onInput={(event) => setSlug(event.currentTarget.value.toLowerCase())}
          />
          <span id="slug-hint" class="hint">
            {t('console.newForum.slugHint')}
          </span>
        </div>
        <fieldset id="languages" tabIndex={-1}>
          <legend>{t('console.settings.languages')}</legend>
          {LANGS.map((l) => (
            <label key={l} class="checkbox">
              <input
                type="checkbox"
                checked={languages.includes(l)}
                onChange={(event) =>
                  setLanguages(LANGS.filter((c) => (c === l ? event.currentTarget.checked : languages.includes(c))))
                }
              />
              <span lang={l}>{ENDONYMS[l]}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('console.newForum.firstText')}</legend>
          <div class="field">
            <label for="text-lang">{t('console.newForum.textLang')}</label>
            <select
              id="text-lang"
              value={textLang}
              onChange={(event) => setTextLang(event.currentTarget.value as Lang)}
            >
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {ENDONYMS[l]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="title">{t('console.settings.title')}</label>
            <input
              id="title"
              type="text"
              required
              lang={textLang}
              value={title}
              onInput={(event) => setTitle(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="summary">{t('console.settings.summary')}</label>
            <textarea
              id="summary"
              rows={2}
              lang={textLang}
              value={summary}
              onInput={(event) => setSummary(event.currentTarget.value)}
            />
          </div>
          <MarkdownField
            id="call"
            label={t('console.settings.call')}
            lang={textLang}
            value={callMd}
            onInput={setCallMd}
          />
        </fieldset>
        <fieldset>
          <legend>{t('console.settings.calendar')}</legend>
          <TimeZonePicker
            id="timeZone"
            label={t('console.settings.timeZone')}
            value={timeZone}
            hint={t('console.settings.timeZoneHint')}
            onChange={setTimeZone}
          />
          <p class="hint">{t('console.settings.daysHint', { zone: zoneName(timeZone, lang).label })}</p>
          <div class="console-row">
            <div class="field">
              <label for="startsOn">{t('console.settings.startsOn')}</label>
              <input
                id="startsOn"
                type="date"
                required
                value={startsOn}
                onInput={(event) => setStartsOn(event.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="endsOn">{t('console.settings.endsOn')}</label>
              <input
                id="endsOn"
                type="date"
                required
                value={endsOn}
                aria-invalid={invalid('endsOn')}
                onInput={(event) => setEndsOn(event.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="applicationDeadlineOn">{t('console.settings.deadline')}</label>
              <input
                id="applicationDeadlineOn"
                type="date"
                required
                value={deadlineOn}
                aria-invalid={invalid('applicationDeadlineOn')}
                onInput={(event) => setDeadlineOn(event.currentTarget.value)}
              />
            </div>
          </div>
        </fieldset>
        <div class="field">
          <label for="organizerEmails">{t('console.newForum.organizers')}</label>
          <textarea
            id="organizerEmails"
            rows={2}
            spellcheck={false}
            value={emails}
            aria-invalid={invalid('organizerEmails')}
            aria-describedby="organizers-hint"
            onInput={(event) => setEmails(event.currentTarget.value)}
          />
          <span id="organizers-hint" class="hint">
            {t('console.newForum.organizersHint')}
          </span>
        </div>
        <LiveMessage message={error} />
        <div class="console-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('console.saving') : t('console.newForum.create')}
          </button>
        </div>
      </form>
    </>
  );
}
