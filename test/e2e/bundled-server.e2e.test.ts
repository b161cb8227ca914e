// What `npm start` runs: the esbuild bundle in dist/server, started as its own process on a
// throwaway embedded database. It must migrate, seed the demo, serve the SPA and the API
// (compressed, hashed assets cached for good), and leave cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/project-root.ts';

const bundle = path.join(projectRoot, 'dist', 'server', 'main.js');
let server: ChildProcess;
let output = '';
let url: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error('Build first: npm run build');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--max-old-space-size=256', bundle], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 90_000;
  while (!output.includes('Tertulia is running')) {
    if (server.exitCode !== null) throw new Error(`the bundled server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`the bundled server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});
afterAll(() => {
  if (server?.exitCode === null) server.kill('SIGKILL');
});

describe('the bundled server', () => {
  it('serves the SPA and the demo forums, prints the demo accounts, and exits cleanly on SIGTERM', async () => {
    expect(output).toMatch(/organizer\s+organizer@demo\.tertulia\.test {2}password: \S+/);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });

    const page = await fetch(`${url}/forums/sse-policy-live`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="app"');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${url}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');

    const forums = await fetch(`${url}/api/forums`, { headers: { 'accept-language': 'es' } });
    const slugs = ((await forums.json()) as { forums: { slug: string }[] }).forums.map((forum) => forum.slug);
    expect(slugs.sort()).toEqual(['sse-policy-2009', 'sse-policy-live']);

    // Markdown renders in a worker that the bundle carries beside main.js.
    const password = /organizer@demo\.tertulia\.test {2}password: (\S+)/.exec(output)![1]!;
    const signIn = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'organizer@demo.tertulia.test', password }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const preview = await fetch(`${url}/api/markdown/preview`, {
      method: 'POST',
      headers: { origin: url, cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ bodyMd: 'Una *vista* previa' }),
    });
    expect(await preview.json()).toEqual({ html: '<p>Una <em>vista</em> previa</p>' });

    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/"level":(50|60)/);
  });
});
