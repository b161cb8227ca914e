// "Propose a policy element" from a post, an answer or a case study the reader sees: a short
// statement counted against the forum's word limit, its language (the interface's by default),
// a region and a theme named in the reader's language, and the cited item shown. The same
// idempotency key goes with every retry of one proposal, so a double submit makes one element.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { newIdempotencyKey } from '../compose/text-tools.ts';
import { overLimit } from '../cohort/word-counter.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Lang } from '../i18n/languages.ts';
import {
  synthesisApi,
  synthesisPath,
  type CitationInput,
  type ElementAnswer,
  type Synthesis,
} from './synthesis-types.ts';
import { StatementFields, type StatementValues } from './statement-fields.tsx';
import './synthesis.css';

export interface CitedItem extends CitationInput {
  /** What the form shows of it: the post's first words or the case study's title, in its language. */
  label: { lang: Lang; value: string };
}

/** The first words of an item's HTML, for the form to show what it cites. */
export function excerptOf(html: string, words = 14): string {
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent.trim().split(/\s+/);
  return text.length > words ? `${text.slice(0, words).join(' ')}…` : text.join(' ');
}

export function ProposeElementButton({
  slug,
  cited,
  describedBy,
}: {
  slug: string;
  cited: CitedItem;
  describedBy?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const formId = `propose-${cited.type}-${cited.id}`;
  return (
    <>
      <button
        ref={button}
        type="button"
        class="button-quiet button-small"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        aria-describedby={describedBy}
        onClick={() => setOpen(!open)}
      >
        {t('synthesis.propose.button')}
      </button>
      {open ? (
        <ProposeElementForm
          id={formId}
          slug={slug}
          cited={cited}
          onClose={() => {
            setOpen(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
        />
      ) : null}
    </>
  );
}

export function ProposeElementForm({
  id,
  slug,
  cited,
  onClose,
}: {
  id: string;
  slug: string;
  cited: CitedItem;
  onClose(): void;
}) {
  const { t, lang } = useI18n();
  const [places, setPlaces] = useState<Synthesis | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<StatementValues>({ statement: '', statementLang: lang, region: '', theme: '' });
  const { statement, statementLang, region, theme } = values;
  const change = (changes: Partial<StatementValues>) => setValues((current) => ({ ...current, ...changes }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // One key per proposal: kept across retries, renewed only once the proposal went through.
  const key = useRef(newIdempotencyKey());
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    api<Synthesis>(synthesisApi(slug), { signal: controller.signal }).then(
      (answer) => {
        setPlaces(answer);
        setValues((current) => ({
          ...current,
          region: current.region || (answer.regions[0]?.key ?? ''),
          theme: current.theme || (answer.themes[0]?.key ?? ''),
        }));
        requestAnimationFrame(() => textarea.current?.focus());
      },
      (failure: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorMessage(failure));
      },
    );
    return () => controller.abort();
  }, [slug]);

  const limit = places?.statementWordLimit ?? 0;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || !places) return;
    if (!statement.trim()) {
      setError(t('validation.required'));
      textarea.current?.focus();
      return;
    }
    if (overLimit(statement, limit)) {
      setError(t('synthesis.propose.tooLong', { max: limit }));
      textarea.current?.focus();
      return;
    }
    if (!region || !theme) {
      setError(t('synthesis.propose.placeRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api<ElementAnswer>(`${synthesisApi(slug)}/elements`, {
        method: 'POST',
        body: {
          statement: statement.trim(),
          lang: statementLang,
          region,
          theme,
          citations: [{ type: cited.type, id: cited.id }],
          idempotencyKey: key.current,
        },
      });
      key.current = newIdempotencyKey();
      setDone(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const headingId = `${id}-heading`;
  return (
    <section id={id} class="propose-element" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('synthesis.propose.title')}</h3>
      {done ? (
        <>
          <Notice kind="ok">
            <p role="status">{t('synthesis.propose.sent')}</p>
            <p>
              <a href={`${synthesisPath(slug)}#my-proposals`}>{t('synthesis.propose.seeMine')}</a>
            </p>
          </Notice>
          <p class="button-row">
            <button type="button" class="button-quiet" onClick={onClose}>
              {t('synthesis.propose.close')}
            </button>
          </p>
        </>
      ) : loadError ? (
        <LiveMessage message={loadError} />
      ) : !places ? (
        <p class="muted">{t('app.loading')}</p>
      ) : !places.may.propose ? (
        <>
          <Notice>
            <p>{t('synthesis.propose.notAllowed')}</p>
          </Notice>
          <p class="button-row">
            <button type="button" class="button-quiet" onClick={onClose}>
              {t('synthesis.propose.close')}
            </button>
          </p>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <p class="propose-cited">
            <span>{t('synthesis.propose.citing')}</span> <q lang={cited.label.lang}>{cited.label.value}</q>
          </p>
          <StatementFields
            id={id}
            textarea={textarea}
            values={values}
            onChange={change}
            wordLimit={limit}
            regions={places.regions}
            themes={places.themes}
            hint={t('synthesis.propose.statementHint')}
          />
          <LiveMessage message={error} />
          <p class="button-row">
            <button type="submit" disabled={busy}>
              {t('synthesis.propose.submit')}
            </button>
            <button type="button" class="button-quiet" onClick={onClose}>
              {t('composer.cancel')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
