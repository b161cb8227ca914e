// Replies as the SPA sends them: a fresh idempotency key each, the session cookie and this
// site's Origin (the origin check compares it with the Host header), a Markdown body in one
// of the forum's languages.
import { randomUUID } from 'node:crypto';
import type { HttpRequestSpec } from './http-load.ts';
import { composeBody } from './post-bodies.ts';
import { drawLang } from './forum-plan.ts';
import { intBetween, pick, seededRandom } from './random.ts';

export interface ReplyTarget {
  threadId: number;
  /** Posts of the thread a reply may answer; with none it answers the opening post. */
  postIds: readonly number[];
}

/** A generator of reply requests spread over threads, parents and members. */
export function replyRequests(
  appUrl: string,
  targets: readonly ReplyTarget[],
  cookies: readonly string[],
): () => HttpRequestSpec {
  const random = seededRandom(7);
  // Pre-composed bodies: the load generator shares the CPU with the server and should spend it sending.
  const bodies = Array.from({ length: 60 }, () => {
    const lang = drawLang(random);
    return { lang, bodyMd: composeBody(random, lang, intBetween(random, 15, 80)) };
  });
  return () => {
    const target = pick(random, targets);
    const body = pick(random, bodies);
    const parentId = random() < 0.5 || target.postIds.length === 0 ? undefined : pick(random, target.postIds);
    return {
      method: 'POST',
      path: `/api/threads/${target.threadId}/posts`,
      headers: { cookie: pick(random, cookies), origin: appUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ bodyMd: body.bodyMd, lang: body.lang, idempotencyKey: randomUUID(), parentId }),
    };
  };
}
