// Rendering contributors' Markdown without letting one text stall the server: the text is
// bounded on its source first (length, nesting), then rendered in a worker thread under a time
// limit, one render at a time per author. Pathological texts get a clear error, never a hang.
import { availableParallelism } from 'node:os';
import { DomainError } from '../errors/domain-error.ts';
import { MAX_MARKDOWN_LENGTH, MAX_NESTING, nestingDepth } from './markdown-limits.ts';
import { markdownToHtml } from './markdown-pipeline.ts';
import { PoolError, WorkerPool } from './worker-pool.ts';

/**
 * Wall-clock limit of one render. A 50,000-character text dense with links and emphasis takes
 * about a second on a busy two-core machine; texts built to be slow take far longer.
 */
export const RENDER_TIME_LIMIT_MS = 3_000;

// Bundled, this module lives in dist/server/main.js and the worker beside it (see build:server).
const fromSource = import.meta.url.endsWith('.ts');
const pool = new WorkerPool({
  file: new URL(fromSource ? './markdown.worker.ts' : './markdown.worker.js', import.meta.url),
  size: Math.max(2, Math.min(4, availableParallelism() - 1)),
  timeoutMs: RENDER_TIME_LIMIT_MS,
  startTimeoutMs: 60_000,
  idleMs: 30_000,
  maxQueued: 200,
  maxPerOwner: 4,
  // A render that escapes the limits above dies alone, not with the server.
  resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
});

export interface RenderContext {
  /** The request field the text came from, named in errors. */
  field: string;
  /** The author, whose renders run one at a time; none for the site's own content. */
  authorId?: number;
}

function assertWithinLimits(markdown: string, field: string): void {
  if (markdown.length > MAX_MARKDOWN_LENGTH) throw new DomainError('too_long', { field, max: MAX_MARKDOWN_LENGTH });
  if (nestingDepth(markdown) > MAX_NESTING) throw new DomainError('too_deeply_nested', { field, max: MAX_NESTING });
}

/** Sanitized HTML for a contributor's Markdown, or a DomainError saying why the text cannot be rendered. */
export async function renderMarkdown(markdown: string, { field, authorId }: RenderContext): Promise<string> {
  assertWithinLimits(markdown, field);
  try {
    return await pool.run(markdown, authorId === undefined ? undefined : `user:${authorId}`);
  } catch (error) {
    if (!(error instanceof PoolError)) throw error;
    if (error.reason === 'busy') throw new DomainError('rate_limited');
    if (error.reason === 'unavailable') throw error;
    throw new DomainError('too_complex', { field });
  }
}

/**
 * The site's own content files, imported by an operator before the server listens or from the
 * command line: the same limits, rendered in place, as no request waits behind them.
 */
export function renderContentMarkdown(markdown: string, field: string): string {
  assertWithinLimits(markdown, field);
  return markdownToHtml(markdown);
}
