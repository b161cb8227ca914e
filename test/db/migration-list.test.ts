// The migrator runs the list in migrations/index.ts, not the folder: a file left out of the
// list would silently never run.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { projectRoot } from '../../server/project-root.ts';

describe('migration list', () => {
  it('names every migration file in the folder, in file-name order', () => {
    const files = readdirSync(path.join(projectRoot, 'migrations'))
      .filter((file) => /^\d{4}_\d{2}_\d{2}_\d{4}_.+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const migration of Object.values(migrations)) expect(typeof migration.up).toBe('function');
  });
});
