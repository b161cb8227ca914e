// A user's in-app notifications: listed newest first and grouped ("3 new replies in …"),
// each linking to the exact post; marked read one group at a time or all at once.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { readerOf, withTitleTranslations, type TitleTranslation } from '../translation-policy/reader-view.ts';
import { countUnread, findNotifications, markAllRead, markRead, signalUnreadChanged } from './notifications.queries.ts';
import { currentTime } from '../time/clock.ts';

const POSTS_PER_PAGE = 50;
/** Kinds that gather per thread while they share a read state. */
const GROUPED = new Set(['post.replied', 'thread.posted', 'translation.ready', 'translation.own_published']);

export interface NotificationGroup {
  ids: number[];
  type: string;
  count: number;
  read: boolean;
  createdAt: string;
  href: string;
  actors: string[];
  forum: { slug: string; title: string } | null;
  week: { number: number; title: string } | null;
  thread: { id: number; title: { lang: Lang; value: string }; titleTranslation: TitleTranslation | null } | null;
  payload: Record<string, unknown>;
}

type Row = Awaited<ReturnType<typeof findNotifications>>[number];

function linkOf(row: Row): string {
  if (row.type === 'data_export.ready') return '/profile#my-data';
  if (row.type === 'translation.overdue' && row.forum_slug) return `/forums/${row.forum_slug}/translation-dashboard`;
  // The organizers' list of every question past the target, not one thread among several.
  if (row.type === 'question.overdue' && row.forum_slug) return `/forums/${row.forum_slug}/questions/overdue`;
  // The reporter's own reports say what became of each (the post itself may now be hidden from them).
  if (row.type === 'report.handled' && row.forum_slug) return `/forums/${row.forum_slug}/my-reports`;
  // A case study's own page (its text, then its thread), for its author or its readers.
  if (row.type.startsWith('case_study.') && row.forum_slug && row.payload.caseStudyId)
    return `/forums/${row.forum_slug}/case-studies/${Number(row.payload.caseStudyId)}`;
  // Decisions on a proposed policy element: the synthesis, where accepted ones stand.
  if (row.type.startsWith('policy_element.') && row.forum_slug) return `/forums/${row.forum_slug}/synthesis`;
  if (row.forum_slug && row.thread_id !== null) {
    const page = Math.floor(Number(row.posts_before ?? 0) / POSTS_PER_PAGE) + 1;
    const query = page > 1 ? `?page=${page}` : '';
    return `/forums/${row.forum_slug}/threads/${row.thread_id}${query}${row.post_id !== null ? `#post-${row.post_id}` : ''}`;
  }
  if (row.forum_slug && row.week_number !== null) return `/forums/${row.forum_slug}/weeks/${row.week_number}`;
  if (row.forum_slug) return `/forums/${row.forum_slug}`;
  return '/notifications';
}

export async function listNotifications(
  db: Kysely<DB>,
  user: SessionUser,
  lang: Lang,
  beforeId: number | null,
  limit: number,
) {
  const rows = await findNotifications(db, user.id, lang, beforeId, limit);
  const groups: NotificationGroup[] = [];
  const open = new Map<string, NotificationGroup>();
  for (const row of rows) {
    const read = row.read_at !== null;
    const key = GROUPED.has(row.type) && row.thread_id !== null ? `${row.type}:${row.thread_id}:${read}` : null;
    const existing = key ? open.get(key) : undefined;
    if (existing) {
      existing.ids.push(row.id);
      existing.count += 1;
      // Rows come newest first: the link moves to the earliest post of the group.
      existing.href = linkOf(row);
      if (row.actor_name && !existing.actors.includes(row.actor_name) && existing.actors.length < 3)
        existing.actors.push(row.actor_name);
      continue;
    }
    const group: NotificationGroup = {
      ids: [row.id],
      type: row.type,
      count: 1,
      read,
      createdAt: row.created_at.toISOString(),
      href: linkOf(row),
      actors: row.actor_name ? [row.actor_name] : [],
      forum: row.forum_slug ? { slug: row.forum_slug, title: row.forum_title ?? row.forum_slug } : null,
      week: row.week_number !== null ? { number: row.week_number, title: row.week_title ?? '' } : null,
      thread:
        row.thread_id !== null && row.thread_title !== null && row.thread_lang !== null
          ? { id: row.thread_id, title: { lang: row.thread_lang, value: row.thread_title }, titleTranslation: null }
          : null,
      payload: row.payload,
    };
    groups.push(group);
    if (key) open.set(key, group);
  }
  const threads = await withTitleTranslations(
    db,
    groups.flatMap((group) => (group.thread ? [group.thread] : [])),
    readerOf(user, lang),
  );
  const translated = new Map(threads.map((thread) => [thread.id, thread]));
  for (const group of groups) if (group.thread) group.thread = translated.get(group.thread.id) ?? group.thread;
  return {
    groups,
    unread: await countUnread(db, user.id),
    nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
  };
}

export async function readNotifications(db: Kysely<DB>, user: SessionUser, ids: number[] | 'all', now = currentTime()) {
  const changed = ids === 'all' ? await markAllRead(db, user.id, now) : await markRead(db, user.id, ids, now);
  // The user's other tabs and devices update their count too.
  if (changed > 0) await signalUnreadChanged(db, [user.id]);
  return { unread: await countUnread(db, user.id) };
}
