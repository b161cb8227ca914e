// The translation queue of a forum, for its translators and organizers: the tasks the API
// lists (overdue first; for translators, only of weeks that have opened), filtered by status,
// language pair, week and kind; claiming, opening the editor, releasing and skipping;
// organizers also give a task to a translator. Loaded on first use (see lazy-page.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, ApiError, errorMessage } from '../api/client.ts';
import type { Forum } from '../forums/forum-types.ts';
import type {
  ClaimAnswer,
  ForumMember,
  ForumMembers,
  Queue,
  QueueStatus,
  TaskKind,
  TaskSummary,
} from '../translation/translation-types.ts';
import type { Lang } from '../i18n/languages.ts';
import { DateTime } from '../components/date-range.tsx';
import { LoadError, PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { translationHref } from '../components/translation-links.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useForum } from '../hooks/use-forum.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { canTranslate } from '../session/forum-info.ts';
import { useSession } from '../session/session-context.tsx';
import { readerTimeZone } from '../time/time-zone.ts';
import { taskItemHref } from '../translation/item-href.ts';
import { excerpt } from '../translation/text.ts';

const STATUSES: QueueStatus[] = ['open', 'mine', 'claimed', 'in_review', 'published'];
const KINDS: TaskKind[] = ['post', 'thread_title', 'case_study', 'policy_element', 'reading', 'week'];

interface Filters {
  status: QueueStatus;
  source: Lang | '';
  target: Lang | '';
  week: string;
  kind: TaskKind | '';
}

/** Filters given in the address (the dashboard links to a language pair's tasks). */
function filtersFrom(query: Record<string, string | undefined>, languages: readonly Lang[]): Filters {
  const lang = (value: string | undefined): Lang | '' =>
    (languages as readonly string[]).includes(value ?? '') ? (value as Lang) : '';
  return {
    status: STATUSES.includes(query.status as QueueStatus) ? (query.status as QueueStatus) : 'open',
    source: lang(query.source),
    target: lang(query.target),
    week: /^[1-9]\d?$/.test(query.week ?? '') ? query.week! : '',
    kind: KINDS.includes(query.kind as TaskKind) ? (query.kind as TaskKind) : '',
  };
}

function queuePath(slug: string, filters: Filters): string {
  const query = new URLSearchParams({ status: filters.status });
  if (filters.source) query.set('source', filters.source);
  if (filters.target) query.set('target', filters.target);
  if (filters.week) query.set('week', filters.week);
  if (filters.kind) query.set('kind', filters.kind);
  return `/api/forums/${encodeURIComponent(slug)}/translation-tasks?${query}`;
}

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: [string, string, string?][];
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map(([optionValue, text, lang]) => (
          <option key={optionValue} value={optionValue} lang={lang}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Translators work on weeks that have opened; organizers prepare the others too. */
function workableWeeks(forum: Forum) {
  return forum.myRoles.includes('organizer') ? forum.weeks : forum.weeks.filter((week) => week.canRead);
}

function QueueFilters({
  forum,
  filters,
  onChange,
}: {
  forum: Forum;
  filters: Filters;
  onChange(filters: Filters): void;
}) {
  const { t } = useI18n();
  const any: [string, string] = ['', t('translate.filters.any')];
  const langOptions = forum.languages.map((lang): [string, string] => [lang, t(`languageNames.${lang}`)]);
  return (
    <form
      class="queue-filters"
      role="search"
      aria-label={t('translate.filters.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <FilterSelect
        id="filter-status"
        label={t('translate.filters.status')}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status: status as QueueStatus })}
        options={STATUSES.map((status) => [status, t(`translate.status.${status}`)])}
      />
      <FilterSelect
        id="filter-source"
        label={t('translate.filters.source')}
        value={filters.source}
        onChange={(source) => onChange({ ...filters, source: source as Lang | '' })}
        options={[any, ...langOptions]}
      />
      <FilterSelect
        id="filter-target"
        label={t('translate.filters.target')}
        value={filters.target}
        onChange={(target) => onChange({ ...filters, target: target as Lang | '' })}
        options={[any, ...langOptions]}
      />
      <FilterSelect
        id="filter-week"
        label={t('translate.filters.week')}
        value={filters.week}
        onChange={(week) => onChange({ ...filters, week })}
        options={[
          any,
          ...workableWeeks(forum).map((week): [string, string] => [
            String(week.number),
            t('week.number', { number: week.number }),
          ]),
        ]}
      />
      <FilterSelect
        id="filter-kind"
        label={t('translate.filters.kind')}
        value={filters.kind}
        onChange={(kind) => onChange({ ...filters, kind: kind as TaskKind | '' })}
        options={[any, ...KINDS.map((kind): [string, string] => [kind, t(`translate.kind.${kind}`)])]}
      />
    </form>
  );
}

/** The forum's translators, and its organizers, who translate too. */
function translatorsOf(slug: string): Promise<ForumMember[]> {
  return api<ForumMembers>(`/api/forums/${encodeURIComponent(slug)}/members`).then(({ members }) =>
    members.filter((m) => m.roles.includes('translator') || m.roles.includes('organizer')),
  );
}

function ReassignForm({
  slug,
  task,
  onDone,
  onCancel,
}: {
  slug: string;
  task: TaskSummary;
  onDone(member: ForumMember): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [members, setMembers] = useState<ForumMember[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const id = `reassign-${task.id}`;

  useEffect(() => {
    let active = true;
    translatorsOf(slug).then(
      (list) => {
        if (!active) return;
        setMembers(list);
        setChosen(String(list.find((m) => m.id !== task.claimedBy?.id)?.id ?? ''));
        requestAnimationFrame(() => selectRef.current?.focus());
      },
      (failure: unknown) => {
        if (active) setError(errorMessage(failure));
      },
    );
    return () => {
      active = false;
    };
  }, [slug, task.id]);

  async function submit(event: Event) {
    event.preventDefault();
    const member = members?.find((m) => String(m.id) === chosen);
    if (!member) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/api/translation-tasks/${task.id}/reassign`, { method: 'POST', body: { userId: member.id } });
      onDone(member);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form class="reassign-form" aria-label={t('translate.reassignTitle')} onSubmit={(event) => void submit(event)}>
      {members === null && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {members && !members.length ? <p>{t('translate.noTranslators')}</p> : null}
      {members?.length ? (
        <div class="field field-inline">
          <label for={`${id}-member`}>{t('translate.reassignTo')}</label>
          <select
            ref={selectRef}
            id={`${id}-member`}
            value={chosen}
            disabled={busy}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            {members.map((m) => (
              <option key={m.id} value={String(m.id)}>
                {m.displayName} — {m.roles.includes('translator') ? t('roles.translator') : t('roles.organizer')}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <LiveMessage message={error} />
      <p class="button-row">
        {members?.length ? (
          <button type="submit" class="button-small" disabled={busy || !chosen}>
            {t('translate.reassignSubmit')}
          </button>
        ) : null}
        <button type="button" class="button-quiet button-small" disabled={busy} onClick={onCancel}>
          {t('composer.cancel')}
        </button>
      </p>
    </form>
  );
}

interface RowProps {
  slug: string;
  task: TaskSummary;
  organizer: boolean;
  timeZone: string;
  onChange(task: TaskSummary, message: string): void;
  onRemove(task: TaskSummary, message: string): void;
}

function TaskRow({ slug, task, organizer, timeZone, onChange, onRemove }: RowProps) {
  const { t } = useI18n();
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reassigning, setReassigning] = useState(false);
  const openRef = useRef<HTMLAnchorElement>(null);
  const reassignRef = useRef<HTMLButtonElement>(null);
  const [focusOpen, setFocusOpen] = useState(false);
  useEffect(() => {
    if (!focusOpen) return;
    setFocusOpen(false);
    openRef.current?.focus();
  }, [focusOpen]);

  const headingId = `task-${task.id}-heading`;
  const held = task.status === 'claimed' && task.claimedBy !== null;
  const mine = held && task.claimedBy?.id === me?.id;
  const editorHref = `${translationHref(slug, 'translate')}/${task.id}`;

  async function act(action: 'claim' | 'release' | 'skip') {
    setBusy(true);
    setError(null);
    try {
      if (action === 'claim') {
        const { claimExpiresAt } = await api<ClaimAnswer>(`/api/translation-tasks/${task.id}/claim`, {
          method: 'POST',
        });
        onChange(
          { ...task, status: 'claimed', claimedBy: { id: me!.id, displayName: me!.displayName }, claimExpiresAt },
          t('translate.claimed'),
        );
        setFocusOpen(true);
      } else if (action === 'release') {
        await api(`/api/translation-tasks/${task.id}/release`, { method: 'POST' });
        onChange({ ...task, status: 'open', claimedBy: null, claimExpiresAt: null }, t('translate.released'));
      } else {
        await api(`/api/translation-tasks/${task.id}/skip`, { method: 'POST' });
        onRemove(task, t('translate.skipped'));
      }
    } catch (failure) {
      // A claim lost to someone else: the server's message names who has it.
      setError(failure instanceof ApiError ? failure.message : errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const itemHref = taskItemHref(slug, task);

  return (
    <li class={task.overdue && task.status !== 'published' ? 'task task-overdue' : 'task'} aria-labelledby={headingId}>
      <h3 id={headingId} class="task-heading">
        <span class="badge">{t(`translate.kind.${task.kind}`)}</span>{' '}
        <span>
          {t('translate.pair', {
            from: t(`languageNames.${task.sourceLang}`),
            to: t(`languageNames.${task.targetLang}`),
          })}
        </span>
        {task.weekNumber !== null ? (
          <>
            {' '}
            · <span>{t('week.number', { number: task.weekNumber })}</span>
          </>
        ) : null}
      </h3>
      <p class="task-excerpt" lang={task.source.lang}>
        {excerpt(task.source.html) || '—'}
      </p>
      <p class="meta">
        <span>
          {t('translate.due')} <DateTime value={task.dueAt} timeZone={timeZone} style="dateTime" />
        </span>
        {task.overdue && task.status !== 'published' ? (
          <span class="badge badge-overdue">{t('translate.overdue')}</span>
        ) : null}
        <span class={`badge badge-task-${task.status}`}>{t(`translate.taskStatus.${task.status}`)}</span>
        {held && task.claimExpiresAt ? (
          <span>
            {mine ? t('translate.claimedByYou') : t('translate.claimedBy', { name: task.claimedBy!.displayName })}{' '}
            {t('translate.claimUntil')} <DateTime value={task.claimExpiresAt} timeZone={timeZone} style="weekTime" />
          </span>
        ) : null}
      </p>
      <div class="button-row task-actions" role="group" aria-label={t('translate.actions')}>
        {task.status === 'open' ? (
          <>
            <button
              type="button"
              class="button-small"
              disabled={busy}
              aria-describedby={headingId}
              onClick={() => void act('claim')}
            >
              {t('translate.claim')}
            </button>
            <button
              type="button"
              class="button-quiet button-small"
              disabled={busy}
              aria-describedby={headingId}
              onClick={() => void act('skip')}
            >
              {t('translate.skip')}
            </button>
          </>
        ) : null}
        {mine ? (
          <a ref={openRef} class="button button-small" href={editorHref} aria-describedby={headingId}>
            {t('translate.openEditor')}
          </a>
        ) : null}
        {task.status === 'in_review' ? (
          <a class="button button-small" href={editorHref} aria-describedby={headingId}>
            {t('translate.review')}
          </a>
        ) : null}
        {held && (mine || organizer) ? (
          <button
            type="button"
            class="button-quiet button-small"
            disabled={busy}
            aria-describedby={headingId}
            onClick={() => void act('release')}
          >
            {t('translate.release')}
          </button>
        ) : null}
        {organizer && (task.status === 'open' || task.status === 'claimed') ? (
          <button
            ref={reassignRef}
            type="button"
            class="button-quiet button-small"
            aria-expanded={reassigning}
            aria-describedby={headingId}
            onClick={() => setReassigning(!reassigning)}
          >
            {t('translate.reassign')}
          </button>
        ) : null}
        {itemHref ? (
          <a class="task-item-link" href={itemHref}>
            {t('translate.seeItem')}
          </a>
        ) : null}
      </div>
      {reassigning ? (
        <ReassignForm
          slug={slug}
          task={task}
          onCancel={() => {
            setReassigning(false);
            reassignRef.current?.focus();
          }}
          onDone={(member) => {
            setReassigning(false);
            onChange(
              { ...task, status: 'claimed', claimedBy: { id: member.id, displayName: member.displayName } },
              t('translate.reassigned', { name: member.displayName }),
            );
            requestAnimationFrame(() => reassignRef.current?.focus());
          }}
        />
      ) : null}
      <LiveMessage message={error} />
    </li>
  );
}

function Queue({ forum }: { forum: Forum }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { query, path, route } = useLocation();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(query, forum.languages));
  const [{ data, error }, update, retry, refresh] = useApi<Queue>(queuePath(forum.slug, filters));
  const outcome =
    query.outcome && ['published', 'in_review', 'released', 'approved', 'rejected'].includes(query.outcome)
      ? t(`translate.outcome.${query.outcome}`)
      : null;
  const [message, setMessage] = useState<string | null>(outcome);
  // Said once: a reload of the queue should not say it again.
  useEffect(() => {
    if (!query.outcome) return;
    const rest = new URLSearchParams(Object.entries(query).filter(([key]) => key !== 'outcome'));
    route(rest.size ? `${path}?${rest}` : path, true);
  }, []);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const organizer = forum.myRoles.includes('organizer');
  const timeZone = readerTimeZone(me);

  const replace = (task: TaskSummary, text: string) => {
    update((current) => ({ tasks: current.tasks.map((existing) => (existing.id === task.id ? task : existing)) }));
    setMessage(text);
  };
  const remove = (task: TaskSummary, text: string) => {
    update((current) => ({ tasks: current.tasks.filter((existing) => existing.id !== task.id) }));
    setMessage(text);
    resultsRef.current?.focus();
  };

  return (
    <>
      <QueueFilters
        forum={forum}
        filters={filters}
        onChange={(next) => {
          setMessage(null);
          setFilters(next);
        }}
      />
      <LiveMessage kind="ok" message={message} />
      <div class="queue-results-heading">
        <h2 id="queue-results" ref={resultsRef} tabIndex={-1}>
          {data ? t('translate.taskCount', { count: data.tasks.length }) : t('translate.tasks')}
        </h2>
        <button
          type="button"
          class="button-quiet button-small"
          onClick={() => {
            setMessage(null);
            void refresh();
          }}
        >
          {t('translate.refresh')}
        </button>
      </div>
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data && !data.tasks.length ? <p>{t('translate.empty')}</p> : null}
      {data?.tasks.length ? (
        <ul class="task-list" aria-labelledby="queue-results">
          {data.tasks.map((task) => (
            <TaskRow
              key={task.id}
              slug={forum.slug}
              task={task}
              organizer={organizer}
              timeZone={timeZone}
              onChange={replace}
              onRemove={remove}
            />
          ))}
        </ul>
      ) : null}
    </>
  );
}

export default function TranslateQueuePage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  const { forum, error, retry } = useForum(slug);

  if (!forum) return <PageNotLoaded error={error} retry={retry} />;
  const organizer = forum.myRoles.includes('organizer');
  return (
    <>
      <PageHeading text={t('translate.queueTitle')} />
      <p class="meta">
        <a href={forumHref} lang={forum.title.lang}>
          {forum.title.value}
        </a>
        {canTranslate(forum.myRoles) ? <a href={translationHref(slug, 'glossary')}>{t('glossary.link')}</a> : null}
        {organizer ? <a href={translationHref(slug, 'translation-dashboard')}>{t('dashboard.link')}</a> : null}
      </p>
      {!me ? (
        <SignInPrompt message={t('signInPrompt.message')} />
      ) : canTranslate(forum.myRoles) ? (
        <Queue forum={forum} />
      ) : (
        <Notice kind="warn">
          <p>{t('translate.notTranslator')}</p>
        </Notice>
      )}
    </>
  );
}
