// The forum's settings as one form: texts per language (Markdown call with preview), languages,
// zone and calendar days, enrolment, limits, translation policy and the archive. Saving sends
// the whole form; the server checks it as a whole and answers in the interface language.
import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import { LiveMessage } from '../components/notice.tsx';
import { TimeZonePicker } from '../components/time-zone-picker.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ENDONYMS, LANGS } from '../i18n/languages.ts';
import { zoneName } from '../time/zone-names.ts';
import { consolePath } from './console-nav.tsx';
import type { Enrolment, ForumSettings, ForumSettingsAnswer } from './console-types.ts';
import { dayOrderProblem } from './form-checks.ts';
import { useFormSubmit } from './form-submit.ts';
import { MarkdownField } from './markdown-field.tsx';

type Text = ForumSettings['texts'][number];
const ENROLMENTS: Enrolment[] = ['open', 'application', 'invitation'];

function emptyText(lang: Lang): Text {
  return { lang, title: '', summary: '', callMd: '' };
}

export function SettingsForm({ initial, onSaved }: { initial: ForumSettings; onSaved(settings: ForumSettings): void }) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<ForumSettings>(initial);
  const { busy, error, invalid, submit } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof ForumSettings>(key: K, value: ForumSettings[K]) => {
    setForm({ ...form, [key]: value });
    setSaved(false);
  };
  const textFor = (l: Lang) => form.texts.find((text) => text.lang === l) ?? emptyText(l);
  const setText = (l: Lang, change: Partial<Text>) =>
    set('texts', [...form.texts.filter((text) => text.lang !== l), { ...textFor(l), ...change }]);

  function toggleLanguage(l: Lang, on: boolean) {
    const languages = LANGS.filter((candidate) => (candidate === l ? on : form.languages.includes(candidate)));
    // Pairs through a language no longer offered would be refused: they go with it.
    const pairs = form.translation.pairs.filter((pair) => languages.includes(pair.from) && languages.includes(pair.to));
    setForm({ ...form, languages, translation: { ...form.translation, pairs } });
  }
  function togglePair(from: Lang, to: Lang, on: boolean) {
    const others = form.translation.pairs.filter((pair) => !(pair.from === from && pair.to === to));
    set('translation', { ...form.translation, pairs: on ? [...others, { from, to }] : others });
  }

  async function save(event: Event) {
    event.preventDefault();
    const checks = {
      form: event.currentTarget as HTMLFormElement,
      check: () => dayOrderProblem(t, { startsOn: form.startsOn, endsOn: form.endsOn }),
    };
    await submit(async () => {
      const { slug, texts, ...rest } = form;
      // A language's text is saved once it has a title; an untouched new language is left out.
      const body = { ...rest, texts: texts.filter((text) => form.languages.includes(text.lang) && text.title.trim()) };
      const result = await api<ForumSettingsAnswer>(`/api/forums/${encodeURIComponent(slug)}/settings`, {
        method: 'PATCH',
        body,
      });
      setForm(result.settings);
      setSaved(true);
      onSaved(result.settings);
    }, checks);
  }

  type NumberKey =
    | 'keyRespondentLimit'
    | 'keyRespondentsPerWeek'
    | 'descriptionWordLimit'
    | 'policyElementWordLimit'
    | 'caseStudyMinWords'
    | 'caseStudyMaxWords'
    | 'questionTargetHours';
  const number = (key: NumberKey, min: number) => (
    <div class="field">
      <label for={key}>{t(`console.settings.${key}`)}</label>
      {/* An emptied field stays empty (NaN), so the form says it is empty instead of saving 0. */}
      <input
        id={key}
        type="number"
        min={min}
        step={1}
        required
        value={Number.isNaN(form[key]) ? '' : String(form[key])}
        aria-invalid={invalid(key)}
        onInput={(event) => set(key, event.currentTarget.valueAsNumber)}
      />
    </div>
  );
  const policy = form.translation;
  return (
    <form class="console-form" onSubmit={(event) => void save(event)} noValidate>
      <fieldset>
        <legend>{t('console.settings.texts')}</legend>
        <p class="hint">{t('console.settings.textsHint')}</p>
        {/* Versions already written first (the forum's own language at the top), then the empty ones. */}
        {[...form.languages]
          .sort(
            (a, b) =>
              Number(!initial.texts.some((x) => x.lang === a)) - Number(!initial.texts.some((x) => x.lang === b)),
          )
          .map((l) => {
            const text = textFor(l);
            return (
              <div key={l} class="lang-text">
                <h2>{ENDONYMS[l]}</h2>
                <div class="field">
                  <label for={`title-${l}`}>{t('console.settings.title')}</label>
                  <input
                    id={`title-${l}`}
                    type="text"
                    lang={l}
                    value={text.title}
                    onInput={(event) => setText(l, { title: event.currentTarget.value })}
                  />
                </div>
                <div class="field">
                  <label for={`summary-${l}`}>{t('console.settings.summary')}</label>
                  <textarea
                    id={`summary-${l}`}
                    rows={2}
                    lang={l}
                    value={text.summary}
                    onInput={(event) => setText(l, { summary: event.currentTarget.value })}
                  />
                </div>
                <MarkdownField
                  id={`call-${l}`}
                  label={t('console.settings.call')}
                  lang={l}
                  value={text.callMd}
                  rows={8}
                  onInput={(callMd) => setText(l, { callMd })}
                />
              </div>
            );
          })}
      </fieldset>

      <fieldset id="languages" tabIndex={-1} aria-invalid={invalid('languages')}>
        <legend>{t('console.settings.languages')}</legend>
        {LANGS.map((l) => (
          <label key={l} class="checkbox">
            <input
              type="checkbox"
              name="languages"
              value={l}
              checked={form.languages.includes(l)}
              disabled={form.languages.length === 1 && form.languages.includes(l)}
              onChange={(event) => toggleLanguage(l, event.currentTarget.checked)}
            />
            <span lang={l}>{ENDONYMS[l]}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('console.settings.calendar')}</legend>
        <TimeZonePicker
          id="timeZone"
          label={t('console.settings.timeZone')}
          value={form.timeZone}
          forumTimeZone={initial.timeZone}
          hint={t('console.settings.timeZoneHint')}
          onChange={(timeZone) => set('timeZone', timeZone)}
        />
        <p class="hint">{t('console.settings.daysHint', { zone: zoneName(form.timeZone, lang).label })}</p>
        <div class="console-row">
          <div class="field">
            <label for="startsOn">{t('console.settings.startsOn')}</label>
            <input
              id="startsOn"
              type="date"
              required
              value={form.startsOn}
              aria-invalid={invalid('startsOn')}
              aria-describedby="startsOn-hint"
              onInput={(event) => set('startsOn', event.currentTarget.value)}
            />
            <span id="startsOn-hint" class="hint">
              {t('console.settings.startsOnHint')}{' '}
              <a href={consolePath(form.slug, 'schedule')}>{t('console.nav.schedule')}</a>
            </span>
          </div>
          <div class="field">
            <label for="endsOn">{t('console.settings.endsOn')}</label>
            <input
              id="endsOn"
              type="date"
              required
              value={form.endsOn}
              aria-invalid={invalid('endsOn')}
              onInput={(event) => set('endsOn', event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="applicationDeadlineOn">{t('console.settings.deadline')}</label>
            <input
              id="applicationDeadlineOn"
              type="date"
              required
              value={form.applicationDeadlineOn}
              aria-invalid={invalid('applicationDeadlineOn')}
              aria-describedby="deadline-hint"
              onInput={(event) => set('applicationDeadlineOn', event.currentTarget.value)}
            />
            <span id="deadline-hint" class="hint">
              {t('console.settings.deadlineHint')}
            </span>
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('console.settings.enrolment')}</legend>
        {ENROLMENTS.map((mode) => (
          <label key={mode} class="checkbox">
            <input
              type="radio"
              name="enrolment"
              value={mode}
              checked={form.enrolment === mode}
              onChange={() => set('enrolment', mode)}
            />
            <span>{t(`console.settings.enrolment_${mode}`)}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('console.settings.visibility')}</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={form.published}
            onChange={(event) => set('published', event.currentTarget.checked)}
          />
          <span>{t('console.settings.published')}</span>
        </label>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={form.publicArchive}
            onChange={(event) => set('publicArchive', event.currentTarget.checked)}
          />
          <span>{t('console.settings.publicArchive')}</span>
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('console.settings.limits')}</legend>
        <div class="console-row">
          {number('keyRespondentLimit', 0)}
          {number('keyRespondentsPerWeek', 0)}
          {number('descriptionWordLimit', 10)}
          {number('policyElementWordLimit', 10)}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('console.settings.caseStudies')}</legend>
        <p class="hint">{t('console.settings.caseStudyWordsHint')}</p>
        <div class="console-row">
          {number('caseStudyMinWords', 0)}
          {number('caseStudyMaxWords', 0)}
          {number('questionTargetHours', 1)}
        </div>
      </fieldset>

      <fieldset id="pairs" tabIndex={-1} aria-invalid={invalid('pairs')}>
        <legend>{t('console.settings.translation')}</legend>
        <p class="hint">{t('console.settings.pairsHint')}</p>
        <div class="pairs">
          {form.languages.flatMap((from) =>
            form.languages
              .filter((to) => to !== from)
              .map((to) => (
                <label key={`${from}-${to}`} class="checkbox">
                  <input
                    type="checkbox"
                    checked={policy.pairs.some((pair) => pair.from === from && pair.to === to)}
                    onChange={(event) => togglePair(from, to, event.currentTarget.checked)}
                  />
                  <span>{t('console.settings.pair', { from: ENDONYMS[from], to: ENDONYMS[to] })}</span>
                </label>
              )),
          )}
        </div>
        <div class="console-row">
          <div class="field">
            <label for="targetHours">{t('console.settings.targetHours')}</label>
            <input
              id="targetHours"
              type="number"
              min={1}
              step={1}
              value={String(policy.targetHours)}
              onInput={(event) => set('translation', { ...policy, targetHours: Number(event.currentTarget.value) })}
            />
          </div>
          <div class="field">
            <label for="claimMinutes">{t('console.settings.claimMinutes')}</label>
            <input
              id="claimMinutes"
              type="number"
              min={5}
              step={1}
              value={String(policy.claimMinutes)}
              onInput={(event) => set('translation', { ...policy, claimMinutes: Number(event.currentTarget.value) })}
            />
          </div>
        </div>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={policy.reviewRequired}
            onChange={(event) => set('translation', { ...policy, reviewRequired: event.currentTarget.checked })}
          />
          <span>{t('console.settings.reviewRequired')}</span>
        </label>
      </fieldset>

      <LiveMessage message={error} />
      <LiveMessage kind="ok" message={saved ? t('console.settings.saved') : null} />
      <div class="console-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('console.saving') : t('console.settings.save')}
        </button>
      </div>
    </form>
  );
}
