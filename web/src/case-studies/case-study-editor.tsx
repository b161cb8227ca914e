// The key respondent's editor: title, Markdown body with the server's own preview, original
// language, region and theme, the live word count against the forum's soft guidance, the review
// state with the organizers' comment, saving, submitting (again) and taking back. What is typed
// is kept as the composer keeps it (hooks/use-composer.ts): in this browser and in the server's
// drafts, so a reload in the middle of writing loses nothing.
import { useMemo, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../api/client.ts';
import type { Lang } from '../i18n/languages.ts';
import type { OwnApplication } from '../cohort/cohort-types.ts';
import { useApi } from '../hooks/use-api.ts';
import { LanguageOptions } from '../components/fields.tsx';
import { MarkdownPreview } from '../components/markdown-preview.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { OtherCopyNotice } from '../components/other-copy-notice.tsx';
import { useComposer, type DraftText } from '../hooks/use-composer.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { createCaseStudy, editCaseStudy, moveCaseStudy, type CaseStudyFields } from './case-studies-api.ts';
import { CaseStudyState, WordGuide } from './case-study-bits.tsx';
import type { CaseStudy, WordGuidance } from './types.ts';

const MAX_TITLE_LENGTH = 200;
const MAX_LINE_LENGTH = 100;

interface Props {
  slug: string;
  weekNumber: number;
  /** The server's draft key (`case-study:<weekId>`); without it the draft stays in this browser. */
  draftKey: string;
  serverDrafts: boolean;
  caseStudy: CaseStudy | null;
  guidance: WordGuidance;
  onChanged(caseStudy: CaseStudy, message: string): void;
}

export function CaseStudyEditor({ slug, weekNumber, draftKey, serverDrafts, caseStudy, guidance, onChanged }: Props) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  // The forum's regions, as the call offers them (archived ones are no longer offered).
  const [call] = useApi<OwnApplication>(`/api/forums/${encodeURIComponent(slug)}/application`);
  const regions = call.data?.call.regions ?? [];
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const timeZone = readerTimeZone(me);
  const canEdit = caseStudy ? caseStudy.permissions.canEdit : true;

  const initial = useMemo<DraftText>(
    () =>
      caseStudy
        ? { title: caseStudy.title.value, bodyMd: caseStudy.markdown ?? '', lang: caseStudy.lang }
        : { title: '', bodyMd: '', lang },
    [caseStudy, lang],
  );
  const initialRegion = caseStudy?.region ?? '';

  const latest = useRef(caseStudy);
  /** Saves the text (creating the case study the first time), then submits it when asked to. */
  async function save(
    fields: CaseStudyFields,
    idempotencyKey: string,
    submit: boolean,
    sendDraftKey: boolean,
  ): Promise<CaseStudy> {
    const key = sendDraftKey && serverDrafts ? draftKey : undefined;
    const base = latest.current;
    let saved = base
      ? (await editCaseStudy(base.id, fields, base.revision, key)).caseStudy
      : (await createCaseStudy(slug, weekNumber, fields, idempotencyKey, key)).caseStudy;
    // Saved but not yet submitted: a retry after a dropped connection edits this revision.
    latest.current = saved;
    if (submit) saved = (await moveCaseStudy(saved.id, 'submit')).caseStudy;
    return saved;
  }

  const composer = useComposer({
    userId: me!.id,
    draftKey: serverDrafts ? draftKey : `local:${draftKey}`,
    initial,
    initialExtra: { region: initialRegion, theme: caseStudy?.theme ?? '', intent: 'save' },
    sendClearsServerDraft: serverDrafts,
    validate(text) {
      if (!text.title.trim()) return t('caseStudies.editor.titleMissing');
      if (!text.bodyMd.trim()) return t('caseStudies.editor.bodyMissing');
      return null;
    },
    send: (text, idempotencyKey, extra) =>
      save(
        {
          ...text,
          title: text.title.trim(),
          region: String(extra.region ?? ''),
          theme: String(extra.theme ?? '').trim(),
        },
        idempotencyKey,
        extra.intent === 'submit',
        true,
      ),
    onSent: (saved) => {
      const submitted = (saved as CaseStudy).status === 'submitted';
      onChanged(saved as CaseStudy, t(submitted ? 'caseStudies.editor.submittedMsg' : 'caseStudies.editor.saved'));
    },
  });
  const { text, extra } = composer;
  const region = String(extra.region ?? '');
  const theme = String(extra.theme ?? '');
  // Region and theme travel with the draft's extra state; a change there alone is a change too.
  const extraChanged = region !== initialRegion || theme !== (caseStudy?.theme ?? '');

  async function act(intent: 'save' | 'submit') {
    setMessage(null);
    if (intent === 'submit' && !region) {
      setMessage(t('caseStudies.editor.regionMissing'));
      document.getElementById('case-study-region')?.focus();
      return;
    }
    if (composer.hasText || extraChanged || !caseStudy) {
      composer.setExtra({ intent });
      await composer.submit();
      return;
    }
    // Nothing changed since the last save: only the move is left to make.
    if (intent !== 'submit') return;
    setBusy(true);
    try {
      onChanged((await moveCaseStudy(caseStudy.id, 'submit')).caseStudy, t('caseStudies.editor.submittedMsg'));
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function withdraw() {
    if (!caseStudy) return;
    setBusy(true);
    setMessage(null);
    try {
      onChanged((await moveCaseStudy(caseStudy.id, 'withdraw')).caseStudy, t('caseStudies.editor.withdrawn'));
    } catch (failure) {
      setMessage(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const working = busy || composer.busy;
  const readOnly = !canEdit || working;
  const status = caseStudy?.status ?? 'draft';
  const published = status === 'published';
  const error = message ?? composer.error?.message ?? null;
  return (
    <>
      {caseStudy ? (
        <CaseStudyState caseStudy={caseStudy} timeZone={timeZone} />
      ) : (
        <p class="muted">{t('caseStudies.editor.help.draft')}</p>
      )}
      {published && caseStudy ? (
        <p>
          <a href={`/forums/${encodeURIComponent(slug)}/case-studies/${caseStudy.id}`}>
            {t('caseStudies.editor.viewPublished')}
          </a>
        </p>
      ) : null}
      {!canEdit ? (
        <Notice>
          <p>{t(status === 'submitted' ? 'caseStudies.editor.lockedSubmitted' : 'caseStudies.editor.readOnly')}</p>
          {caseStudy?.permissions.canWithdraw ? (
            <p>
              <button type="button" class="button-quiet" disabled={working} onClick={() => void withdraw()}>
                {t('caseStudies.editor.withdraw')}
              </button>
            </p>
          ) : null}
        </Notice>
      ) : null}
      <form
        class="case-study-form"
        aria-labelledby="case-study-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void act(published ? 'save' : 'submit');
        }}
        noValidate
      >
        {composer.restored !== 'none' ? <p class="hint">{t('caseStudies.editor.restored')}</p> : null}
        <OtherCopyNotice composer={composer} timeZone={timeZone} />
        <div class="field">
          <label for="case-study-title">{t('caseStudies.editor.fieldTitle')}</label>
          <input
            type="text"
            id="case-study-title"
            name="title"
            value={text.title}
            lang={text.lang}
            maxLength={MAX_TITLE_LENGTH}
            aria-required="true"
            readOnly={readOnly}
            onInput={(event) => composer.change({ title: event.currentTarget.value })}
          />
        </div>
        <div class="field field-inline">
          <label for="case-study-lang">{t('caseStudies.editor.fieldLang')}</label>
          <select
            id="case-study-lang"
            name="lang"
            value={text.lang}
            disabled={readOnly}
            onChange={(event) => composer.change({ lang: event.currentTarget.value as Lang })}
          >
            <LanguageOptions />
          </select>
        </div>
        <div class="field">
          <label for="case-study-region">{t('caseStudies.editor.fieldRegion')}</label>
          <select
            id="case-study-region"
            name="region"
            value={region}
            disabled={readOnly}
            aria-required="true"
            onChange={(event) => {
              composer.setExtra({ region: event.currentTarget.value });
              composer.change({});
            }}
          >
            <option value="">{t('caseStudies.editor.regionNone')}</option>
            {regions.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.name[lang]}
              </option>
            ))}
            {region && !regions.some((choice) => choice.key === region) ? (
              <option value={region}>
                {caseStudy?.region === region && caseStudy.regionName
                  ? caseStudy.regionName[lang]
                  : t('cohort.archivedChoice')}
              </option>
            ) : null}
          </select>
        </div>
        <div class="field">
          <label for="case-study-theme">{t('caseStudies.editor.fieldTheme')}</label>
          <input
            type="text"
            id="case-study-theme"
            name="theme"
            value={theme}
            lang={text.lang}
            maxLength={MAX_LINE_LENGTH}
            aria-describedby="case-study-theme-hint"
            readOnly={readOnly}
            onInput={(event) => {
              composer.setExtra({ theme: event.currentTarget.value });
              composer.change({});
            }}
          />
          <span id="case-study-theme-hint" class="hint">
            {t('caseStudies.editor.themeHint')}
          </span>
        </div>
        <div class="field">
          <label for="case-study-body">{t('caseStudies.editor.fieldBody')}</label>
          <p class="tabs" role="group" aria-label={t('caseStudies.editor.fieldBody')}>
            <button
              type="button"
              class="button-quiet button-small"
              aria-pressed={!previewing}
              onClick={() => setPreviewing(false)}
            >
              {t('caseStudies.editor.write')}
            </button>
            <button
              type="button"
              class="button-quiet button-small"
              aria-pressed={previewing}
              onClick={() => setPreviewing(true)}
            >
              {t('caseStudies.editor.preview')}
            </button>
          </p>
          <textarea
            id="case-study-body"
            name="body"
            rows={16}
            value={text.bodyMd}
            lang={text.lang}
            spellcheck
            hidden={previewing}
            readOnly={readOnly}
            aria-required="true"
            aria-describedby="case-study-hint case-study-guidance case-study-count"
            onInput={(event) => composer.change({ bodyMd: event.currentTarget.value })}
          />
          {previewing ? (
            <div class="case-preview">
              <MarkdownPreview markdown={text.bodyMd} lang={text.lang} active={previewing} />
            </div>
          ) : null}
          <span id="case-study-hint" class="hint">
            {t('caseStudies.editor.bodyHint')}
          </span>
          <span id="case-study-guidance" class="hint">
            {t('caseStudies.editor.guidance', { min: guidance.min, max: guidance.max })}
          </span>
          <span class="composer-meta">
            <WordGuide id="case-study-count" text={text.bodyMd} guidance={guidance} />
            {composer.saveState !== 'idle' ? (
              <span
                class={composer.saveState === 'unsaved' ? 'save-state save-state-warn' : 'save-state'}
                data-save-state={composer.saveState}
              >
                {t(`caseStudies.editor.saveState.${composer.saveState}`)}
              </span>
            ) : null}
          </span>
        </div>
        <LiveMessage message={error} />
        {canEdit ? (
          <p class="button-row">
            {published ? (
              <button type="submit" disabled={working}>
                {working ? t('caseStudies.editor.submitting') : t('caseStudies.editor.saveChanges')}
              </button>
            ) : (
              <>
                <button type="submit" disabled={working}>
                  {working
                    ? t('caseStudies.editor.submitting')
                    : t(status === 'changes_requested' ? 'caseStudies.editor.resubmit' : 'caseStudies.editor.submit')}
                </button>
                <button type="button" class="button-quiet" disabled={working} onClick={() => void act('save')}>
                  {t('caseStudies.editor.save')}
                </button>
              </>
            )}
          </p>
        ) : null}
      </form>
    </>
  );
}
