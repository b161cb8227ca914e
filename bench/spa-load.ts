// The SPA's first load as a reader on a slow connection pays for it: Debian's chromium opens a
// page with an empty cache, the JavaScript files it fetched are listed, and each is fetched
// again as the server sends it gzipped (the budget's unit; browsers that accept Brotli get
// less). Skipped, with the reason, when there is no chromium or no built SPA.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { SESSION_COOKIE } from '../server/auth/session-cookie.ts';

export interface SpaLoad {
  page: string;
  files: number;
  gzipBytes: number;
}

export type SpaLoadResult = { measured: SpaLoad[] } | { skipped: string };

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Bytes on the wire for one GET with `Accept-Encoding: gzip` (Node's fetch would decode them). */
export function gzipSize(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () =>
          response.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${url}: ${response.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

export async function measureSpaLoad(
  appUrl: string,
  staticDir: string,
  pages: { name: string; path: string }[],
  sessionToken: string,
): Promise<SpaLoadResult> {
  if (!existsSync(chromiumPath)) return { skipped: `no chromium at ${chromiumPath}` };
  if (!existsSync(path.join(staticDir, 'index.html'))) return { skipped: 'the SPA is not built (npm run build:web)' };
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const measured: SpaLoad[] = [];
    for (const target of pages) {
      // A new context each time: an empty cache, as on a first visit.
      const context = await browser.newContext();
      await context.addCookies([
        { name: SESSION_COOKIE, value: sessionToken, url: appUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
      const page = await context.newPage();
      const scripts = new Set<string>();
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.add(request.url());
      });
      await page.goto(`${appUrl}${target.path}`, { waitUntil: 'networkidle' });
      await context.close();
      const sizes = await Promise.all([...scripts].map(gzipSize));
      measured.push({ page: target.name, files: scripts.size, gzipBytes: sizes.reduce((sum, n) => sum + n, 0) });
    }
    return { measured };
  } finally {
    await browser.close();
  }
}
