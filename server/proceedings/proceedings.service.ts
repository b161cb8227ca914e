// Proceedings for organizers and the public: asking for an edition (one generating per forum and
// language, whoever asks, on whichever instance), retrying a stopped one, publishing, and who may
// download what. A published edition is public while the forum keeps a public archive and has
// closed; its members read it too; organizers read every edition at any time.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, EditionFormat, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import { forumStatus } from '../forums/forum-calendar.ts';
import { assertOrganizer, forumAccessById, forumAccessBySlug, type ForumAccess } from '../forums/forum-access.ts';
import { currentTime } from '../time/clock.ts';
import { findCandidateThreads, findEditionThreads } from './content.queries.ts';
import { editionLabels } from './edition-labels.ts';
import {
  findActiveEdition,
  findEdition,
  lockEdition,
  findEditionByKey,
  findFile,
  findLatestPublished,
  insertEditionUnlessActive,
  listEditions,
  listFilesOf,
  listPublished,
  requeue,
  setPublished,
} from './editions.queries.ts';
import type { EditionView, ProceedingsView } from './proceedings.schemas.ts';

type EditionRow = NonNullable<Awaited<ReturnType<typeof findEdition>>>;
type FileRow = Awaited<ReturnType<typeof listFilesOf>>[number];

export const FILE_EXTENSIONS: Record<EditionFormat, string> = { html: 'html', pdf: 'pdf', csv: 'csv', json: 'json' };
export const MEDIA_TYPES: Record<EditionFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

/** The address the public reads a language's latest published edition at. */
export function publicPath(slug: string, lang: Lang, format: EditionFormat): string {
  return `/forums/${slug}/proceedings/${lang}${format === 'html' ? '' : `.${format}`}`;
}

function publicReadable(access: Pick<ForumAccess, 'forum'>, now: Date): boolean {
  return access.forum.public_archive && forumStatus(access.forum, now) === 'closed';
}

function view(edition: EditionRow, files: FileRow[], slug: string, publicNow: boolean, callerLang: Lang): EditionView {
  return {
    id: edition.id,
    lang: edition.lang,
    status: edition.status,
    progress: edition.progress,
    step: editionLabels(callerLang).step(edition.step || 'queued'),
    attempts: edition.attempts,
    lastError: edition.last_error,
    threadIds: edition.thread_ids,
    createdAt: edition.created_at.toISOString(),
    finishedAt: edition.finished_at?.toISOString() ?? null,
    publishedAt: edition.published_at?.toISOString() ?? null,
    files: files.map((f) => ({ format: f.format, sizeBytes: f.size_bytes })),
    publicUrl: edition.published_at && publicNow ? publicPath(slug, edition.lang, 'html') : null,
  };
}

async function viewOf(db: Kysely<DB>, access: ForumAccess, edition: EditionRow, callerLang: Lang, now: Date) {
  const files = await listFilesOf(db, [edition.id]);
  // Only the newest published edition of a language is the one at the stable address.
  const latest = edition.published_at ? await findLatestPublished(db, access.forum.id, edition.lang) : undefined;
  return view(edition, files, access.forum.slug, latest?.id === edition.id && publicReadable(access, now), callerLang);
}

export async function listProceedings(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  callerLang: Lang,
  now = currentTime(),
): Promise<ProceedingsView> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const [editions, candidates] = await Promise.all([
    listEditions(db, access.forum.id),
    findCandidateThreads(db, access.forum.id, now),
  ]);
  const files = await listFilesOf(
    db,
    editions.map((e) => e.id),
  );
  const latestPublished = new Map<Lang, number>();
  for (const e of editions)
    if (e.published_at && e.status === 'done') {
      const best = editions.find((x) => x.id === latestPublished.get(e.lang));
      if (!best || best.published_at! < e.published_at) latestPublished.set(e.lang, e.id);
    }
  const publicNow = publicReadable(access, now);
  return {
    editions: editions.map((e) =>
      view(
        e,
        files.filter((f) => f.edition_id === e.id),
        access.forum.slug,
        publicNow && latestPublished.get(e.lang) === e.id,
        callerLang,
      ),
    ),
    candidates: candidates.map((c) => ({
      id: c.id,
      title: { lang: c.original_lang, value: c.title },
      week: c.week_number,
      postCount: c.post_count,
      citedCount: Number(c.cited_count),
    })),
  };
}

export async function requestEdition(
  db: Kysely<DB>,
  slug: string,
  user: SessionUser,
  body: { lang: Lang; threadIds?: number[]; idempotencyKey: string },
  callerLang: Lang,
  now = currentTime(),
): Promise<EditionView> {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  if (!access.forum.languages.includes(body.lang)) throw new DomainError('unsupported_language');
  const threadIds = body.threadIds ? [...body.threadIds].sort((a, b) => a - b) : null;
  if (threadIds && threadIds.length > 0) {
    const found = await findEditionThreads(db, access.forum.id, threadIds, now);
    if (found.length !== threadIds.length) throw new DomainError('thread_not_in_forum');
  }
  // Two requests at once (two tabs, two instances): the insert that loses to the key or to the
  // one-active-per-language index inserts nothing, and both answer with the same edition.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const inserted = await insertEditionUnlessActive(db, {
      forumId: access.forum.id,
      lang: body.lang,
      threadIds,
      requestedBy: user.id,
      idempotencyKey: body.idempotencyKey,
      now,
    });
    if (inserted) return viewOf(db, access, inserted, callerLang, now);
    const same = await findEditionByKey(db, access.forum.id, body.idempotencyKey);
    if (same) {
      if (same.lang !== body.lang) throw new DomainError('idempotency_conflict');
      return viewOf(db, access, same, callerLang, now);
    }
    const active = await findActiveEdition(db, access.forum.id, body.lang);
    if (active) return viewOf(db, access, active, callerLang, now);
    // The active one finished between our insert and our read: try again.
  }
  throw new DomainError('edition_in_progress');
}

async function organizerEdition(db: Kysely<DB>, id: number, user: SessionUser) {
  const edition = await findEdition(db, id);
  if (!edition) throw new DomainError('not_found');
  const access = await forumAccessById(db, edition.forum_id, user);
  assertOrganizer(access);
  return { edition, access };
}

export async function retryEdition(
  db: Kysely<DB>,
  id: number,
  user: SessionUser,
  callerLang: Lang,
  now = currentTime(),
) {
  const { access } = await organizerEdition(db, id, user);
  const edition = await db.transaction().execute(async (trx) => {
    const row = await lockEdition(trx, id);
    if (row.status !== 'failed') throw new DomainError('edition_not_failed');
    if (await findActiveEdition(trx, row.forum_id, row.lang)) throw new DomainError('edition_in_progress');
    await requeue(trx, id, now);
    return (await findEdition(trx, id))!;
  });
  return viewOf(db, access, edition, callerLang, now);
}

export async function changePublication(
  db: Kysely<DB>,
  id: number,
  user: SessionUser,
  publish: boolean,
  callerLang: Lang,
  now = currentTime(),
) {
  const { access } = await organizerEdition(db, id, user);
  const edition = await db.transaction().execute(async (trx) => {
    const row = await lockEdition(trx, id);
    if (row.status !== 'done') throw new DomainError('edition_not_ready');
    // Publishing again keeps the first date: the stable address does not jump between editions.
    if (publish === (row.published_at !== null)) return row;
    await setPublished(trx, id, publish ? now : null);
    await writeAudit(trx, {
      forumId: row.forum_id,
      actorId: user.id,
      action: publish ? 'proceedings.published' : 'proceedings.unpublished',
      targetType: 'forum',
      targetId: row.forum_id,
    });
    return (await findEdition(trx, id))!;
  });
  return viewOf(db, access, edition, callerLang, now);
}

export interface EditionDownload {
  editionId: number;
  format: EditionFormat;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string;
  /** Anyone may keep a copy of a public edition; others revalidate since rights can change. */
  isPublic: boolean;
}

function downloadOf(access: ForumAccess, edition: EditionRow, file: FileRow, isPublic: boolean): EditionDownload {
  const labels = editionLabels(edition.lang);
  const title = access.forum.slug;
  const name = labels.t('fileName', { forum: title, language: labels.language(edition.lang) });
  return {
    editionId: edition.id,
    format: file.format,
    sha256: file.sha256,
    sizeBytes: file.size_bytes,
    mediaType: MEDIA_TYPES[file.format],
    fileName: `${name.replace(/[\\/:*?"<>|]/g, '-')}.${FILE_EXTENSIONS[file.format]}`,
    isPublic,
  };
}

async function forumTitle(db: Kysely<DB>, forumId: number, lang: Lang) {
  const rows = await db.selectFrom('forum_texts').select(['lang', 'title']).where('forum_id', '=', forumId).execute();
  return (rows.find((r) => r.lang === lang) ?? rows.find((r) => r.lang === 'en') ?? rows[0])?.title;
}

async function named(db: Kysely<DB>, access: ForumAccess, edition: EditionRow, download: EditionDownload) {
  const title = await forumTitle(db, access.forum.id, edition.lang);
  if (!title) return download;
  const labels = editionLabels(edition.lang);
  const name = labels.t('fileName', { forum: title, language: labels.language(edition.lang) });
  return { ...download, fileName: `${name.replace(/[\\/:*?"<>|]/g, '-')}.${FILE_EXTENSIONS[download.format]}` };
}

/** An edition's file for its organizers, its members once published, or anyone when public. */
export async function editionFile(
  db: Kysely<DB>,
  id: number,
  format: EditionFormat,
  user: SessionUser | null,
  now = currentTime(),
): Promise<EditionDownload> {
  const edition = await findEdition(db, id);
  if (!edition) throw new DomainError('not_found');
  const access = await forumAccessById(db, edition.forum_id, user);
  const isPublic = edition.published_at !== null && publicReadable(access, now);
  const mayRead = access.isOrganizer || (edition.published_at !== null && (access.isMember || isPublic));
  if (!mayRead) throw new DomainError(user ? 'forbidden' : 'sign_in_required');
  const file = edition.status === 'done' ? await findFile(db, id, format) : undefined;
  if (!file) throw new DomainError('edition_not_ready');
  return named(db, access, edition, downloadOf(access, edition, file, isPublic && !access.isOrganizer));
}

/** The latest published edition of a language at its stable address. */
export async function latestPublishedFile(
  db: Kysely<DB>,
  slug: string,
  lang: Lang,
  format: EditionFormat,
  user: SessionUser | null,
  now = currentTime(),
): Promise<EditionDownload> {
  const access = await forumAccessBySlug(db, slug, user);
  const edition = await findLatestPublished(db, access.forum.id, lang);
  if (!edition) throw new DomainError('not_found');
  return editionFile(db, edition.id, format, user, now);
}

export async function publishedEditions(db: Kysely<DB>, slug: string, user: SessionUser | null, now = currentTime()) {
  const access = await forumAccessBySlug(db, slug, user);
  if (!access.isOrganizer && !access.isMember && !publicReadable(access, now)) return [];
  const editions = await listPublished(db, access.forum.id);
  const latest = new Map<Lang, EditionRow>();
  for (const e of editions) if (!latest.has(e.lang)) latest.set(e.lang, e);
  const files = await listFilesOf(
    db,
    [...latest.values()].map((e) => e.id),
  );
  return [...latest.values()].map((e) => ({
    lang: e.lang,
    publishedAt: e.published_at!.toISOString(),
    files: files
      .filter((f) => f.edition_id === e.id)
      .map((f) => ({
        format: f.format,
        sizeBytes: f.size_bytes,
        url: publicPath(access.forum.slug, e.lang, f.format),
      })),
  }));
}
