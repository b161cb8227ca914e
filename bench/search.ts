// Search on the benchmark forum: a common word, a rare word and a phrase, each loaded like the
// thread page and reported as its cost in thread pages of the same run (design.md: a search
// costs no more than 2), with the statement's EXPLAIN ANALYZE, which must use the GIN indexes.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { matchesQuery } from '../server/search/search.queries.ts';
import { SEARCH_PAGE_SIZE } from '../server/search/search.schemas.ts';
import { runLoad, type LoadResult } from './http-load.ts';
import type { ServerHandle } from './server-process.ts';
import { percentile } from './percentiles.ts';
import { HTTP_LOAD } from './settings.ts';

/** A word no seeded template uses, written into a few posts so that it is rare. */
const RARE_WORD = 'quinoa';
const RARE_POSTS = 5;

export const SEARCH_QUERIES = [
  { label: 'common word', q: 'cooperative' },
  { label: 'rare word', q: RARE_WORD },
  { label: 'phrase', q: '"participatory budgeting"' },
] as const;

export interface SearchBench {
  /** `aloneMs`: the median of a few requests sent one at a time, so a search that saturates the server still shows its own latency. */
  loads: { label: string; q: string; hits: number; statements: number; aloneMs: number; load: LoadResult }[];
  plans: { label: string; plan: string[]; usesIndex: boolean }[];
}

/** Appends the rare word to a few posts: the generated column re-indexes them in the same statement. */
export async function plantRareWord(db: Kysely<DB>, slug: string): Promise<void> {
  await sql`UPDATE posts SET body_md = body_md || ${` ${RARE_WORD} growers`}
    WHERE id IN (SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id JOIN forums f ON f.id = t.forum_id
      WHERE f.slug = ${slug} ORDER BY p.id LIMIT ${RARE_POSTS})`.execute(db);
}

export async function measureSearch(
  server: ServerHandle,
  db: Kysely<DB>,
  app: string,
  cookies: readonly string[],
  reader: { id: number; forumSlug: string },
): Promise<SearchBench> {
  const forum = await db
    .selectFrom('forums')
    .select('id')
    .where('slug', '=', reader.forumSlug)
    .executeTakeFirstOrThrow();
  const loads: SearchBench['loads'] = [];
  const plans: SearchBench['plans'] = [];
  for (const { label, q } of SEARCH_QUERIES) {
    const url = `${app}/api/search?${new URLSearchParams({ q })}`;
    const first = (await (await fetch(url, { headers: { cookie: cookies[0]! } })).json()) as { results?: unknown[] };
    // Counted whatever the answer: a search bounded by its time limit answers 400 and still ran its statements.
    const statements = (
      await server.traceStatements(() => fetch(url, { headers: { cookie: cookies[0]! } }).then((r) => r.arrayBuffer()))
    ).length;
    const alone: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      await (await fetch(url, { headers: { cookie: cookies[i % cookies.length]! } })).arrayBuffer();
      alone.push(performance.now() - started);
    }
    const load = await runLoad(server, {
      name: `GET search: ${label} ${q}`,
      url,
      cookies,
      durationSeconds: HTTP_LOAD.shortDurationSeconds,
    });
    loads.push({
      label,
      q,
      hits: first.results?.length ?? 0,
      statements,
      aloneMs: Math.round(percentile(alone, 50)),
      load,
    });
    const now = new Date();
    const compiled = matchesQuery(
      q,
      { readerId: reader.id, organizerForums: [], memberForums: [forum.id], archiveForums: [], preparedWeeks: [] },
      {},
      null,
      now,
      now,
      SEARCH_PAGE_SIZE + 1,
    ).compile(db);
    const explained = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${compiled.sql}`, [...compiled.parameters]),
    );
    const plan = explained.rows.map((row) => row['QUERY PLAN']);
    plans.push({ label, plan, usesIndex: plan.some((line) => /Bitmap Index Scan on posts_search_idx/.test(line)) });
  }
  return { loads, plans };
}
