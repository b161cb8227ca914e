// The results: a table on the console and the same as Markdown in bench/results.md, with the
// machine, the forum that was seeded and a verdict on each budget of design.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './http-load.ts';
import type { Machine } from './machine.ts';
import type { SeededForum } from './seed.ts';
import { BUDGETS, FORUM, HTTP_LOAD, WEBSOCKET_LOAD } from './settings.ts';
import type { LiveLoadResult } from './websocket-load.ts';
import type { SpaLoadResult } from './spa-load.ts';
import type { SearchBench } from './search.ts';

export interface BenchResults {
  startedAt: Date;
  seconds: number;
  machine: Machine;
  forum: SeededForum;
  /** The server's RSS once started, before any request. */
  idleRssMb: number;
  bare: LoadResult;
  /** The bare instance doing only the session lookup, and sending a stored copy of the page: what the machine allows. */
  floors: LoadResult[];
  stored: StoredPage;
  /** Loads of the thread page: the first is the headline one (page 1 of the big thread). */
  threadPages: LoadResult[];
  others: LoadResult[];
  search: SearchBench;
  /** Statements of one thread page request, by thread. */
  threadPageQueries: { label: string; count: number }[];
  threadPageStatements: string[];
  /** Statements of one reply, its live-update dispatch included. */
  replyStatements: string[];
  live: LiveLoadResult;
  spa: SpaLoadResult;
}

/** Sizes of the thread page the floor row sends, as JSON and compressed as the app compresses it. */
export interface StoredPage {
  bytes: number;
  brBytes: number;
  gzipBytes: number;
}

interface Verdict {
  budget: string;
  measured: string;
  met: boolean | null;
}

function verdicts(r: BenchResults): Verdict[] {
  const counts = r.threadPageQueries.map((q) => q.count);
  const fixed = counts.every((count) => count === counts[0]);
  // Paced loads are context, not the budget's condition (64 connections sending as fast as answered).
  const saturated = r.threadPages.filter((load) => !load.paced);
  const worstPage = saturated.reduce((worst, load) => (load.p99Ms > worst.p99Ms ? load : worst));
  const pagesClean = saturated.every((load) => load.non2xx === 0 && load.errors === 0);
  const headline = r.threadPages[0]!;
  const allLoads = [r.bare, ...r.floors, ...r.threadPages, ...r.others, ...r.search.loads.map((s) => s.load)];
  const maxRss = Math.max(...allLoads.map((load) => load.maxRssMb), r.live.maxRssMb);
  return [
    {
      budget: "Thread page: fixed number of SQL queries whatever the thread's size",
      measured: r.threadPageQueries.map((q) => `${q.count} (${q.label})`).join(', '),
      met: fixed,
    },
    {
      budget: `Thread page p99 ≤ ${BUDGETS.threadPageP99Ms} ms at ${HTTP_LOAD.connections} connections`,
      measured: `worst ${worstPage.p99Ms} ms (${worstPage.name})${pagesClean ? '' : ', with failed requests'}`,
      met: worstPage.p99Ms <= BUDGETS.threadPageP99Ms && pagesClean,
    },
    {
      budget: 'Thread page throughput as a ratio to bare Fastify (reported, no threshold)',
      measured: `${ratio(headline, r.bare)} (${Math.round(headline.requestsPerSecond)} / ${Math.round(r.bare.requestsPerSecond)} req/s)`,
      met: null,
    },
    {
      budget: `New post reaches ${WEBSOCKET_LOAD.clients} sockets with p99 ≤ ${BUDGETS.liveDeliveryP99Ms} ms`,
      measured: `p99 ${r.live.p99Ms.toFixed(1)} ms, ${r.live.delivered}/${r.live.expected} delivered`,
      met: r.live.p99Ms <= BUDGETS.liveDeliveryP99Ms && r.live.delivered === r.live.expected,
    },
    ...r.search.loads.map((s) => ({
      budget: `Search (${s.label}) costs ≤ ${BUDGETS.searchInThreadPages} thread pages`,
      measured: `${inThreadPages(s.load, headline)} thread pages (${Math.round(s.load.requestsPerSecond)} vs ${Math.round(headline.requestsPerSecond)} req/s; p99 ${s.load.p99Ms} vs ${headline.p99Ms} ms)`,
      met: headline.requestsPerSecond / s.load.requestsPerSecond <= BUDGETS.searchInThreadPages && s.load.non2xx === 0,
    })),
    {
      budget: 'Search statement uses the GIN indexes (EXPLAIN ANALYZE)',
      measured: r.search.plans
        .map((p) => `${p.label}: ${p.usesIndex ? 'Bitmap Index Scan on posts_search_idx' : 'no index scan'}`)
        .join('; '),
      met: r.search.plans.every((p) => p.usesIndex),
    },
    spaVerdict(r.spa),
    {
      budget: `Server memory ≤ ${BUDGETS.serverRssMb} MB RSS under that load`,
      measured: `max ${maxRss.toFixed(0)} MB over the run; thread page load ${headline.maxRssMb.toFixed(0)} MB, ${r.live.clients} sockets ${r.live.maxRssMb.toFixed(0)} MB, idle ${r.idleRssMb.toFixed(0)} MB`,
      met: maxRss <= BUDGETS.serverRssMb,
    },
  ];
}

function spaVerdict(spa: SpaLoadResult): Verdict {
  const budget = `SPA first load ≤ ${BUDGETS.spaFirstLoadKb} KB of gzipped JavaScript`;
  if ('skipped' in spa) return { budget, measured: `not measured: ${spa.skipped}`, met: null };
  const worst = spa.measured.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
  return {
    budget,
    measured: `worst ${kb(worst.gzipBytes)} KB (${worst.page}, ${worst.files} files)`,
    met: worst.gzipBytes <= BUDGETS.spaFirstLoadKb * 1024,
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const SPA_HEADER = ['SPA first load', 'JS files', 'gzipped KB'];

function spaRows(spa: SpaLoadResult): string[][] {
  return 'skipped' in spa ? [] : spa.measured.map((load) => [load.page, load.files.toString(), kb(load.gzipBytes)]);
}

/** How many thread pages one search costs, by throughput in the same run. */
function inThreadPages(search: LoadResult, threadPage: LoadResult): string {
  return (threadPage.requestsPerSecond / search.requestsPerSecond).toFixed(2);
}

const SEARCH_HEADER = [
  'Search',
  'hits (page 1)',
  'alone ms',
  'req/s',
  'p50 ms',
  'p99 ms',
  'SQL/req',
  'CPU ms/req',
  'failed',
  'thread pages',
];

function searchRows(r: BenchResults): string[][] {
  const headline = r.threadPages[0]!;
  return r.search.loads.map((s) => [
    `${s.label}: ${s.q}`,
    s.hits.toString(),
    s.aloneMs.toString(),
    Math.round(s.load.requestsPerSecond).toString(),
    s.load.p50Ms.toString(),
    s.load.p99Ms.toString(),
    s.statements.toString(),
    s.load.cpuMsPerRequest.toFixed(2),
    (s.load.non2xx + s.load.errors).toString(),
    inThreadPages(s.load, headline),
  ]);
}

function ratio(load: LoadResult, bare: LoadResult): string {
  return `${(load.requestsPerSecond / bare.requestsPerSecond).toFixed(3)}×`;
}

function httpRows(r: BenchResults): string[][] {
  return [r.bare, ...r.floors, ...r.threadPages, ...r.others].map((load) => [
    load.name,
    Math.round(load.requestsPerSecond).toString(),
    load.paced ? '—' : ratio(load, r.bare),
    load.p50Ms.toString(),
    load.p99Ms.toString(),
    load.queriesPerRequest.toFixed(1),
    load.cpuMsPerRequest.toFixed(2),
    load.maxRssMb.toFixed(0),
    (load.non2xx + load.errors).toString(),
  ]);
}

const HTTP_HEADER = ['Scenario', 'req/s', 'vs bare', 'p50 ms', 'p99 ms', 'SQL/req', 'CPU ms/req', 'RSS MB', 'failed'];
const LIVE_HEADER = ['Live fan-out', 'sockets', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'SQL/post', 'RSS MB'];

function liveRow(r: BenchResults): string[] {
  const live = r.live;
  return [
    `post.created to week ${live.week}`,
    live.clients.toString(),
    `${live.delivered}/${live.expected}`,
    live.p50Ms.toFixed(1),
    live.p99Ms.toFixed(1),
    live.maxMs.toFixed(1),
    live.queriesPerPost.toFixed(1),
    `${live.rssIdleMb.toFixed(0)} idle, ${live.maxRssMb.toFixed(0)} max`,
  ];
}

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

const mark = (met: boolean | null) => (met === null ? 'REPORTED' : met ? 'MET' : 'NOT MET');

function machineLines(m: Machine): string[] {
  return [
    `CPU: ${m.cpus} × ${m.cpuModel}`,
    `Memory: ${m.memoryGb.toFixed(1)} GB`,
    `Node: ${m.node}`,
    `PostgreSQL: ${m.postgres}`,
    `Load average at start (1 min): ${m.loadAverage.toFixed(2)}`,
  ];
}

function forumLine(r: BenchResults): string {
  const f = r.forum;
  const posts = f.postsByLang.en + f.postsByLang.es + f.postsByLang.fr;
  return (
    `Forum: ${FORUM.members.toLocaleString('en')} members, ${FORUM.weeks} weeks, ${f.threads.length} threads, ${posts.toLocaleString('en')} posts ` +
    `(en ${f.postsByLang.en}, es ${f.postsByLang.es}, fr ${f.postsByLang.fr}); big thread ${f.bigThread.postCount} posts, ` +
    `small thread ${f.smallThread.postCount}; ${f.translations.toLocaleString('en')} published translations, ` +
    `${f.translationTasks.toLocaleString('en')} open translation tasks; seeded in ${f.seconds.toFixed(1)} s`
  );
}

export function printResults(r: BenchResults): void {
  console.log(`\n${forumLine(r)}`);
  console.log(`Server RSS when started, before any request: ${r.idleRssMb.toFixed(0)} MB`);
  console.log(
    `Load: autocannon, ${HTTP_LOAD.connections} connections, ${HTTP_LOAD.warmupSeconds} s warm-up then ${HTTP_LOAD.durationSeconds} s ` +
      `(${HTTP_LOAD.shortDurationSeconds} s for secondary pages), loopback; the server runs in its own process.\n`,
  );
  console.log(textTable(HTTP_HEADER, httpRows(r)));
  console.log('');
  console.log(textTable(LIVE_HEADER, [liveRow(r)]));
  console.log(`\n${textTable(SEARCH_HEADER, searchRows(r))}`);
  for (const plan of r.search.plans) console.log(`\nEXPLAIN ANALYZE, ${plan.label}:\n${plan.plan.join('\n')}`);
  if (spaRows(r.spa).length) console.log(`\n${textTable(SPA_HEADER, spaRows(r.spa))}`);
  console.log('\nBudgets (design.md):');
  for (const v of verdicts(r)) console.log(`  ${mark(v.met).padEnd(8)}  ${v.budget}: ${v.measured}`);
  console.log(`\n${machineLines(r.machine).join('\n')}`);
  console.log(`Run took ${r.seconds.toFixed(0)} s.`);
}

export function writeMarkdown(r: BenchResults, file = path.join(import.meta.dirname, 'results.md')): string {
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`${process.env.BENCH_POSTS ? `BENCH_POSTS=${process.env.BENCH_POSTS} ` : ''}npm run bench\` on ${r.startedAt.toISOString()} (overwritten by every run; the run took ${r.seconds.toFixed(0)} s).`,
    '',
    '## Machine',
    '',
    ...machineLines(r.machine).map((line) => `- ${line}`),
    '',
    '## Setup',
    '',
    `- ${forumLine(r)}.`,
    `- HTTP: autocannon on loopback, ${HTTP_LOAD.connections} connections, ${HTTP_LOAD.warmupSeconds} s warm-up (discarded), then ${HTTP_LOAD.durationSeconds} s ` +
      `(${HTTP_LOAD.shortDurationSeconds} s for the secondary pages). Signed-in members, each connection with its own session.`,
    '- The app runs in a child process, bundled by esbuild and with the Node flags `npm start` uses, pool of 10 PostgreSQL connections; the bare route is a plugin-free Fastify instance in the same process.',
    "- Requests carry a browser's `Accept-Encoding: gzip, deflate, br`; the app answers the thread page with Brotli (quality 4).",
    `- The floor rows run on the bare instance: one does only the session lookup every signed-in request makes (the app's own function, same pool); the other sends a stored copy of the thread page (${(r.stored.bytes / 1024).toFixed(1)} KB of JSON, ${(r.stored.brBytes / 1024).toFixed(1)} KB as Brotli) and does nothing else.`,
    `- Server RSS when started, before any request: ${r.idleRssMb.toFixed(0)} MB.`,
    "- CPU ms/req is the server process's own CPU time (user + system) per completed request; PostgreSQL's and the load generator's are not in it.",
    '- SQL/req counts every statement sent to PostgreSQL (BEGIN/COMMIT, the session lookup and, for posts, the live-update dispatch included) divided by completed requests.',
    `- Live: ${r.live.clients} sockets subscribed to week ${r.live.week} (${WEBSOCKET_LOAD.distinctMembers} members' sessions), ${WEBSOCKET_LOAD.posts} posts one every ${WEBSOCKET_LOAD.postIntervalMs} ms; ` +
      'latency = arrival at a socket − start of the POST, one clock (the sockets live in the benchmark process).',
    '',
    '## HTTP',
    '',
    markdownTable(HTTP_HEADER, httpRows(r)),
    '',
    '## Live updates',
    '',
    markdownTable(LIVE_HEADER, [liveRow(r)]),
    '',
    `Sockets subscribed in ${r.live.subscribeSeconds.toFixed(1)} s.`,
    '',
    '## Search',
    '',
    `GET /api/search as a signed-in participant, ${HTTP_LOAD.connections} connections, ${HTTP_LOAD.shortDurationSeconds} s each; "thread pages" is the headline thread page's req/s divided by the search's (design.md: at most ${BUDGETS.searchInThreadPages}); "alone ms" is the median of 5 searches sent one at a time, before the load. The rare word is planted in a few posts before the run.`,
    '',
    markdownTable(SEARCH_HEADER, searchRows(r)),
    '',
    ...r.search.plans.flatMap((plan) => [
      `EXPLAIN (ANALYZE, BUFFERS) of the search statement, ${plan.label}:`,
      '',
      '```',
      ...plan.plan,
      '```',
      '',
    ]),
    '## SPA first load',
    '',
    ...('skipped' in r.spa
      ? [`Not measured: ${r.spa.skipped}.`]
      : [
          "Debian's chromium opens each page signed in with an empty cache; every JavaScript file it fetched is counted as the server sends it gzipped (browsers that accept Brotli receive less).",
          '',
          markdownTable(SPA_HEADER, spaRows(r.spa)),
        ]),
    '',
    '## Budgets',
    '',
    markdownTable(
      ['Budget', 'Measured', 'Verdict'],
      verdicts(r).map((v) => [v.budget, v.measured, `**${mark(v.met)}**`]),
    ),
    '',
    `With ${HTTP_LOAD.connections} connections each sending its next request when the last is answered, p99 cannot be below ` +
      `${HTTP_LOAD.connections} ÷ throughput: ${BUDGETS.threadPageP99Ms} ms needs about ${Math.round(HTTP_LOAD.connections / (BUDGETS.threadPageP99Ms / 1000))} req/s. ` +
      'The paced row shows the latency at half the saturated rate. The floor rows show what this machine allows before any ' +
      'page logic runs: the load generator, PostgreSQL and the server share its cores, so a route that makes one indexed query ' +
      'is already further from the p99 budget than the bare route.',
    '',
    '## Statements of one thread page request',
    '',
    '```sql',
    ...r.threadPageStatements,
    '```',
    '',
    '## Statements of one reply (with its live-update dispatch)',
    '',
    '```sql',
    ...r.replyStatements,
    '```',
    '',
  ];
  writeFileSync(file, lines.join('\n'));
  return file;
}
