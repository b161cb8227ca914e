// Starts bench/server.ts as a child process and talks to it: where it listens, its SQL
// statement count and RSS, and stopping it. The child is killed on every way out of the
// benchmark, so a failed run never leaves a server holding the ports or the database.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { ReadyMessage, ServerStats } from './server.ts';

export interface ServerHandle {
  appUrl: string;
  bareUrl: string;
  stats(): Promise<ServerStats>;
  /** Runs `action` and returns the SQL statements the server sent meanwhile. */
  traceStatements(action: () => Promise<unknown>): Promise<string[]>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const running = new Set<ChildProcess>();

function killAll() {
  for (const child of running) child.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Bundles bench/server.ts as `npm run build:server` bundles the app, so the server measured is the one `npm start` runs. */
async function bundleServer(): Promise<string> {
  const outdir = path.join(repoRoot, 'dist', 'bench');
  await build({
    // The Markdown worker sits beside the bundle, where the bundled renderer looks for it.
    entryPoints: {
      server: path.join(repoRoot, 'bench', 'server.ts'),
      'markdown.worker': path.join(repoRoot, 'server', 'markdown', 'markdown.worker.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    logLevel: 'warning',
  });
  return path.join(outdir, 'server.js');
}

/** The Node flags `npm start` gives the server (its heap cap shapes the RSS measured). */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const flags = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/server\/main\.js/.exec(scripts.start ?? '');
  if (!flags)
    throw new Error(
      'package.json "start" no longer runs `node [flags] dist/server/main.js`; update bench/server-process.ts',
    );
  return flags[1]!.trim().split(/\s+/).filter(Boolean);
}

export async function startServer(databaseUrl: string): Promise<ServerHandle> {
  const child = fork(await bundleServer(), [], {
    cwd: repoRoot,
    // BENCH_PROFILE_DIR=dir writes the server's V8 CPU profile there when it stops.
    execArgv: [
      ...startFlags(),
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    ],
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not start within 30 s')), 30_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as ReadyMessage);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited during start-up (code ${code})`));
    });
  });
  const bareUrl = `http://127.0.0.1:${ready.barePort}`;

  async function json<T>(url: string, method = 'GET'): Promise<T> {
    const response = await fetch(url, { method });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status}`);
    return (await response.json()) as T;
  }

  return {
    appUrl: `http://127.0.0.1:${ready.appPort}`,
    bareUrl,
    stats: () => json<ServerStats>(`${bareUrl}/stats`),
    async traceStatements(action) {
      await json(`${bareUrl}/trace/start`, 'POST');
      try {
        await action();
      } finally {
        // The statements of the action may still be in flight when its response arrives (none
        // should be); a short pause makes a stray one show rather than leak into the next.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return (await json<{ statements: string[] }>(`${bareUrl}/trace/stop`, 'POST')).statements;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 6_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
