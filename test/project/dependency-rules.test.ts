// The house's import rules (.dependency-cruiser.cjs): no cycles, the server's domains importing only
// downward, no test code in shipped code, and only types of the server in the SPA. A failure names
// each import that breaks a rule, so the fix starts from the message.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const config = require(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration & { SERVER_LAYERS: string[][] };

describe('the import rules', () => {
  it('hold for server/, web/src and migrations/', { timeout: 120_000 }, async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      const result = await cruise(['server', 'web/src', 'migrations'], {
        ...config.options,
        validate: true,
        ruleSet: { forbidden: config.forbidden },
      });
      const output = result.output as ICruiseResult;
      const broken = output.summary.violations.map((violation) =>
        violation.cycle?.length
          ? `${violation.rule.name}: ${[violation.from, ...violation.cycle.map((step) => step.name)].join(' → ')}`
          : `${violation.rule.name}: ${violation.from} → ${violation.to}`,
      );
      expect(broken).toEqual([]);
      expect(output.summary.totalCruised).toBeGreaterThan(300);
    } finally {
      process.chdir(previous);
    }
  });

  it('draw the same layer order in the README as in the cruiser config', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## How things work'));
    const drawn = [...layout.matchAll(/^ {2}([a-z0-9-]+\/|[a-z-]+\.ts) /gm)].map((match) =>
      match[1]!.replace(/\/$/, ''),
    );
    const ordered = config.SERVER_LAYERS.flat()
      .reverse()
      .filter((name) => name !== 'project-root.ts');
    expect(drawn).toEqual(ordered);
  });
});
