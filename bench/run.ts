// `npm run bench`: seeds a fresh PostgreSQL database with the issue's forum, starts the app in
// a child process, measures the thread page, the week page, search, replying and live fan-out against
// the budgets of design.md, prints the table and writes bench/results.md.
import { openDatabase } from '../server/db/database.ts';
import { BenchSetupError, recreateDatabase } from './bench-database.ts';
import { runLoad, runPacedLoad, type LoadResult } from './http-load.ts';
import { describeMachine } from './machine.ts';
import { printResults, writeMarkdown, type StoredPage } from './report.ts';
import { replyRequests, type ReplyTarget } from './reply-requests.ts';
import { seedForum, type SeededThread } from './seed.ts';
import { startServer, type ServerHandle } from './server-process.ts';
import { signInMembers } from './sessions.ts';
import { statementsPerRequest } from './statement-counter.ts';
import { DEFAULT_DATABASE_URL, HTTP_LOAD, MEASURED_WEEK, WEBSOCKET_LOAD } from './settings.ts';
import { runLiveLoad } from './websocket-load.ts';
import { measureSpaLoad } from './spa-load.ts';
import { measureSearch, plantRareWord } from './search.ts';
import { defaultConfig } from '../server/config.ts';

const POSTS_PER_PAGE = 50;

const toTarget = (thread: SeededThread): ReplyTarget => ({ threadId: thread.id, postIds: thread.postIds });

async function main(): Promise<void> {
  const startedAt = new Date();
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const shownUrl = new URL(databaseUrl);
  shownUrl.password = shownUrl.password ? '***' : '';
  console.log(`Tertulia benchmark on ${shownUrl.toString()}`);

  await recreateDatabase(databaseUrl);
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  let server: ServerHandle | undefined;
  try {
    const machine = await describeMachine(database.db);
    process.stdout.write('Seeding the forum … ');
    const forum = await seedForum(database.db, MEASURED_WEEK);
    console.log(`${forum.seconds.toFixed(1)} s`);
    await plantRareWord(database.db, forum.slug);
    const readers = await signInMembers(database.db, forum.memberIds.slice(0, HTTP_LOAD.signedInMembers));
    const subscribers = await signInMembers(
      database.db,
      forum.memberIds.slice(HTTP_LOAD.signedInMembers, HTTP_LOAD.signedInMembers + WEBSOCKET_LOAD.distinctMembers),
    );
    const cookies = readers.map((member) => member.cookie);

    server = await startServer(databaseUrl);
    const idleRssMb = (await server.stats()).rssBytes / 1024 / 1024;
    const app = server.appUrl;
    const { bigThread, smallThread } = forum;
    const lastPage = Math.ceil(bigThread.postCount / POSTS_PER_PAGE);
    const pageUrl = (thread: SeededThread, page = 1) =>
      `${app}/api/threads/${thread.id}${page > 1 ? `?page=${page}` : ''}`;

    console.log('Statements per thread page request:');
    const threadPageQueries = [
      {
        label: `${bigThread.postCount}-post thread`,
        count: await statementsPerRequest(server, pageUrl(bigThread), cookies[0]!),
      },
      {
        label: `${smallThread.postCount}-post thread`,
        count: await statementsPerRequest(server, pageUrl(smallThread), cookies[0]!),
      },
      {
        label: `page ${lastPage} of ${lastPage}`,
        count: await statementsPerRequest(server, pageUrl(bigThread, lastPage), cookies[0]!),
      },
    ];
    for (const q of threadPageQueries) console.log(`  ${q.label}: ${q.count}`);
    const threadPageStatements = await server.traceStatements(() =>
      fetch(pageUrl(bigThread), { headers: { cookie: cookies[0]! } }).then((r) => r.arrayBuffer()),
    );
    const oneReply = replyRequests(
      app,
      [toTarget(forum.threads.find((t) => t.weekNumber === MEASURED_WEEK && t !== bigThread && t !== smallThread)!)],
      [cookies[0]!],
    )();
    const replyStatements = await server.traceStatements(async () => {
      const response = await fetch(`${app}${oneReply.path}`, {
        method: oneReply.method,
        headers: oneReply.headers,
        body: oneReply.body,
      });
      if (response.status !== 201)
        throw new Error(`POST ${oneReply.path} answered ${response.status}: ${await response.text()}`);
      // The live-update dispatch runs after the response; give it a moment to show in the trace.
      await new Promise((resolve) => setTimeout(resolve, 200));
    });

    console.log('HTTP loads:');
    const short = HTTP_LOAD.shortDurationSeconds;
    const bare = await runLoad(server, { name: 'bare Fastify route', url: `${server.bareUrl}/` });
    const pageJson: unknown = await (await fetch(pageUrl(bigThread), { headers: { cookie: cookies[0]! } })).json();
    const stored = (await (
      await fetch(`${server.bareUrl}/stored-page`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pageJson),
      })
    ).json()) as StoredPage;
    const floors: LoadResult[] = [
      await runLoad(server, {
        name: 'floor: bare route + the session lookup (1 SQL)',
        url: `${server.bareUrl}/session-lookup`,
        cookies,
        durationSeconds: short,
      }),
      await runLoad(server, {
        name: 'floor: bare route sending a stored copy of the thread page',
        url: `${server.bareUrl}/stored-page`,
        cookies,
        durationSeconds: short,
      }),
    ];
    const headline = await runLoad(server, {
      name: `GET thread page (50 posts) of ${bigThread.postCount}`,
      url: pageUrl(bigThread),
      cookies,
    });
    // The same page with the same connections at half the rate the server just sustained: the
    // latency a reader sees when the server is busy but not saturated (closed-loop load at
    // saturation makes p99 ≈ connections ÷ throughput, whatever the page costs).
    const pacedRate = Math.max(1, Math.round(headline.requestsPerSecond / 2));
    const threadPages: LoadResult[] = [
      headline,
      await runPacedLoad(server, {
        name: `GET thread page (50 posts) of ${bigThread.postCount}, paced ${pacedRate} req/s`,
        url: pageUrl(bigThread),
        cookies,
        rate: pacedRate,
        durationSeconds: short,
      }),
      await runLoad(server, {
        name: `GET thread page (50 posts) of ${smallThread.postCount}`,
        url: pageUrl(smallThread),
        cookies,
        durationSeconds: short,
      }),
      await runLoad(server, {
        name: `GET thread page ${lastPage} (last) of ${bigThread.postCount}`,
        url: pageUrl(bigThread, lastPage),
        cookies,
        durationSeconds: short,
      }),
    ];
    const weekPath = `${app}/api/forums/${forum.slug}/weeks/${MEASURED_WEEK}`;
    const others: LoadResult[] = [
      await runLoad(server, {
        name: `GET week page: ${forum.threads.filter((t) => t.weekNumber === MEASURED_WEEK).length} threads`,
        url: `${weekPath}/threads`,
        cookies,
      }),
      await runLoad(server, { name: 'GET week page: material', url: weekPath, cookies, durationSeconds: short }),
      await runLoad(server, {
        name: 'POST reply',
        url: app,
        nextRequest: replyRequests(
          app,
          forum.threads.filter((t) => t !== bigThread && t !== smallThread).map(toTarget),
          cookies,
        ),
      }),
    ];

    process.stdout.write('SPA first load (chromium, empty cache) … ');
    const spa = await measureSpaLoad(
      app,
      defaultConfig.staticDir,
      [
        { name: 'forum landing page', path: `/forums/${forum.slug}` },
        { name: `thread page (${bigThread.postCount} posts)`, path: `/forums/${forum.slug}/threads/${bigThread.id}` },
      ],
      readers[0]!.cookie.split('=')[1]!,
    );
    console.log(
      'skipped' in spa
        ? `skipped: ${spa.skipped}`
        : spa.measured.map((load) => `${load.page} ${(load.gzipBytes / 1024).toFixed(1)} KB`).join(', '),
    );

    console.log('Live updates:');
    const weekThreads = forum.threads
      .filter((t) => t.weekNumber === MEASURED_WEEK && t !== bigThread && t !== smallThread)
      .map(toTarget);
    const live = await runLiveLoad(server, {
      forumSlug: forum.slug,
      week: MEASURED_WEEK,
      cookies: subscribers.map((member) => member.cookie),
      nextPost: replyRequests(app, weekThreads, [cookies[0]!]),
    });

    // Last: a search that saturates the server leaves PostgreSQL busy for a while after its load ends.
    console.log('Search:');
    const search = await measureSearch(server, database.db, app, cookies, {
      id: forum.memberIds[0]!,
      forumSlug: forum.slug,
    });

    await server.stop();
    const results = {
      startedAt,
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      forum,
      idleRssMb,
      bare,
      floors,
      stored,
      threadPages,
      others,
      search,
      spa,
      threadPageQueries,
      threadPageStatements,
      replyStatements,
      live,
    };
    printResults(results);
    console.log(`\nWritten to ${writeMarkdown(results)}`);
  } finally {
    await server?.stop();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof BenchSetupError ? `\n${error.message}` : error);
    process.exit(1);
  },
);
