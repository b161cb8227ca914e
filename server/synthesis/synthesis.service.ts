// The forum's synthesis: members propose policy elements from what they may read, organizers
// accept, edit, merge or decline them, members endorse accepted ones, and everyone who reads the
// forum's weeks sees the accepted ones as a region × theme matrix. Every write is one
// transaction with its translation tasks, audit entry, notifications and live event; decisions
// lock the element's row, so of two at once exactly one wins and the other is told.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { CitedItemType, DB, Lang, PolicyElementStatus, Week } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { appendEvent } from '../events/events.queries.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { notify } from '../notifications/notify.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import {
  assertMayReadWeek,
  assertOrganizer,
  forumAccessById,
  forumAccessBySlug,
  mayReadWeeks,
  type ForumAccess,
} from '../forums/forum-access.ts';
import { findWeek, findWeeksWithTitles } from '../forums/forums.queries.ts';
import { resolveEntry } from '../forums/forum-lists.service.ts';
import { findEntries, findEntryByKey, toChoice } from '../forums/forum-lists.queries.ts';
import type { Choice } from '../forums/forum-lists.schemas.ts';
import { queueTranslationTasks, withdrawTasks } from '../translation-policy/translation-tasks.queries.ts';
import { chooseForInterface } from '../translation-policy/text-choice.ts';
import { currentTime } from '../time/clock.ts';
import { elementViews, type ElementViewer } from './element-view.ts';
import { archiveAuthorsFor, archivedTranslation, translatorIdsOf } from '../consent/archive-authors.ts';
import {
  countWaiting,
  findByIdempotencyKey,
  findElement,
  findElements,
  findRevisions,
  insertCitations,
  insertElement,
  insertProposer,
  insertRevision,
  carryTranslations,
  lockElement,
  mergeInto,
  proposerIds,
  recountEndorsements,
  type ElementFilter,
  type ElementRow,
} from './synthesis.queries.ts';
import type { Element } from './synthesis.schemas.ts';

export interface Viewer {
  user: SessionUser | null;
  lang: Lang;
}

interface Places {
  regions: Map<number, Choice>;
  themes: Map<number, Choice>;
  regionRows: { id: number; key: string; archived: boolean }[];
  themeRows: { id: number; key: string; archived: boolean }[];
}

async function placesOf(db: Kysely<DB>, forumId: number): Promise<Places> {
  const [regions, themes] = await Promise.all([
    findEntries(db, 'forum_regions', forumId, { includeArchived: true }),
    findEntries(db, 'forum_themes', forumId, { includeArchived: true }),
  ]);
  const simple = (rows: typeof regions) =>
    rows.map((row) => ({ id: row.id, key: row.key, archived: row.archived_at !== null }));
  return {
    regions: new Map(regions.map((row) => [row.id, toChoice(row)])),
    themes: new Map(themes.map((row) => [row.id, toChoice(row)])),
    regionRows: simple(regions),
    themeRows: simple(themes),
  };
}

function forumOpen(access: ForumAccess, now: Date): boolean {
  return now < access.forum.ends_at;
}

function viewerOf(access: ForumAccess, viewer: Viewer, now: Date): ElementViewer {
  return {
    userId: viewer.user?.id ?? null,
    readingLangs: viewer.user?.readingLangs ?? null,
    lang: viewer.lang,
    isOrganizer: access.isOrganizer,
    isMember: access.isMember,
    forumOpen: forumOpen(access, now),
    now,
  };
}

function assertMayReadSynthesis(access: ForumAccess, now: Date): void {
  if (!mayReadWeeks(access, now)) throw new DomainError(access.user ? 'not_a_member' : 'sign_in_required');
}

/** Members propose and endorse until the forum ends; organizers keep curating after it. */
function assertMayContribute(access: ForumAccess, now: Date): void {
  if (!access.user) throw new DomainError('sign_in_required');
  if (access.isOrganizer) return;
  if (!access.isMember) throw new DomainError('not_a_member');
  if (!forumOpen(access, now)) throw new DomainError('forum_ended');
}

async function viewsOf(
  db: Kysely<DB>,
  rows: ElementRow[],
  access: ForumAccess,
  viewer: Viewer,
  now: Date,
  places?: Places,
): Promise<Element[]> {
  const known = places ?? (await placesOf(db, access.forum.id));
  const views = await elementViews(db, rows, known, viewerOf(access, viewer, now));
  const archive = await archiveAuthorsFor(
    db,
    access,
    [
      ...views.flatMap((view) => [...view.proposers.map((p) => p.id), ...view.citations.map((c) => c.author.id)]),
      ...translatorIdsOf(views),
    ],
    viewer.lang,
  );
  // As in the proceedings: the element stays; who chose not to appear, and their cited words, do not.
  if (!archive) return views;
  return views.map((view) => ({
    ...view,
    translation: archivedTranslation(view.translation, archive),
    proposers: view.proposers.map((p) => archive(p.id, p.displayName)).filter((p) => p.shown),
    citations: view.citations.flatMap((c) => {
      const author = archive(c.author.id, c.author.displayName);
      return author.shown ? [{ ...c, author: { id: author.id, displayName: author.displayName } }] : [];
    }),
  }));
}

async function oneView(db: Kysely<DB>, id: number, access: ForumAccess, viewer: Viewer, now: Date): Promise<Element> {
  const row = await findElement(db, id);
  if (!row) throw new DomainError('not_found');
  return (await viewsOf(db, [row], access, viewer, now))[0]!;
}

/** Places shown on the page: active entries, and archived ones still holding elements. */
function shownPlaces(rows: Places['regionRows'], map: Map<number, Choice>, used: Set<number>): Choice[] {
  return rows.filter((row) => !row.archived || used.has(row.id)).map((row) => map.get(row.id)!);
}

async function weekFilter(db: Kysely<DB>, forumId: number, number: number | undefined): Promise<number | undefined> {
  if (number === undefined) return undefined;
  const week = await findWeek(db, forumId, number);
  // A week the forum does not have filters to nothing rather than failing the page.
  return week?.id ?? -1;
}

export async function getSynthesis(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer,
  query: { week?: number; theme?: string },
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  assertMayReadSynthesis(access, now);
  const forumId = access.forum.id;
  const [places, weekId, themeRow, weekRows] = await Promise.all([
    placesOf(db, forumId),
    weekFilter(db, forumId, query.week),
    query.theme === undefined ? Promise.resolve(undefined) : findEntryByKey(db, 'forum_themes', forumId, query.theme),
    findWeeksWithTitles(db, forumId),
  ]);
  const filter: ElementFilter = {
    forumId,
    statuses: ['accepted'],
    weekId,
    themeId: query.theme === undefined ? undefined : (themeRow?.id ?? -1),
    openedBy: access.isOrganizer ? undefined : now,
  };
  const rows = await findElements(db, filter);
  const contributor = access.isOrganizer || (access.isMember && forumOpen(access, now));
  const waitingCount =
    access.isOrganizer || access.isMember
      ? await countWaiting(db, forumId, access.isOrganizer ? null : access.user!.id)
      : 0;
  const elements = await viewsOf(db, rows, access, viewer, now, places);
  const weeks = new Map<number, { number: number; texts: { lang: Lang; title: string }[] }>();
  for (const row of weekRows) {
    if (!access.isOrganizer && row.opens_at > now) continue;
    const week = weeks.get(row.number) ?? { number: row.number, texts: [] };
    week.texts.push({ lang: row.lang, title: row.title });
    weeks.set(row.number, week);
  }
  return {
    regions: shownPlaces(places.regionRows, places.regions, new Set(rows.map((row) => row.region_id))),
    themes: shownPlaces(places.themeRows, places.themes, new Set(rows.map((row) => row.theme_id))),
    weeks: [...weeks.values()].map((week) => {
      const text = chooseForInterface(week.texts, { lang: viewer.lang, readingLangs: [] })!;
      return { number: week.number, title: { lang: text.lang, value: text.title } };
    }),
    elements,
    waitingCount,
    statementWordLimit: access.forum.policy_element_word_limit,
    may: { propose: contributor, decide: access.isOrganizer },
  };
}

export async function compareRegions(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer,
  query: { a: string; b: string; week?: number },
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  assertMayReadSynthesis(access, now);
  const forumId = access.forum.id;
  const [places, weekId, a, b] = await Promise.all([
    placesOf(db, forumId),
    weekFilter(db, forumId, query.week),
    findEntryByKey(db, 'forum_regions', forumId, query.a),
    findEntryByKey(db, 'forum_regions', forumId, query.b),
  ]);
  if (!a) throw new DomainError('validation', { field: 'a' });
  if (!b) throw new DomainError('validation', { field: 'b' });
  const rows = await findElements(db, {
    forumId,
    statuses: ['accepted'],
    weekId,
    regionIds: [a.id, b.id],
    openedBy: access.isOrganizer ? undefined : now,
  });
  const elements = await viewsOf(db, rows, access, viewer, now, places);
  const byId = new Map(elements.map((element) => [element.id, element]));
  const themes = places.themeRows.filter((theme) => !theme.archived || rows.some((row) => row.theme_id === theme.id));
  const side = (themeId: number, regionId: number) =>
    rows.filter((row) => row.theme_id === themeId && row.region_id === regionId).map((row) => byId.get(row.id)!);
  return {
    a: toChoice(a),
    b: toChoice(b),
    rows: themes.map((theme) => ({
      theme: places.themes.get(theme.id)!,
      a: side(theme.id, a.id),
      b: side(theme.id, b.id),
    })),
  };
}

export async function listProposals(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer,
  status: PolicyElementStatus | undefined,
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  if (!access.user) throw new DomainError('sign_in_required');
  if (!access.isOrganizer && !access.isMember) throw new DomainError('not_a_member');
  const rows = await findElements(db, {
    forumId: access.forum.id,
    statuses: status === undefined ? undefined : [status],
    proposerId: access.isOrganizer ? undefined : access.user.id,
  });
  return { elements: await viewsOf(db, rows, access, viewer, now) };
}

interface CitationInput {
  type: CitedItemType;
  id: number;
}

/**
 * The week of each cited item, after checking the proposer may read it: a post not hidden, in a
 * thread of the forum whose week they may read (and not a prompt's answer held back from them),
 * or a published case study of the forum in such a week. Anything else is refused.
 */
async function citedWeeks(
  db: Kysely<DB>,
  access: ForumAccess,
  citations: CitationInput[],
  now: Date,
): Promise<{ type: CitedItemType; id: number; weekId: number }[]> {
  const out: { type: CitedItemType; id: number; weekId: number }[] = [];
  const seen = new Set<string>();
  for (const citation of citations) {
    const key = `${citation.type}:${citation.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (citation.type === 'post') {
      const post = await db
        .selectFrom('posts')
        .innerJoin('threads', 'threads.id', 'posts.thread_id')
        .innerJoin('weeks', 'weeks.id', 'threads.week_id')
        .select([
          'posts.id',
          'posts.parent_id',
          'posts.author_id',
          'posts.hidden_at',
          'threads.id as thread_id',
          'threads.forum_id',
          'threads.requires_own_answer',
          'weeks.id as week_id',
          'weeks.number',
          'weeks.opens_at',
          'weeks.closes_at',
        ])
        .where('posts.id', '=', citation.id)
        .executeTakeFirst();
      if (!post || post.forum_id !== access.forum.id) throw new DomainError('not_found');
      assertMayReadWeek(
        access,
        { number: post.number, opens_at: post.opens_at, closes_at: post.closes_at } as Week,
        now,
      );
      if (post.hidden_at) throw new DomainError('source_hidden');
      if (
        post.requires_own_answer &&
        !access.isOrganizer &&
        post.parent_id !== null &&
        post.author_id !== access.user!.id
      ) {
        const answered = await db
          .selectFrom('posts')
          .select('id')
          .where('thread_id', '=', post.thread_id)
          .where('author_id', '=', access.user!.id)
          .executeTakeFirst();
        if (!answered) throw new DomainError('answer_first');
      }
      out.push({ type: 'post', id: post.id, weekId: post.week_id });
    } else {
      const study = await db
        .selectFrom('case_studies')
        .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
        .select([
          'case_studies.id',
          'case_studies.forum_id',
          'case_studies.status',
          'weeks.id as week_id',
          'weeks.number',
          'weeks.opens_at',
          'weeks.closes_at',
        ])
        .where('case_studies.id', '=', citation.id)
        .executeTakeFirst();
      // Before publication a case study does not exist for anyone citing it.
      if (!study || study.forum_id !== access.forum.id || study.status !== 'published')
        throw new DomainError('not_found');
      assertMayReadWeek(
        access,
        { number: study.number, opens_at: study.opens_at, closes_at: study.closes_at } as Week,
        now,
      );
      out.push({ type: 'case_study', id: study.id, weekId: study.week_id });
    }
  }
  return out;
}

function checkStatement(access: ForumAccess, statement: string, lang: Lang): { bodyMd: string; words: number } {
  const bodyMd = statement.trim();
  const words = countWords(bodyMd);
  if (!bodyMd || words === 0) throw new DomainError('validation', { field: 'statement' });
  const max = access.forum.policy_element_word_limit;
  if (words > max) throw new DomainError('too_many_words', { field: 'statement', count: words, max });
  if (!access.forum.languages.includes(lang)) throw new DomainError('unsupported_language');
  return { bodyMd, words };
}

function synthesisEvent(trx: Transaction<DB>, forumId: number, elementId: number, status: PolicyElementStatus) {
  // A forum-level event: followed by the synthesis page, not by any week or thread.
  return appendEvent(trx, {
    forumId,
    weekId: null,
    threadId: null,
    type: 'synthesis.changed',
    payload: { elementId, status },
  });
}

type Decision = 'accepted' | 'declined' | 'merged';

/** What every decision leaves behind, in its transaction: the audit line, the proposers' notice, the live event. */
async function announceDecision(
  trx: Transaction<DB>,
  access: ForumAccess,
  actorId: number,
  id: number,
  decision: Decision,
  details: { proposers: number[]; payload: Record<string, unknown>; reason?: string },
  now: Date,
): Promise<void> {
  await writeAudit(trx, {
    forumId: access.forum.id,
    actorId,
    action: `policy_element.${decision}`,
    targetType: 'policy_element',
    targetId: id,
    ...(details.reason === undefined ? {} : { reason: details.reason }),
  });
  await notify(
    trx,
    {
      type: `policy_element.${decision}`,
      userIds: details.proposers,
      forumId: access.forum.id,
      actorId,
      payload: { elementId: id, ...details.payload },
    },
    now,
  );
  await synthesisEvent(trx, access.forum.id, id, decision);
}

export interface NewElementInput {
  statement: string;
  lang: Lang;
  region: string;
  theme: string;
  citations: CitationInput[];
  idempotencyKey: string;
}

export async function proposeElement(
  db: Kysely<DB>,
  slug: string,
  viewer: Viewer & { user: SessionUser },
  input: NewElementInput,
  now = currentTime(),
): Promise<{ element: Element; created: boolean }> {
  const user = viewer.user;
  const access = await forumAccessBySlug(db, slug, user);
  const replay = async () => {
    const existing = await findByIdempotencyKey(db, user.id, input.idempotencyKey);
    if (!existing) return undefined;
    if (existing.forum_id !== access.forum.id || existing.body_md !== input.statement.trim())
      throw new DomainError('idempotency_conflict');
    return { element: await oneView(db, existing.id, access, viewer, now), created: false };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  assertMayContribute(access, now);
  const { bodyMd, words } = checkStatement(access, input.statement, input.lang);
  const regionId = await resolveEntry(db, 'regions', access.forum.id, input.region, 'region');
  const themeId = await resolveEntry(db, 'themes', access.forum.id, input.theme, 'theme');
  const citations = await citedWeeks(db, access, input.citations, now);
  const bodyHtml = await renderMarkdown(bodyMd, { field: 'statement', authorId: user.id });
  const id = await db.transaction().execute(async (trx) => {
    const weekId = citations[0]!.weekId;
    const id = await insertElement(trx, {
      forumId: access.forum.id,
      regionId,
      themeId,
      lang: input.lang,
      bodyMd,
      bodyHtml,
      wordCount: words,
      proposedBy: user.id,
      idempotencyKey: input.idempotencyKey,
      weekId,
    });
    // The same key sent twice at once: the other request made it.
    if (id === undefined) return undefined;
    await insertRevision(trx, {
      elementId: id,
      revision: 1,
      lang: input.lang,
      bodyMd,
      bodyHtml,
      regionId,
      themeId,
      editorId: user.id,
    });
    await insertProposer(trx, id, user.id);
    await insertCitations(trx, id, user.id, citations);
    await queueTranslationTasks(trx, {
      forumId: access.forum.id,
      weekId,
      itemType: 'policy_element',
      itemId: id,
      sourceLang: input.lang,
      sourceRevision: 1,
    });
    return id;
  });
  if (id === undefined) return (await replay())!;
  return { element: await oneView(db, id, access, viewer, now), created: true };
}

/** The element, its forum and the caller's rights there; refuses what the caller may not see. */
async function elementAccess(db: Kysely<DB>, id: number, user: SessionUser | null) {
  const row = await findElement(db, id);
  if (!row) throw new DomainError('not_found');
  const access = await forumAccessById(db, row.forum_id, user);
  return { row, access };
}

async function assertMaySee(db: Kysely<DB>, row: ElementRow, access: ForumAccess, now: Date): Promise<void> {
  if (access.isOrganizer) return;
  assertMayReadSynthesis(access, now);
  if (row.status === 'accepted' || row.status === 'merged') return;
  // Proposals and declined ones are their proposers' and the organizers' business.
  if (!access.user || !(await proposerIds(db, row.id)).includes(access.user.id)) throw new DomainError('not_found');
}

export interface ElementEdit {
  revision: number;
  statement?: string;
  lang?: Lang;
  region?: string;
  theme?: string;
}

export async function editElement(
  db: Kysely<DB>,
  id: number,
  viewer: Viewer & { user: SessionUser },
  edit: ElementEdit,
  now = currentTime(),
): Promise<Element> {
  const user = viewer.user;
  const { row, access } = await elementAccess(db, id, user);
  await assertMaySee(db, row, access, now);
  if (!access.isOrganizer) {
    if (!(await proposerIds(db, id)).includes(user.id)) throw new DomainError('forbidden');
    if (row.status !== 'proposed') throw new DomainError('element_decided');
    assertMayContribute(access, now);
  }
  const lang = edit.lang ?? row.original_lang;
  const { bodyMd, words } = checkStatement(access, edit.statement ?? row.body_md, lang);
  // An archived place the element already has may stay; nobody moves an element to one.
  const regionId =
    edit.region === undefined
      ? row.region_id
      : await resolveEntry(db, 'regions', access.forum.id, edit.region, 'region', row.region_id);
  const themeId =
    edit.theme === undefined
      ? row.theme_id
      : await resolveEntry(db, 'themes', access.forum.id, edit.theme, 'theme', row.theme_id);
  const bodyHtml =
    edit.statement === undefined
      ? row.body_html
      : await renderMarkdown(bodyMd, { field: 'statement', authorId: user.id });
  await db.transaction().execute(async (trx) => {
    const locked = await lockElement(trx, id);
    if (!locked) throw new DomainError('not_found');
    if (locked.status !== 'proposed' && locked.status !== 'accepted') throw new DomainError('element_decided');
    if (!access.isOrganizer && locked.status !== 'proposed') throw new DomainError('element_decided');
    if (locked.revision !== edit.revision) throw new DomainError('element_changed');
    const revision = locked.revision + 1;
    const textChanged = bodyMd !== row.body_md || lang !== row.original_lang;
    await trx
      .updateTable('policy_elements')
      .set({
        body_md: bodyMd,
        body_html: bodyHtml,
        original_lang: lang,
        word_count: words,
        region_id: regionId,
        theme_id: themeId,
        revision,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await insertRevision(trx, {
      elementId: id,
      revision,
      lang,
      bodyMd,
      bodyHtml,
      regionId,
      themeId,
      editorId: user.id,
    });
    // Published translations now translate an earlier revision (shown outdated); a new task starts from them.
    if (textChanged)
      await queueTranslationTasks(trx, {
        forumId: access.forum.id,
        weekId: row.week_id,
        itemType: 'policy_element',
        itemId: id,
        sourceLang: lang,
        sourceRevision: revision,
      });
    // Moved to another region or theme, same words: what translated the last revision translates this one.
    else await carryTranslations(trx, id, locked.revision, revision);
    if (access.isOrganizer)
      await writeAudit(trx, {
        forumId: access.forum.id,
        actorId: user.id,
        action: 'policy_element.edited',
        targetType: 'policy_element',
        targetId: id,
      });
    await synthesisEvent(trx, access.forum.id, id, locked.status);
  });
  return oneView(db, id, access, viewer, now);
}

async function decide(
  db: Kysely<DB>,
  id: number,
  viewer: Viewer & { user: SessionUser },
  now: Date,
  apply: (trx: Transaction<DB>, access: ForumAccess) => Promise<number>,
): Promise<Element> {
  const { access } = await elementAccess(db, id, viewer.user);
  assertOrganizer(access);
  const shown = await db.transaction().execute((trx) => apply(trx, access));
  return oneView(db, shown, access, viewer, now);
}

export function acceptElement(db: Kysely<DB>, id: number, viewer: Viewer & { user: SessionUser }, now = currentTime()) {
  return decide(db, id, viewer, now, async (trx, access) => {
    const locked = await lockElement(trx, id);
    if (!locked) throw new DomainError('not_found');
    if (locked.status !== 'proposed') throw new DomainError('element_decided');
    await trx
      .updateTable('policy_elements')
      .set({ status: 'accepted', decided_by: viewer.user.id, decided_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    const proposers = await proposerIds(trx, id);
    await announceDecision(trx, access, viewer.user.id, id, 'accepted', { proposers, payload: {} }, now);
    return id;
  });
}

export function declineElement(
  db: Kysely<DB>,
  id: number,
  viewer: Viewer & { user: SessionUser },
  reason: string,
  now = currentTime(),
) {
  const clean = reason.trim();
  if (!clean) throw new DomainError('validation', { field: 'reason' });
  return decide(db, id, viewer, now, async (trx, access) => {
    const locked = await lockElement(trx, id);
    if (!locked) throw new DomainError('not_found');
    if (locked.status !== 'proposed') throw new DomainError('element_decided');
    await trx
      .updateTable('policy_elements')
      .set({ status: 'declined', decline_reason: clean, decided_by: viewer.user.id, decided_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await withdrawTasks(trx, 'policy_element', [id], viewer.user.id);
    const proposers = await proposerIds(trx, id);
    const details = { proposers, payload: { reason: clean }, reason: clean };
    await announceDecision(trx, access, viewer.user.id, id, 'declined', details, now);
    return id;
  });
}

/**
 * A declined element back among the proposals, for a decline made in error or a proposal worth
 * another look: its reason goes, its translation tasks come back, the log says who reopened it.
 */
export function reopenElement(db: Kysely<DB>, id: number, viewer: Viewer & { user: SessionUser }, now = currentTime()) {
  return decide(db, id, viewer, now, async (trx, access) => {
    const locked = await lockElement(trx, id);
    if (!locked) throw new DomainError('not_found');
    if (locked.status !== 'declined') throw new DomainError('element_not_declined');
    await trx
      .updateTable('policy_elements')
      .set({ status: 'proposed', decline_reason: null, decided_by: null, decided_at: null, updated_at: now })
      .where('id', '=', id)
      .execute();
    await queueTranslationTasks(trx, {
      forumId: access.forum.id,
      weekId: locked.week_id,
      itemType: 'policy_element',
      itemId: id,
      sourceLang: locked.original_lang,
      sourceRevision: locked.revision,
    });
    await writeAudit(trx, {
      forumId: access.forum.id,
      actorId: viewer.user.id,
      action: 'policy_element.reopened',
      targetType: 'policy_element',
      targetId: id,
    });
    await synthesisEvent(trx, access.forum.id, id, 'proposed');
    return id;
  });
}

export function mergeElement(
  db: Kysely<DB>,
  id: number,
  viewer: Viewer & { user: SessionUser },
  into: number,
  now = currentTime(),
) {
  return decide(db, id, viewer, now, async (trx, access) => {
    if (into === id) throw new DomainError('merge_target_invalid');
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const [first, second] = id < into ? [id, into] : [into, id];
    const lockedFirst = await lockElement(trx, first);
    const lockedSecond = await lockElement(trx, second);
    const source = first === id ? lockedFirst : lockedSecond;
    const target = first === id ? lockedSecond : lockedFirst;
    if (!source) throw new DomainError('not_found');
    if (source.status !== 'proposed' && source.status !== 'accepted') throw new DomainError('element_decided');
    if (
      !target ||
      target.forum_id !== source.forum_id ||
      (target.status !== 'proposed' && target.status !== 'accepted')
    )
      throw new DomainError('merge_target_invalid');
    const sourceProposers = await proposerIds(trx, id);
    await trx
      .updateTable('policy_elements')
      .set({ status: 'merged', merged_into: into, decided_by: viewer.user.id, decided_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await mergeInto(trx, id, into);
    await trx.updateTable('policy_elements').set({ updated_at: now }).where('id', '=', into).execute();
    await withdrawTasks(trx, 'policy_element', [id], viewer.user.id);
    // The log names the element it went into by its words: element ids are shown to nobody.
    const reason = `→ “${excerpt(target.body_md)}”`;
    const details = { proposers: sourceProposers, payload: { into }, reason };
    await announceDecision(trx, access, viewer.user.id, id, 'merged', details, now);
    await synthesisEvent(trx, access.forum.id, into, target.status);
    return into;
  });
}

export async function setEndorsement(
  db: Kysely<DB>,
  id: number,
  user: SessionUser,
  endorse: boolean,
  now = currentTime(),
): Promise<{ endorsementCount: number; endorsedByMe: boolean }> {
  const { access } = await elementAccess(db, id, user);
  // Members only: every member may know whether an element is open to endorsement.
  assertMayContribute(access, now);
  return db.transaction().execute(async (trx) => {
    // The row lock orders endorsements with merges, so the count is always the rows' count.
    const locked = await lockElement(trx, id);
    if (!locked || locked.status !== 'accepted') throw new DomainError('element_not_accepted');
    const changed = endorse
      ? (
          await trx
            .insertInto('policy_element_endorsements')
            .values({ element_id: id, user_id: user.id })
            .onConflict((oc) => oc.doNothing())
            .returning('user_id')
            .execute()
        ).length > 0
      : Number(
          (
            await trx
              .deleteFrom('policy_element_endorsements')
              .where('element_id', '=', id)
              .where('user_id', '=', user.id)
              .executeTakeFirst()
          ).numDeletedRows,
        ) > 0;
    const endorsementCount = await recountEndorsements(trx, id);
    if (changed) await synthesisEvent(trx, access.forum.id, id, 'accepted');
    return { endorsementCount, endorsedByMe: endorse };
  });
}

export async function listElementRevisions(db: Kysely<DB>, id: number, viewer: Viewer, now = currentTime()) {
  const { row, access } = await elementAccess(db, id, viewer.user);
  await assertMaySee(db, row, access, now);
  const [places, revisions] = await Promise.all([placesOf(db, access.forum.id), findRevisions(db, id)]);
  return {
    revisions: revisions.map((revision) => ({
      revision: revision.revision,
      lang: revision.original_lang,
      html: revision.body_html,
      region: places.regions.get(revision.region_id)!,
      theme: places.themes.get(revision.theme_id)!,
      editor: { id: revision.editor_id, displayName: revision.editor_name },
      createdAt: revision.created_at.toISOString(),
    })),
  };
}

const EXCERPT_CHARS = 120;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1)}…`;
}
