// Where a post goes in a page of a thread. Pages list posts in tree order (depth first, older
// siblings first), so a new post ends its parent's subtree.

import type { Post } from './discussion-types.ts';

export const POSTS_PER_PAGE = 50;

/**
 * The page's posts with `post` in place (replaced if already there), or null when this page
 * cannot tell where it goes: the page must then be read again.
 */
export function placePost(posts: Post[], post: Post, isLastPage: boolean): Post[] | null {
  if (posts.some((existing) => existing.id === post.id))
    return posts.map((existing) => (existing.id === post.id ? post : existing));
  const parentIndex = posts.findIndex((existing) => existing.id === post.parentId);
  if (parentIndex < 0) {
    // A reply to the thread's first post ends the whole thread, hence the last page.
    return post.displayDepth === 1 && isLastPage ? [...posts, post] : null;
  }
  const subtree = new Set([post.parentId]);
  let end = parentIndex + 1;
  while (end < posts.length && subtree.has(posts[end]!.parentId)) {
    subtree.add(posts[end]!.id);
    end++;
  }
  // The subtree may go on at the top of the next page.
  if (end === posts.length && !isLastPage) return null;
  return [...posts.slice(0, end), post, ...posts.slice(end)];
}

/** Replaces a post shown on the page; the same list when it is not there. */
export function replacePost(posts: Post[], post: Post): Post[] {
  return posts.map((existing) => (existing.id === post.id ? post : existing));
}
