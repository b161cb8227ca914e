// One error shape for the whole API, `{ error: { code, message } }`, with the message in the
// caller's language. Unexpected failures are logged and answered without their details.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../errors/domain-error.ts';
import { formatErrorMessage } from '../i18n/error-message.ts';
import { callerLang } from './language.plugin.ts';

function send(request: FastifyRequest, reply: FastifyReply, status: number, code: ErrorCode, params: Record<string, unknown> = {}) {
  const message = formatErrorMessage(callerLang(request), request.user?.timeZone ?? 'UTC', code, params);
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } });
}

function fromFastifyError(error: FastifyError): { status: number; code: ErrorCode; params?: Record<string, unknown> } | undefined {
  if (error.validation) {
    const first = error.validation[0];
    if (first?.keyword === 'maxLength') {
      const field = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { status: 413, code: 'too_long', params: { field, max: (first.params as { limit: number }).limit } };
    }
    const field = (first?.instancePath || `/${(first?.params as { missingProperty?: string } | undefined)?.missingProperty ?? ''}`)
      .replace(/^\//, '').replaceAll('/', '.');
    return { status: 400, code: 'validation', params: { field: field || error.validationContext || 'body' } };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return { status: 413, code: 'payload_too_large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'validation', params: { field: 'body' } };
  }
  if (error.statusCode === 429) return { status: 429, code: 'rate_limited' };
  if (error instanceof SyntaxError || error.statusCode === 400) return { status: 400, code: 'validation', params: { field: 'body' } };
  return undefined;
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return send(request, reply, error.status, error.code, error.params);
    const known = fromFastifyError(error);
    if (known) return send(request, reply, known.status, known.code, known.params);
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 500, 'internal');
  });
}, { name: 'errors' });
