// An app under test listening on a free loopback port, for the tests that need a real socket
// (live WebSocket clients, links followed with fetch).
import type { FastifyInstance } from 'fastify';

/** Starts listening on 127.0.0.1 (a free port) and returns the base URL, e.g. http://127.0.0.1:41234. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}
