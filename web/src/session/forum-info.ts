// The reader's roles in a forum and the forum's languages, for pages whose own answers do not
// carry them (a week: its translation queue link; a post: the languages to translate it into).
// Kept for the visit once read; the forum page hands over what it already has.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Forum, ForumAnswer, Role, WeekSummary } from '../forums/forum-types.ts';
import { useSession } from './session-context.tsx';

export type ForumInfo = Pick<Forum, 'myRoles' | 'languages'> & {
  /** The number of the forum's last week (where members are asked whether to stay in touch). */
  lastWeek: number;
  /** Each week's opening and whether this reader may read it, so a page asks for no week it may not read. */
  weeks: Pick<WeekSummary, 'number' | 'opensAt' | 'canRead'>[];
};

const known = new Map<string, ForumInfo>();
const loading = new Map<string, Promise<ForumInfo | null>>();

// A visitor's (signed out) view is kept under user 0.
const cacheKey = (userId: number | null, slug: string) => `${userId ?? 0}/${slug}`;

export function rememberForum(
  userId: number | null,
  forum: Pick<Forum, 'slug' | 'myRoles' | 'languages' | 'weeks'>,
): void {
  const lastWeek = Math.max(0, ...forum.weeks.map((week) => week.number));
  const weeks = forum.weeks.map((week) => ({ number: week.number, opensAt: week.opensAt, canRead: week.canRead }));
  known.set(cacheKey(userId, forum.slug), { myRoles: forum.myRoles, languages: forum.languages, lastWeek, weeks });
}

export function loadForumInfo(userId: number | null, slug: string): Promise<ForumInfo | null> {
  const key = cacheKey(userId, slug);
  const cached = known.get(key);
  if (cached) return Promise.resolve(cached);
  let pending = loading.get(key);
  if (!pending) {
    pending = api<ForumAnswer>(`/api/forums/${encodeURIComponent(slug)}`)
      .then(
        ({ forum }) => {
          rememberForum(userId, forum);
          return known.get(key)!;
        },
        () => null,
      )
      .finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

/** The signed-in reader's roles and the forum's languages; null while unknown or signed out. */
export function useForumInfo(slug: string, wanted = true): ForumInfo | null {
  const { me } = useSession();
  const userId = me?.id ?? null;
  const [info, setInfo] = useState<ForumInfo | null>(() =>
    userId === null ? null : (known.get(cacheKey(userId, slug)) ?? null),
  );
  useEffect(() => {
    if (userId === null || !wanted) {
      setInfo(null);
      return;
    }
    let active = true;
    void loadForumInfo(userId, slug).then((value) => {
      if (active) setInfo(value);
    });
    return () => {
      active = false;
    };
  }, [userId, slug, wanted]);
  return info;
}

export function canTranslate(roles: readonly Role[] | undefined): boolean {
  return roles !== undefined && (roles.includes('translator') || roles.includes('organizer'));
}
