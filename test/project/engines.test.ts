// The README promises a minimum Node.js version; every package the lockfile installs, and our
// own package.json, must accept it, or `npm install` warns (EBADENGINE) and the promise is false.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: Record<string, string> | string[]; dev?: boolean }>;
};
const ownPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };

function statedMinimum(): string {
  const match = /Node\.js ≥ (\d+\.\d+(?:\.\d+)?)/.exec(readme);
  if (!match) throw new Error('README no longer states "Node.js ≥ X.Y"');
  return semver.coerce(match[1])!.version;
}

/**
 * Test-only tools whose manifest asks for a newer Node than they need: the tests that use them run
 * on this Node (unpdf reads the proceedings PDF, @axe-core/playwright checks the new pages), and
 * stack-notes.md records it. Nothing shipped may be listed here.
 */
const DEV_TOOLS_THAT_RUN_ON_OLDER_NODE = new Set(['node_modules/unpdf', 'node_modules/@axe-core/playwright']);

describe('the Node.js version the README promises', () => {
  const minimum = statedMinimum();

  it('is the one package.json declares', () => {
    expect(semver.minVersion(ownPackage.engines.node)?.version).toBe(minimum);
  });

  it('is accepted by every package in the lockfile', () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (DEV_TOOLS_THAT_RUN_ON_OLDER_NODE.has(where) && entry.dev) return [];
      return range && !semver.satisfies(minimum, range) ? [`${where}@${entry.version}: node ${range}`] : [];
    });
    expect(refusing).toEqual([]);
  });
});
