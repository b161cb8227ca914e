// The shape of the benchmark forum, decided in memory before any SQL: which thread each post
// belongs to, when it was written, by whom, in which language and where it sits in the reply
// tree. Post ids follow writing time across the whole forum, as they would on a live site, so
// a thread's posts are spread over the table the way real ones are.
import type { Lang } from '../server/db/schema.ts';
import { FORUM } from './settings.ts';
import { intBetween, pick, type Random } from './random.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Replies rarely nest deeper than this in practice; the view draws anything past 3 at level 3. */
const MAX_DEPTH = 10;

export interface PlannedPost {
  id: number;
  threadIndex: number;
  parentId: number | null;
  path: number[];
  authorId: number;
  lang: Lang;
  /** Index into the body templates of `lang`. */
  bodyIndex: number;
  at: number;
}

export interface PlannedThread {
  index: number;
  weekNumber: number;
  posts: PlannedPost[];
  pinned: boolean;
}

export interface ForumPlan {
  threads: PlannedThread[];
  posts: PlannedPost[];
}

/** A third Spanish, a tenth French, the rest English. */
export function drawLang(random: Random): Lang {
  const r = random();
  if (r < 1 / 3) return 'es';
  if (r < 1 / 3 + 1 / 10) return 'fr';
  return 'en';
}

/** Index in the plan of the big and the small thread: the first two threads of the measured week. */
export function measuredThreadIndexes(measuredWeek: number): { big: number; small: number } {
  const first = (measuredWeek - 1) * FORUM.threadsPerWeek;
  return { big: first, small: first + 1 };
}

/** Posts per thread: the big and small threads fixed, the others varied (a few long, most short) and summing to the total. */
function threadSizes(random: Random, measuredWeek: number): number[] {
  const count = FORUM.weeks * FORUM.threadsPerWeek;
  const { big, small } = measuredThreadIndexes(measuredWeek);
  const rest = FORUM.posts - FORUM.bigThreadPosts - FORUM.smallThreadPosts;
  const raw = Array.from({ length: count }, () => 0.2 + random() ** 2);
  const rawSum = raw.reduce((sum, r, i) => (i === big || i === small ? sum : sum + r), 0);
  const sizes = raw.map((r) => Math.max(3, Math.round((r / rawSum) * rest)));
  sizes[big] = FORUM.bigThreadPosts;
  sizes[small] = FORUM.smallThreadPosts;
  let difference = rest - sizes.reduce((sum, n, i) => (i === big || i === small ? sum : sum + n), 0);
  while (difference !== 0) {
    const i = Math.floor(random() * count);
    if (i === big || i === small || (difference < 0 && sizes[i]! <= 3)) continue;
    sizes[i]! += Math.sign(difference);
    difference -= Math.sign(difference);
  }
  return sizes;
}

export function planForum(
  random: Random,
  options: {
    weekOpensAt: Date[];
    now: Date;
    authorIds: number[];
    bodiesPerLang: number;
    measuredWeek: number;
  },
): ForumPlan {
  const sizes = threadSizes(random, options.measuredWeek);
  const threads: PlannedThread[] = [];
  const posts: PlannedPost[] = [];
  const latest = options.now.getTime() - 60_000;
  for (const [index, size] of sizes.entries()) {
    const weekNumber = Math.floor(index / FORUM.threadsPerWeek) + 1;
    const opens = options.weekOpensAt[weekNumber - 1]!.getTime();
    // A week's threads start during the week and keep replies coming a few days after it.
    const end = Math.min(opens + 10 * DAY_MS, latest);
    const start = opens + random() * 0.5 * (end - opens);
    const times = Array.from({ length: size }, (_, k) => (k === 0 ? start : start + random() * (end - start))).sort(
      (a, b) => a - b,
    );
    const thread: PlannedThread = {
      index,
      weekNumber,
      posts: [],
      pinned: index % FORUM.threadsPerWeek === FORUM.threadsPerWeek - 1,
    };
    for (const at of times) {
      const lang = drawLang(random);
      const post: PlannedPost = {
        id: 0,
        threadIndex: index,
        parentId: null,
        path: [],
        authorId: pick(random, options.authorIds),
        lang,
        bodyIndex: intBetween(random, 0, options.bodiesPerLang - 1),
        at,
      };
      thread.posts.push(post);
      posts.push(post);
    }
    threads.push(thread);
  }
  // Ids in writing order across the forum.
  posts.sort((a, b) => a.at - b.at || a.threadIndex - b.threadIndex);
  posts.forEach((post, i) => {
    post.id = i + 1;
  });
  for (const thread of threads) {
    thread.posts.sort((a, b) => a.id - b.id);
    const [root, ...replies] = thread.posts;
    root!.path = [root!.id];
    replies.forEach((post, k) => {
      // About a third answer the opening post; the rest answer one of the latest replies.
      const earlier = thread.posts.slice(Math.max(0, k - 7), k + 1);
      let parent = random() < 0.35 ? root! : pick(random, earlier);
      if (parent.path.length >= MAX_DEPTH) parent = root!;
      post.parentId = parent.id;
      post.path = [...parent.path, post.id];
    });
  }
  return { threads, posts };
}
