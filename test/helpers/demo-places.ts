// Where a test's demo seed reads the content and writes the archive's proceedings: a fresh
// folder per test file, so no test writes into the project's own data/.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoPlaces } from '../../server/demo/demo-seed.ts';

export const demoContentDir = path.resolve(import.meta.dirname, '../../content');

export async function demoPlaces(): Promise<DemoPlaces> {
  return { contentDir: demoContentDir, proceedingsDir: await mkdtemp(path.join(tmpdir(), 'demo-proceedings-')) };
}
