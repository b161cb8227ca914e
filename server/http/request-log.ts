// Fastify's per-request log lines, at a level that says whether anyone should look: a slow
// request warns, a failure is an error, a refusal worth noticing (rate limit) is info, and
// everything else is debug, so a normal day's clicking leaves the info log quiet.
// @see https://fastify.dev/docs/latest/Reference/Server/#factory-log-controller
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** A request that took longer than this, in milliseconds, is logged as a warning. */
export const SLOW_REQUEST_MS = 500;

type Level = 'debug' | 'info' | 'warn' | 'error';

function levelOf(statusCode: number, durationMs: number, failed: boolean): Level {
  if (failed || (statusCode >= 500 && statusCode !== 503)) return 'error';
  if (durationMs > SLOW_REQUEST_MS) return 'warn';
  // Not ready (a database or LISTEN outage) is a state reported on every probe, not a fault.
  if (statusCode === 503) return 'warn';
  if (statusCode === 429) return 'info';
  return 'debug';
}

export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const durationMs = Math.round(reply.elapsedTime);
    const level = levelOf(reply.statusCode, durationMs, Boolean(error));
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      durationMs,
      ...(error ? { err: error } : {}),
    };
    reply.log[level](line, level === 'warn' && durationMs > SLOW_REQUEST_MS ? 'slow request' : 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url }, 'route not found');
  }
}
