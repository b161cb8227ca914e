// One element as organizers decide on it: its statement, place, proposers and citations, and
// the decisions open to it (accept, edit with its revision history, merge into another element,
// decline with a reason the proposers read). Each form opens in place, under the element.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api/client.ts';
import { LangHtml } from '../components/content.tsx';
import { DateTime } from '../components/date-range.tsx';
import { SelectField } from '../components/fields.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { ReasonForm } from '../components/reason-form.tsx';
import { TranslatedBody } from '../components/translated.tsx';
import { overLimit } from '../cohort/word-counter.tsx';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Lang } from '../i18n/languages.ts';
import { CitationList } from './element-card.tsx';
import { excerptOf } from './propose-element.tsx';
import { StatementFields, type StatementValues } from './statement-fields.tsx';
import type { Choice, ElementAnswer, ElementRevision, ElementRevisions, PolicyElement } from './synthesis-types.ts';

type Mode = null | 'edit' | 'merge' | 'decline';

interface Props {
  slug: string;
  element: PolicyElement;
  /** Where it may be merged: the forum's other waiting and accepted elements. */
  targets: PolicyElement[];
  regions: Choice[];
  themes: Choice[];
  wordLimit: number;
  timeZone: string;
  /** The element changed (or left this list): read the lists again and say what happened. */
  onDone(message: string): void;
}

export function ElementReview({ slug, element, targets, regions, themes, wordLimit, timeZone, onDone }: Props) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<Mode>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `review-${element.id}`;

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      await api<ElementAnswer>(`/api/synthesis/elements/${element.id}/accept`, { method: 'POST' });
      onDone(t('synthesis.review.accepted'));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (which: Exclude<Mode, null>) => {
    setError(null);
    setMode(mode === which ? null : which);
  };

  return (
    <article class="element-card element-review" aria-labelledby={headingId}>
      <h3 id={headingId} class="element-review-title">
        {t('synthesis.place', { region: element.region.name[lang], theme: element.theme.name[lang] })}
      </h3>
      <p class="meta">
        <span class={`badge badge-element-${element.status}`}>{t(`synthesis.status.${element.status}`)}</span>{' '}
        {t('synthesis.review.fromWeek', { number: element.weekNumber })} ·{' '}
        {t('synthesis.proposedBy', {
          names: formatList(
            element.proposers.map((p) => p.displayName),
            lang,
          ),
        })}
        {element.status === 'accepted' ? (
          <> · {t('synthesis.endorsements', { count: element.endorsementCount })}</>
        ) : null}
      </p>
      <TranslatedBody
        itemKey={`policy_element:${element.id}`}
        original={{ lang: element.lang, html: element.html }}
        translation={element.translation}
        pending={element.translationPending}
        class="element-text"
        describedBy={headingId}
      />
      <h4 id={`${headingId}-citations`} class="small-heading">
        {t('synthesis.citations')}
      </h4>
      <CitationList slug={slug} citations={element.citations} labelledBy={`${headingId}-citations`} />
      <div class="post-actions" role="group" aria-label={t('synthesis.review.actions')}>
        {element.status === 'proposed' && element.may.decide ? (
          <button
            type="button"
            class="button-small"
            disabled={busy}
            aria-describedby={headingId}
            onClick={() => void accept()}
          >
            {t('synthesis.review.accept')}
          </button>
        ) : null}
        {element.may.edit ? (
          <button
            type="button"
            class="button-quiet button-small"
            aria-expanded={mode === 'edit'}
            aria-describedby={headingId}
            onClick={() => toggle('edit')}
          >
            {t('synthesis.review.edit')}
          </button>
        ) : null}
        {element.may.decide && targets.length ? (
          <button
            type="button"
            class="button-quiet button-small"
            aria-expanded={mode === 'merge'}
            aria-describedby={headingId}
            onClick={() => toggle('merge')}
          >
            {t('synthesis.review.merge')}
          </button>
        ) : null}
        {element.status === 'proposed' && element.may.decide ? (
          <button
            type="button"
            class="button-quiet button-small"
            aria-expanded={mode === 'decline'}
            aria-describedby={headingId}
            onClick={() => toggle('decline')}
          >
            {t('synthesis.review.decline')}
          </button>
        ) : null}
      </div>
      <LiveMessage message={error} />
      {mode === 'edit' ? (
        <EditForm
          element={element}
          regions={regions}
          themes={themes}
          wordLimit={wordLimit}
          timeZone={timeZone}
          onCancel={() => setMode(null)}
          onSaved={() => {
            setMode(null);
            onDone(t('synthesis.review.saved'));
          }}
        />
      ) : null}
      {mode === 'merge' ? (
        <MergeForm
          element={element}
          targets={targets}
          onCancel={() => setMode(null)}
          onMerged={() => onDone(t('synthesis.review.merged'))}
        />
      ) : null}
      {mode === 'decline' ? (
        <ReasonForm
          id={`decline-${element.id}`}
          label={t('synthesis.review.declineReason')}
          hint={t('synthesis.review.declineHint')}
          submitLabel={t('synthesis.review.decline')}
          onCancel={() => setMode(null)}
          onSubmit={async (reason) => {
            await api<ElementAnswer>(`/api/synthesis/elements/${element.id}/decline`, {
              method: 'POST',
              body: { reason },
            });
            onDone(t('synthesis.review.declined'));
          }}
        />
      ) : null}
    </article>
  );
}

function targetLabel(
  target: PolicyElement,
  lang: Lang,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  return t('synthesis.review.mergeOption', {
    text: excerptOf(target.translation?.html ?? target.html, 10),
    region: target.region.name[lang],
    theme: target.theme.name[lang],
    status: t(`synthesis.status.${target.status}`),
  });
}

function MergeForm({
  element,
  targets,
  onCancel,
  onMerged,
}: {
  element: PolicyElement;
  targets: PolicyElement[];
  onCancel(): void;
  onMerged(): void;
}) {
  const { t, lang } = useI18n();
  // Same place first: a duplicate is most likely there.
  const sorted = [...targets].sort(
    (x, y) =>
      Number(y.region.key === element.region.key && y.theme.key === element.theme.key) -
      Number(x.region.key === element.region.key && x.theme.key === element.theme.key),
  );
  const [into, setInto] = useState(String(sorted[0]?.id ?? ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `merge-${element.id}`;
  async function submit(event: Event) {
    event.preventDefault();
    if (busy || !into) return;
    setBusy(true);
    setError(null);
    try {
      await api<ElementAnswer>(`/api/synthesis/elements/${element.id}/merge`, {
        method: 'POST',
        body: { into: Number(into) },
      });
      onMerged();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }
  return (
    <form class="reason-form" onSubmit={(event) => void submit(event)} noValidate>
      <SelectField
        id={id}
        label={t('synthesis.review.mergeInto')}
        hint={t('synthesis.review.mergeHint')}
        value={into}
        onChange={setInto}
      >
        {sorted.map((target) => (
          <option key={target.id} value={String(target.id)}>
            {targetLabel(target, lang, t)}
          </option>
        ))}
      </SelectField>
      <LiveMessage message={error} />
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {t('synthesis.review.mergeSubmit')}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          {t('composer.cancel')}
        </button>
      </p>
    </form>
  );
}

function EditForm({
  element,
  regions,
  themes,
  wordLimit,
  timeZone,
  onCancel,
  onSaved,
}: {
  element: PolicyElement;
  regions: Choice[];
  themes: Choice[];
  wordLimit: number;
  timeZone: string;
  onCancel(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const id = `edit-element-${element.id}`;
  const [values, setValues] = useState<StatementValues>({
    statement: element.markdown ?? '',
    statementLang: element.lang,
    region: element.region.key,
    theme: element.theme.key,
  });
  const { statement, statementLang, region, theme } = values;
  const change = (changes: Partial<StatementValues>) => setValues((current) => ({ ...current, ...changes }));
  const [revision, setRevision] = useState(element.revision);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textarea.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!statement.trim()) {
      setError(t('validation.required'));
      textarea.current?.focus();
      return;
    }
    if (overLimit(statement, wordLimit)) {
      setError(t('synthesis.propose.tooLong', { max: wordLimit }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api<ElementAnswer>(`/api/synthesis/elements/${element.id}`, {
        method: 'PATCH',
        body: { revision, statement: statement.trim(), lang: statementLang, region, theme },
      });
      onSaved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        // Someone else saved first: their revision becomes the base; saving again replaces it on purpose.
        const latest = await api<ElementRevisions>(`/api/synthesis/elements/${element.id}/revisions`).catch(() => null);
        const newest = latest?.revisions.reduce((top, r) => Math.max(top, r.revision), revision);
        if (newest) setRevision(newest);
      }
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="reason-form" onSubmit={(event) => void submit(event)} noValidate>
      <StatementFields
        id={id}
        textarea={textarea}
        values={values}
        onChange={change}
        wordLimit={wordLimit}
        regions={regions}
        themes={themes}
      />
      <LiveMessage message={error} />
      <p class="button-row">
        <button type="submit" disabled={busy}>
          {t('synthesis.review.save')}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          {t('composer.cancel')}
        </button>
      </p>
      <ElementHistory elementId={element.id} timeZone={timeZone} />
    </form>
  );
}

/** The element's earlier versions, newest first, each in its language and place. */
function ElementHistory({ elementId, timeZone }: { elementId: number; timeZone: string }) {
  const { t, lang } = useI18n();
  const [revisions, setRevisions] = useState<ElementRevision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<ElementRevisions>(`/api/synthesis/elements/${elementId}/revisions`, { signal: controller.signal }).then(
      (answer) => setRevisions([...answer.revisions].sort((a, b) => b.revision - a.revision)),
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(failure));
      },
    );
    return () => controller.abort();
  }, [elementId]);
  return (
    <section class="revisions" aria-labelledby={`history-${elementId}`}>
      <h4 id={`history-${elementId}`} class="revisions-title">
        {t('synthesis.review.history')}
      </h4>
      {error ? (
        <Notice kind="error">
          <p>{error}</p>
        </Notice>
      ) : !revisions ? (
        <p class="muted">{t('app.loading')}</p>
      ) : (
        <ol class="revision-list">
          {revisions.map((revision) => (
            <li key={revision.revision}>
              <p class="muted revision-meta">
                {t('synthesis.review.revisionBy', { number: revision.revision, name: revision.editor.displayName })}{' '}
                <DateTime value={revision.createdAt} timeZone={timeZone} style="dateTime" /> ·{' '}
                {t('synthesis.place', { region: revision.region.name[lang], theme: revision.theme.name[lang] })}
              </p>
              <LangHtml html={{ lang: revision.lang, html: revision.html }} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
