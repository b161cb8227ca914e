// One HTTP load on loopback — autocannon saturating the server, or an evenly paced GET rate —
// as a warm-up run that is thrown away (JIT, pool connections, PostgreSQL's caches), then the
// measured run, with the server's RSS sampled throughout and its SQL statement count and CPU
// time read before and after.
import http from 'node:http';
import autocannon from 'autocannon';
import { percentile } from './percentiles.ts';
import { HTTP_LOAD } from './settings.ts';
import type { ServerHandle } from './server-process.ts';
import type { ServerStats } from './server.ts';

export interface HttpRequestSpec {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadSpec {
  name: string;
  /** Full URL of a GET target; ignored when `nextRequest` is given. */
  url: string;
  /** Cookie headers handed to connections in turn, one per connection. */
  cookies?: readonly string[];
  /** Builds every request afresh (writes that need a new idempotency key each time). */
  nextRequest?: () => HttpRequestSpec;
  durationSeconds?: number;
}

export interface LoadResult {
  name: string;
  /** Run at a fixed rate rather than saturating the server. */
  paced: boolean;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  queriesPerRequest: number;
  /** Server CPU time per request (this process only; PostgreSQL's share is not in it). */
  cpuMsPerRequest: number;
  maxRssMb: number;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** What a browser sends: the server may answer compressed, and the client pays for decoding it. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

function optionsFor(spec: LoadSpec, duration: number): autocannon.Options {
  const base = { url: spec.url, connections: HTTP_LOAD.connections, duration, timeout: 10, headers: BROWSER_HEADERS };
  if (spec.nextRequest) {
    const next = spec.nextRequest;
    return {
      ...base,
      requests: [
        {
          setupRequest: (request) => {
            const r = next();
            return { ...request, ...r, headers: { ...BROWSER_HEADERS, ...r.headers } };
          },
        },
      ],
    };
  }
  const cookies = spec.cookies;
  if (!cookies?.length) return base;
  let connection = 0;
  return {
    ...base,
    setupClient: (client) => client.setHeaders({ ...BROWSER_HEADERS, cookie: cookies[connection++ % cookies.length]! }),
  };
}

/** Samples the server's RSS until stopped; resolves to the largest value seen, in MB. */
function sampleRss(server: ServerHandle): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  const loop = (async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() clears it while the loop awaits
    while (running) {
      max = Math.max(max, (await server.stats()).rssBytes);
      await new Promise((resolve) => setTimeout(resolve, HTTP_LOAD.rssSampleMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      max = Math.max(max, (await server.stats()).rssBytes);
      return max / 1024 / 1024;
    },
  };
}

/**
 * Waits until the server has sent no SQL for a moment. autocannon stops at its deadline with
 * requests still in flight; the server finishes them afterwards (and, after a post, runs the
 * live-update dispatch), so counters read too early would charge that work to the next load.
 */
async function quiescent(server: ServerHandle): Promise<ServerStats> {
  let last = await server.stats();
  const deadline = Date.now() + 10_000;
  for (let calm = 0; calm < 2 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const next = await server.stats();
    calm = next.queries === last.queries ? calm + 1 : 0;
    last = next;
  }
  return last;
}

interface Phase {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  /** Requests the server received, also those still unanswered when the phase ended. */
  sent: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

async function autocannonPhase(spec: LoadSpec, seconds: number): Promise<Phase> {
  const result = await run(optionsFor(spec, seconds));
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result.requests.total,
    sent: result.requests.sent,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count])),
  };
}

/**
 * GETs at an even rate over up to `connections` keep-alive sockets, each request's latency
 * counted from when it was due (so a slow server cannot hide its queue). autocannon's own
 * rate option sends each second's quota in a burst, which measures the burst instead.
 */
async function pacedPhase(url: string, cookies: readonly string[], rate: number, seconds: number): Promise<Phase> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_LOAD.connections });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const pending: Promise<void>[] = [];
  const count = Math.round(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      new Promise<void>((resolve) => {
        const request = http.get(
          url,
          { agent, headers: { ...BROWSER_HEADERS, cookie: cookies[i % cookies.length] ?? '' } },
          (response) => {
            response.resume();
            response.on('end', () => {
              latencies.push(performance.now() - due);
              const code = String(response.statusCode);
              statusCodes[code] = (statusCodes[code] ?? 0) + 1;
              resolve();
            });
          },
        );
        request.on('error', () => {
          errors++;
          resolve();
        });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const elapsed = (performance.now() - start) / 1000;
  const ok = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    completed: latencies.length,
    sent: count,
    errors,
    non2xx: latencies.length - ok,
    statusCodes,
  };
}

/** A warm-up phase (discarded), then the measured one with the server's counters around it. */
async function measure(
  server: ServerHandle,
  name: string,
  paced: boolean,
  phase: (seconds: number) => Promise<Phase>,
  seconds: number,
): Promise<LoadResult> {
  process.stdout.write(`  ${name} … `);
  await phase(HTTP_LOAD.warmupSeconds);
  const before = await quiescent(server);
  const rss = sampleRss(server);
  const result = await phase(seconds);
  const after = await quiescent(server);
  const maxRssMb = await rss.stop();
  const served = Math.max(result.completed, result.sent);
  const outcome: LoadResult = {
    name,
    paced,
    requestsPerSecond: result.requestsPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    requests: result.completed,
    errors: result.errors,
    non2xx: result.non2xx,
    statusCodes: result.statusCodes,
    queriesPerRequest: served > 0 ? (after.queries - before.queries) / served : 0,
    cpuMsPerRequest: served > 0 ? (after.cpuMicros - before.cpuMicros) / 1000 / served : 0,
    maxRssMb,
  };
  const failures =
    outcome.non2xx || outcome.errors
      ? `, ${outcome.non2xx} non-2xx ${JSON.stringify(outcome.statusCodes)}, ${outcome.errors} errors`
      : '';
  console.log(`${Math.round(outcome.requestsPerSecond)} req/s, p99 ${outcome.p99Ms} ms${failures}`);
  return outcome;
}

/** As many requests as `connections` connections get answered: the server saturated. */
export function runLoad(server: ServerHandle, spec: LoadSpec): Promise<LoadResult> {
  return measure(
    server,
    spec.name,
    false,
    (seconds) => autocannonPhase(spec, seconds),
    spec.durationSeconds ?? HTTP_LOAD.durationSeconds,
  );
}

/** GETs at a fixed, even rate: the latency a reader sees when the server is busy but not saturated. */
export function runPacedLoad(
  server: ServerHandle,
  spec: { name: string; url: string; cookies: readonly string[]; rate: number; durationSeconds: number },
): Promise<LoadResult> {
  return measure(
    server,
    spec.name,
    true,
    (seconds) => pacedPhase(spec.url, spec.cookies, spec.rate, seconds),
    spec.durationSeconds,
  );
}
