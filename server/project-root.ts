// The checkout's root folder (where package.json is), found from this file's own place so the
// same code finds content/, locales/ and dist/ whether it runs from server/ under tsx or from
// the bundle in dist/server/ that `npm start` builds.
import { existsSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
