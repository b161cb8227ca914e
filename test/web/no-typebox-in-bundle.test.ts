// The SPA takes the API's shapes from the server's TypeBox schemas as types only (`import type`
// of `Static<typeof …>`), erased at build: TypeBox itself must never reach the browser. The SPA is
// built in memory, as `npm run build:web` builds it, and every JavaScript chunk is searched for
// the keys TypeBox's runtime puts on each schema it makes and reads in each check it runs. A small
// bundle that does import TypeBox shows that the search finds them.
import path from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

/** Property keys of TypeBox's schemas (`{ '~kind': 'Object', … }`), in no code of ours. */
const TYPEBOX_MARKERS = ['~kind', '~optional', '~readonly', '~refine', '~codec'];

const root = path.resolve('.');

function chunksOf(output: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  const outputs = Array.isArray(output) ? output : [output as Rolldown.RolldownOutput];
  return outputs.flatMap((one) => one.output.filter((item): item is Rolldown.OutputChunk => item.type === 'chunk'));
}

function markersIn(chunks: Rolldown.OutputChunk[]): { file: string; marker: string }[] {
  return chunks.flatMap((chunk) =>
    TYPEBOX_MARKERS.filter((marker) => chunk.code.includes(marker)).map((marker) => ({ file: chunk.fileName, marker })),
  );
}

/** A one-module bundle that makes a schema at run time, as a careless `import` would. */
function typeboxCanary(): Plugin {
  const id = 'virtual:typebox-canary';
  return {
    name: 'typebox-canary',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (resolved) =>
      resolved === `\0${id}`
        ? `import { Type } from 'typebox';\nconsole.log(Type.Object({ a: Type.String() }));\n`
        : null,
  };
}

describe('the SPA bundle', () => {
  it('finds TypeBox when a bundle imports it', async () => {
    const output = await build({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [typeboxCanary()],
      build: { write: false, rolldownOptions: { input: 'virtual:typebox-canary' } },
    });
    expect(markersIn(chunksOf(output)).map(({ marker }) => marker)).toContain('~kind');
  });

  it('carries no TypeBox runtime code', async () => {
    const output = await build({
      configFile: path.join(root, 'web/vite.config.ts'),
      logLevel: 'silent',
      build: { write: false },
    });
    const chunks = chunksOf(output);
    expect(chunks.length).toBeGreaterThan(10);
    expect(markersIn(chunks)).toEqual([]);
  }, 60_000);
});
