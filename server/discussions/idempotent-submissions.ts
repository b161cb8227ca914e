// One answer per idempotency key. A submission whose key is already stored, or is being handled
// on this instance, is a replay: it skips the per-writer rate limit and the Markdown render and
// gets the first submission's post. Across instances the key's advisory lock and the replay check
// inside the write's transaction (posts.service.ts) still make one row.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findPostByIdempotencyKey } from './posts.queries.ts';

interface Flight {
  fingerprint: string;
  result: Promise<unknown>;
}

const inFlight = new Map<string, Flight>();
const replays = new WeakSet<FastifyRequest>();

const flightKey = (authorId: number, key: string) => `${authorId}\u0000${key}`;

/** What a replay must repeat to be one: the thread, the parent and the text. */
export function fingerprintOf(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/**
 * Runs a submission once per (author, key, content) on this instance: a concurrent one with the
 * same content waits for the first and shares its result (or its error); one with other content
 * waits, then runs, and meets the key's conflict check.
 */
export async function submitOnce<T>(
  authorId: number,
  key: string,
  fingerprint: string,
  run: () => Promise<T>,
): Promise<T> {
  const id = flightKey(authorId, key);
  const current = inFlight.get(id);
  if (current?.fingerprint === fingerprint) return current.result as Promise<T>;
  if (current) await current.result.catch(() => undefined);
  const result = run();
  const flight = { fingerprint, result };
  inFlight.set(id, flight);
  try {
    return await result;
  } finally {
    if (inFlight.get(id) === flight) inFlight.delete(id);
  }
}

/** A preHandler placed before the rate limit: marks a request whose key was already submitted. */
export function markReplays(db: Kysely<DB>) {
  return async (request: FastifyRequest) => {
    const key = (request.body as { idempotencyKey?: unknown } | undefined)?.idempotencyKey;
    if (!request.user || typeof key !== 'string') return;
    if (inFlight.has(flightKey(request.user.id, key)) || (await findPostByIdempotencyKey(db, request.user.id, key)))
      replays.add(request);
  };
}

/** The per-writer limit on new posts, which a replay does not count against (it runs after markReplays). */
export function postRateLimit(options: { max: number; windowMs: number }) {
  return {
    max: options.max,
    timeWindow: options.windowMs,
    hook: 'preHandler' as const,
    // Per writer, not per address: a cohort may share one office connection.
    keyGenerator: (request: FastifyRequest) => (request.user ? `user:${request.user.id}` : `ip:${request.ip}`),
    allowList: (request: FastifyRequest) => replays.has(request),
  };
}
