// One error shape for the whole API, `{ error: { code, message } }`, with the message in the
// caller's language. Unexpected failures are logged and answered without their details. The
// same shape answers what fails before routing: a malformed URL (Fastify's frameworkErrors)
// and a request Node cannot parse at all (its clientError, before Fastify sees a request).
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import { formatErrorMessage } from '../i18n/error-message.ts';
import { langFromAcceptLanguage } from '../i18n/i18n.ts';
import { callerLang } from './language.plugin.ts';

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  params: Record<string, unknown> = {},
) {
  const message = formatErrorMessage(callerLang(request), request.user?.timeZone ?? 'UTC', code, params);
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } });
}

function fromFastifyError(
  error: FastifyError,
): { status: number; code: ErrorCode; params?: Record<string, unknown> } | undefined {
  if (error.validation) {
    const first = error.validation[0];
    if (first?.keyword === 'maxLength') {
      const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { status: 413, code: 'too_long', params: { field, max: (first.params as { limit: number }).limit } };
    }
    const field = (
      first?.instancePath || `/${(first?.params as { missingProperty?: string } | undefined)?.missingProperty ?? ''}`
    )
      .replace(/^\//, '')
      .replaceAll('/', '.');
    return { status: 400, code: 'validation', params: { field: field || error.validationContext || 'body' } };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'validation', params: { field: 'body' } };
    // A path parameter longer than any id or slug names nothing here.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 404, code: 'not_found' };
    case 'FST_ERR_BAD_URL':
      return { status: 400, code: 'malformed_request' };
  }
  switch (error.statusCode) {
    case 401:
      return { status: 401, code: 'sign_in_required' };
    case 403:
      return { status: 403, code: 'forbidden' };
    case 404:
      return { status: 404, code: 'not_found' };
    case 413:
      return { status: 413, code: 'payload_too_large' };
    // An unknown Content-Type, or a Content-Encoding the server cannot undo.
    case 415:
      return { status: 415, code: 'unsupported_media_type' };
    case 429:
      return { status: 429, code: 'rate_limited' };
    // Every other status, or none, is decided below.
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400)
    return { status: 400, code: 'validation', params: { field: 'body' } };
  // Any other refusal of the request by a plugin: a client error, never a 500.
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return { status: 400, code: 'malformed_request' };
  return undefined;
}

/** Fastify's errors raised before a route is found: a malformed URL, an overlong path parameter. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = fromFastifyError(error) ?? { status: 400, code: 'malformed_request' as const };
  // A reply is thenable, but send() has sent it: Fastify expects nothing back from this handler.
  void send(request, reply, known.status, known.code, known.params);
}

const clientErrors: Record<string, { status: number; reason: string; code: ErrorCode }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request_timeout' },
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'headers_too_large' },
};

/**
 * A request Node's parser refuses (a body longer than its Content-Length, a bad header, an
 * unknown method) has no request object: the answer is written on the socket, in the language
 * its headers asked for when they were read, and the connection closed.
 * @see https://nodejs.org/api/http.html#event-clienterror
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason, code } = clientErrors[error.code] ?? {
    status: 400,
    reason: 'Bad Request',
    code: 'malformed_request',
  };
  // Node hands a Buffer; Fastify's types describe its JSON form.
  const packet: unknown = error.rawPacket;
  const acceptLanguage = /^accept-language:[ \t]*(.*)$/im.exec(
    Buffer.isBuffer(packet) ? packet.toString('latin1') : '',
  )?.[1];
  const body = JSON.stringify({
    error: { code, message: formatErrorMessage(langFromAcceptLanguage(acceptLanguage) ?? 'en', 'UTC', code) },
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof DomainError) return send(request, reply, error.status, error.code, error.params);
      const known = fromFastifyError(error);
      if (known) return send(request, reply, known.status, known.code, known.params);
      request.log.error({ err: error }, 'unhandled error');
      return send(request, reply, 500, 'internal');
    });
  },
  { name: 'errors' },
);
