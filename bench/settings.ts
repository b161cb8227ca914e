// What the benchmark measures and how hard it pushes, in one place, so the numbers in
// results.md can be traced back to the parameters that produced them.

/** Posts to seed: the 60,000, or fewer through BENCH_POSTS for a quicker run (results.md says which). */
const POSTS = Number(process.env.BENCH_POSTS ?? 60_000);
if (!Number.isInteger(POSTS) || POSTS < 1_000) throw new Error('BENCH_POSTS must be a whole number of at least 1000');

/** The forum: 2,000 members, 6 weeks, 600 threads, 60,000 posts. */
export const FORUM = {
  slug: 'bench-forum',
  timeZone: 'America/Toronto',
  members: 2_000,
  organizers: 10,
  weeks: 6,
  threadsPerWeek: 100,
  posts: POSTS,
  /** One thread far above a page, to show the page's query count does not grow with it. */
  bigThreadPosts: 600,
  /** One thread of about a page. */
  smallThreadPosts: 50,
} as const;

/** The week whose pages and live feed are measured. */
export const MEASURED_WEEK = 3;

export const HTTP_LOAD = {
  connections: 64,
  warmupSeconds: 2,
  durationSeconds: 10,
  /** Secondary loads (small thread, last page, week material) run shorter. */
  shortDurationSeconds: 5,
  /** Distinct signed-in members whose cookies the loads rotate through. */
  signedInMembers: 64,
  rssSampleMs: 200,
} as const;

export const WEBSOCKET_LOAD = {
  clients: 1_000,
  /** Sockets opened together; the next batch waits until these are subscribed. */
  batchSize: 100,
  /** Members whose cookies the sockets share (a cohort shares few devices per person, but many people). */
  distinctMembers: 200,
  posts: 20,
  postIntervalMs: 250,
  /** How long after the last post stragglers are still awaited. */
  settleMs: 5_000,
} as const;

export const BUDGETS = {
  threadPageP99Ms: 25,
  liveDeliveryP99Ms: 250,
  serverRssMb: 250,
  /** Gzipped JavaScript of the SPA's first load, in KB (1,024 bytes): design.md's budget. */
  spaFirstLoadKb: 45,
  /** A search costs at most this many thread pages (design.md): the thread page's req/s over the search's. */
  searchInThreadPages: 2,
} as const;

export const DEFAULT_DATABASE_URL = 'postgres://root@127.0.0.1:5432/tertulia_bench';
