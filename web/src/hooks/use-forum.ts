// A forum page's forum: loaded from the API and remembered for the pages that need its
// languages and the reader's roles in it without asking again.
import type { ForumAnswer } from '../forums/forum-types.ts';
import { rememberForum } from '../session/forum-info.ts';
import { useSession } from '../session/session-context.tsx';
import { useApi } from './use-api.ts';

export function useForum(slug: string) {
  const { me } = useSession();
  const [{ data, error }, update, retry] = useApi<ForumAnswer>(`/api/forums/${encodeURIComponent(slug)}`);
  const forum = data?.forum ?? null;
  if (forum) rememberForum(me?.id ?? null, forum);
  return { forum, error, retry, update };
}
