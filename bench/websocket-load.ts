// Live fan-out: 1,000 signed-in sockets subscribe to one week, posts are made in that week
// over HTTP, and every socket notes when each post.created event arrives. The sockets and
// the posting live in this process, so send and arrival times share one clock; the latency
// therefore includes this process reading 1,000 messages per post, a conservative measure.
import WebSocket from 'ws';
import { percentile } from './percentiles.ts';
import type { HttpRequestSpec } from './http-load.ts';
import type { ServerHandle } from './server-process.ts';
import { WEBSOCKET_LOAD } from './settings.ts';

export interface LiveLoadSpec {
  forumSlug: string;
  week: number;
  /** Cookies the sockets take in turn. */
  cookies: readonly string[];
  /** Builds one post in the subscribed week. */
  nextPost: () => HttpRequestSpec;
}

export interface LiveLoadResult {
  week: number;
  clients: number;
  subscribeSeconds: number;
  posts: number;
  expected: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  queriesPerPost: number;
  rssIdleMb: number;
  maxRssMb: number;
}

interface Arrival {
  postId: number;
  at: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openSubscriber(
  url: string,
  cookie: string,
  origin: string,
  subscribe: string,
  arrivals: Arrival[],
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie, origin } });
    const timer = setTimeout(() => fail(new Error('no "subscribed" within 20 s')), 20_000);
    let subscribed = false;
    function fail(error: Error) {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    }
    socket.on('open', () => socket.send(subscribe));
    socket.on('error', (error) => {
      if (!subscribed) fail(error);
    });
    socket.on('close', (code) => {
      if (!subscribed) fail(new Error(`closed before subscribing (${code})`));
    });
    socket.on('message', (data) => {
      const at = performance.now();
      // ws hands a Buffer: binaryType is left at nodebuffer.
      const text = (data as Buffer).toString();
      if (subscribed) {
        // Only the event under test is parsed; anything else is ignored cheaply.
        if (!text.includes('"post.created"')) return;
        const message = JSON.parse(text) as { type: string; event: string; payload: { post: { id: number } } };
        if (message.type === 'event' && message.event === 'post.created')
          arrivals.push({ postId: message.payload.post.id, at });
        return;
      }
      const message = JSON.parse(text) as { type: string; code?: string };
      if (message.type === 'subscribed') {
        subscribed = true;
        clearTimeout(timer);
        resolve(socket);
      } else if (message.type === 'error') {
        fail(new Error(`subscription refused: ${message.code}`));
      }
    });
  });
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 3_000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(1000);
        }),
    ),
  );
}

export async function runLiveLoad(server: ServerHandle, spec: LiveLoadSpec): Promise<LiveLoadResult> {
  const url = `${server.appUrl.replace(/^http/, 'ws')}/api/live`;
  const subscribe = JSON.stringify({ type: 'subscribe', forum: spec.forumSlug, week: spec.week });
  const arrivals: Arrival[] = [];
  const sockets: WebSocket[] = [];
  try {
    process.stdout.write(`  opening ${WEBSOCKET_LOAD.clients} sockets … `);
    const openedAt = performance.now();
    // In batches: a real cohort does not connect within the same millisecond either.
    for (let first = 0; first < WEBSOCKET_LOAD.clients; first += WEBSOCKET_LOAD.batchSize) {
      const count = Math.min(WEBSOCKET_LOAD.batchSize, WEBSOCKET_LOAD.clients - first);
      const batch = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          openSubscriber(url, spec.cookies[(first + i) % spec.cookies.length]!, server.appUrl, subscribe, arrivals),
        ),
      );
      sockets.push(...batch);
    }
    const subscribeSeconds = (performance.now() - openedAt) / 1000;
    console.log(`subscribed in ${subscribeSeconds.toFixed(1)} s`);
    await sleep(500);
    const idle = await server.stats();

    let maxRss = idle.rssBytes;
    let sampling = true;
    const sampler = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- cleared while the loop awaits
      while (sampling) {
        maxRss = Math.max(maxRss, (await server.stats()).rssBytes);
        await sleep(100);
      }
    })();

    process.stdout.write(`  ${WEBSOCKET_LOAD.posts} posts, one every ${WEBSOCKET_LOAD.postIntervalMs} ms … `);
    const sentAt = new Map<number, number>();
    for (let i = 0; i < WEBSOCKET_LOAD.posts; i++) {
      const request = spec.nextPost();
      const start = performance.now();
      const response = await fetch(`${server.appUrl}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      if (response.status !== 201)
        throw new Error(`POST ${request.path} answered ${response.status}: ${await response.text()}`);
      const { post } = (await response.json()) as { post: { id: number } };
      sentAt.set(post.id, start);
      await sleep(Math.max(0, start + WEBSOCKET_LOAD.postIntervalMs - performance.now()));
    }
    const expected = WEBSOCKET_LOAD.posts * sockets.length;
    const waitUntil = performance.now() + WEBSOCKET_LOAD.settleMs;
    while (arrivals.length < expected && performance.now() < waitUntil) await sleep(50);
    sampling = false;
    await sampler;
    const after = await server.stats();

    const latencies = arrivals.filter((a) => sentAt.has(a.postId)).map((a) => a.at - sentAt.get(a.postId)!);
    const result: LiveLoadResult = {
      week: spec.week,
      clients: sockets.length,
      subscribeSeconds,
      posts: sentAt.size,
      expected,
      delivered: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      queriesPerPost: (after.queries - idle.queries) / WEBSOCKET_LOAD.posts,
      rssIdleMb: idle.rssBytes / 1024 / 1024,
      maxRssMb: maxRss / 1024 / 1024,
    };
    console.log(`${result.delivered}/${expected} delivered, p99 ${result.p99Ms.toFixed(1)} ms`);
    return result;
  } finally {
    await closeAll(sockets);
  }
}
